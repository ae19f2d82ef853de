//! # Solución de referencia: suma paralela
//!
//! Misma API que `exercises/suma`. Cada función es la forma más sencilla que cumple el
//! contrato y va rápida; los comentarios explican el porqué de cada decisión.

use rayon::prelude::*;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Error de una suma paralela mal pedida.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorSuma {
    /// Se pidieron cero hilos: sin hilos no hay quien sume.
    CeroHilos,
}

impl fmt::Display for ErrorSuma {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorSuma::CeroHilos => write!(f, "hace falta al menos un hilo para sumar"),
        }
    }
}

impl std::error::Error for ErrorSuma {}

/// Suma todos los elementos en el hilo actual, en un acumulador `u128`.
pub fn suma_secuencial<T>(datos: &[T]) -> u128
where
    T: Copy + Into<u64>,
{
    // Convertir cada elemento a u128 antes de sumar hace imposible el desbordamiento:
    // harían falta más de 2^64 elementos de valor máximo.
    datos.iter().map(|&x| u128::from(x.into())).sum()
}

/// Suma en `hilos` trozos contiguos, un hilo con ámbito por trozo.
pub fn suma_hilos<T>(datos: &[T], hilos: usize) -> Result<u128, ErrorSuma>
where
    T: Copy + Into<u64> + Sync,
{
    if hilos == 0 {
        return Err(ErrorSuma::CeroHilos);
    }
    // Nunca más hilos que elementos: un hilo sin trabajo solo cuesta.
    let hilos = hilos.min(datos.len());
    if hilos == 0 {
        return Ok(0);
    }
    // Trozos de tamaño `base`, y los `resto` primeros con un elemento más: con 10 elementos
    // y 3 hilos, 4 + 3 + 3. Así hay exactamente `hilos` trozos que difieren en uno como mucho
    // (con `chunks(len.div_ceil(hilos))` saldrían 4 + 4 + 2, y con 4 elementos y 3 hilos,
    // solo dos trozos).
    let (base, resto) = (datos.len() / hilos, datos.len() % hilos);
    let inicio = |i: usize| i * base + i.min(resto);
    let total = std::thread::scope(|s| {
        // Primero se lanzan todos los hilos y después se espera a todos: si se esperara a
        // cada uno justo después de lanzarlo, la suma sería secuencial.
        let manejadores: Vec<_> = (0..hilos)
            .map(|i| {
                let trozo = &datos[inicio(i)..inicio(i + 1)];
                s.spawn(move || suma_secuencial(trozo))
            })
            .collect();
        manejadores
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .sum()
    });
    Ok(total)
}

/// Suma con rayon: `par_iter` divide el trabajo y el robo de trabajo lo reparte.
pub fn suma_rayon<T>(datos: &[T]) -> u128
where
    T: Copy + Into<u64> + Sync,
{
    datos.par_iter().map(|&x| u128::from(x.into())).sum()
}

/// Tareas desiguales con balanceo de carga dinámico: una cola implícita de tareas.
pub fn sumas_por_tarea<F>(tareas: &[u64], hilos: usize, valor: F) -> Result<Vec<u128>, ErrorSuma>
where
    F: Fn(u64) -> u64 + Sync,
{
    if hilos == 0 {
        return Err(ErrorSuma::CeroHilos);
    }
    // La "cola" es un índice atómico: cada hilo reserva la siguiente tarea libre con
    // fetch_add. Quien acaba pronto vuelve a por más; nadie se queda mirando.
    let siguiente = AtomicUsize::new(0);
    let trabajador = || {
        let mut hechas = Vec::new();
        loop {
            // Relaxed basta: el contador solo reparte índices; los resultados vuelven por
            // `join`, que ya sincroniza.
            let i = siguiente.fetch_add(1, Ordering::Relaxed);
            let Some(&n) = tareas.get(i) else {
                return hechas;
            };
            let suma: u128 = (1..=n).map(|k| u128::from(valor(k))).sum();
            hechas.push((i, suma));
        }
    };
    let mut resultados = vec![0; tareas.len()];
    std::thread::scope(|s| {
        let manejadores: Vec<_> = (0..hilos.min(tareas.len()))
            .map(|_| s.spawn(trabajador))
            .collect();
        for manejador in manejadores {
            let hechas = manejador
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            for (i, suma) in hechas {
                resultados[i] = suma;
            }
        }
    });
    Ok(resultados)
}
