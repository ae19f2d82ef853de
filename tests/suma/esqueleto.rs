//! # Ejercicio: suma paralela
//!
//! Lee el capítulo «Suma paralela» del libro antes de empezar. Sustituye cada `todo!()` por
//! tu código y comprueba tu trabajo con:
//!
//! ```text
//! cargo test -p suma
//! ```
//!
//! Los datos son de cualquier tipo `T` que se convierta en `u64` (`u8`, `u16`, `u32`,
//! `u64`...). Lee cada elemento con `x.into()` (con `T: Into<u64>` no existe `u64::from(x)`):
//! las pruebas usan un tipo propio para observar qué hilo lee cada elemento y cuántas veces.

use std::fmt;

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

/// Suma todos los elementos en el hilo actual.
///
/// Devuelve `u128` porque la suma de muchos `u64` no cabe en un `u64`: el total nunca se
/// desborda. Con `datos` vacío devuelve 0.
pub fn suma_secuencial<T>(datos: &[T]) -> u128
where
    T: Copy + Into<u64>,
{
    let _ = datos;
    todo!("suma los elementos en un acumulador u128")
}

/// Suma los elementos repartiéndolos en trozos contiguos entre `hilos` hilos con ámbito
/// (`std::thread::scope`).
///
/// Contrato:
/// - Cada elemento se lee exactamente una vez, también cuando `datos.len()` no es múltiplo
///   de `hilos`.
/// - Trabajan a la vez exactamente `min(hilos, datos.len())` hilos: ni uno más (no crees
///   hilos sin trabajo) ni uno menos. El hilo que llama puede ser uno de ellos.
/// - `hilos == 0` devuelve `Err(ErrorSuma::CeroHilos)`; con `datos` vacío, `Ok(0)`.
/// - El total es `u128` y nunca se desborda.
pub fn suma_hilos<T>(datos: &[T], hilos: usize) -> Result<u128, ErrorSuma>
where
    T: Copy + Into<u64> + Sync,
{
    let _ = (datos, hilos);
    todo!("reparte `datos` en trozos contiguos y súmalos en `std::thread::scope`")
}

/// Suma los elementos con rayon, en el conjunto de hilos global de rayon.
///
/// Debe repartir el trabajo entre varios hilos (rayon lo hace por ti con `par_iter`). El
/// total es `u128` y nunca se desborda.
pub fn suma_rayon<T>(datos: &[T]) -> u128
where
    T: Copy + Into<u64> + Sync,
{
    let _ = datos;
    todo!("usa `par_iter()` de rayon")
}

/// Tareas de coste desigual, como en el ejemplo original de `Pool.map`.
///
/// La tarea `i` consiste en sumar `valor(k)` para `k` en `1..=tareas[i]`: el resultado `i`
/// es esa suma (con `valor = |k| k`, la suma de 1 a n del tutorial original). Llama a
/// `valor` una vez por cada `k`: nada de fórmulas cerradas, porque `valor` puede ser
/// cualquier función.
///
/// Contrato:
/// - Devuelve un resultado por tarea, en el mismo orden que `tareas`.
/// - Usa exactamente `min(hilos, tareas.len())` hilos, y `hilos == 0` devuelve
///   `Err(ErrorSuma::CeroHilos)`.
/// - **Balanceo de carga dinámico**: un hilo que termina su tarea toma la siguiente libre.
///   Mientras un hilo está ocupado con una tarea larga, los demás se reparten el resto
///   (repartir las tareas por adelantado no vale: las pruebas lo detectan).
pub fn sumas_por_tarea<F>(tareas: &[u64], hilos: usize, valor: F) -> Result<Vec<u128>, ErrorSuma>
where
    F: Fn(u64) -> u64 + Sync,
{
    let _ = (tareas, hilos, valor);
    todo!("que cada hilo tome la siguiente tarea libre, por ejemplo con un AtomicUsize")
}
