//! Error: no comprueba las formas. Con formas incompatibles, el pánico sale de dentro de
//! ndarray («index out of bounds» o un `Zip` con longitudes distintas), y quien llama no
//! sabe qué hizo mal.
//!
//! Debe fallar: secuencial_con_formas_incompatibles_da_un_error, paralelo_con_formas_incompatibles_da_un_error
//! Motivo: y devolvió un pánico

#[allow(dead_code)]
#[path = "../../../solutions/matrices/src/lib.rs"]
mod correcta;
pub use correcta::*;
use ndarray::{Array2, ArrayView2};

pub fn multiplicar_secuencial<T: Escalar>(
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
) -> Result<Array2<T>, ErrorMatrices> {
    let mut c = Array2::from_elem((a.nrows(), b.ncols()), T::CERO);
    for i in 0..a.nrows() {
        for k in 0..a.ncols() {
            for j in 0..b.ncols() {
                c[[i, j]] = c[[i, j]] + a[[i, k]] * b[[k, j]];
            }
        }
    }
    Ok(c)
}

pub fn multiplicar_filas_paralelo<T: Escalar>(
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
    tareas: usize,
) -> Result<Array2<T>, ErrorMatrices> {
    if tareas == 0 {
        return Err(ErrorMatrices::CeroTareas);
    }
    // Llama a la secuencial, que no comprueba nada; la correcta paralela sí comprobaría.
    multiplicar_secuencial(a, b)
}
