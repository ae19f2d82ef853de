//! Una entrega correcta de `suma`, escrita de otra manera que la solución de referencia.

use rayon::prelude::*;
use std::collections::VecDeque;
use std::fmt;
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorSuma {
    CeroHilos,
}

impl fmt::Display for ErrorSuma {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "hace falta al menos un hilo para sumar")
    }
}

impl std::error::Error for ErrorSuma {}

pub fn suma_secuencial<T: Copy + Into<u64>>(datos: &[T]) -> u128 {
    let mut total = 0u128;
    for &x in datos {
        let x: u64 = x.into();
        total += u128::from(x);
    }
    total
}

pub fn suma_hilos<T: Copy + Into<u64> + Sync>(
    datos: &[T],
    hilos: usize,
) -> Result<u128, ErrorSuma> {
    if hilos == 0 {
        return Err(ErrorSuma::CeroHilos);
    }
    let n = hilos.min(datos.len());
    let mut resto = datos;
    let mut total = 0;
    std::thread::scope(|s| {
        let mut manejadores = Vec::new();
        for i in 0..n {
            // Reparte lo que queda a partes iguales entre los hilos que faltan.
            let (trozo, r) = resto.split_at(resto.len() / (n - i));
            resto = r;
            manejadores.push(s.spawn(move || suma_secuencial(trozo)));
        }
        for m in manejadores {
            total += m.join().unwrap();
        }
    });
    Ok(total)
}

pub fn suma_rayon<T: Copy + Into<u64> + Sync>(datos: &[T]) -> u128 {
    datos
        .par_iter()
        .map(|&x| {
            let x: u64 = x.into();
            u128::from(x)
        })
        .sum()
}

pub fn sumas_por_tarea<F>(tareas: &[u64], hilos: usize, valor: F) -> Result<Vec<u128>, ErrorSuma>
where
    F: Fn(u64) -> u64 + Sync,
{
    if hilos == 0 {
        return Err(ErrorSuma::CeroHilos);
    }
    let cola = Mutex::new((0..tareas.len()).collect::<VecDeque<usize>>());
    let resultados = Mutex::new(vec![0u128; tareas.len()]);
    std::thread::scope(|s| {
        for _ in 0..hilos.min(tareas.len()) {
            s.spawn(|| {
                loop {
                    let Some(i) = cola.lock().unwrap().pop_front() else {
                        break;
                    };
                    let mut suma = 0u128;
                    for k in 1..=tareas[i] {
                        suma += u128::from(valor(k));
                    }
                    resultados.lock().unwrap()[i] = suma;
                }
            });
        }
    });
    Ok(resultados.into_inner().unwrap())
}
