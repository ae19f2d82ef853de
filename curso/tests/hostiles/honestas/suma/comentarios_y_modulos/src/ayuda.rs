//! La versión con rayon. Un `#[doc = include_str!("…")]` aquí sería trampa; esto no.

use rayon::prelude::*;

/// Como `std::env::var("CURSO_X")`, pero sin leer nada: es un comentario de documentación.
pub fn suma_rayon<T: Copy + Into<u64> + Sync>(datos: &[T]) -> u128 {
    datos
        .par_iter()
        .map(|&x| {
            let x: u64 = x.into();
            u128::from(x)
        })
        .sum()
}
