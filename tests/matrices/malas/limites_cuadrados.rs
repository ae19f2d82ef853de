//! Error: todos los bucles van hasta `n = a.nrows()`, como si las matrices fueran
//! cuadradas. Con 3 × 5 por 5 × 2 se sale de rango o se deja columnas sin sumar.
//!
//! Debe fallar: secuencial_acepta_matrices_no_cuadradas
//! Motivo: suele ser un índice cambiado

#[allow(dead_code)]
#[path = "../../../solutions/matrices/src/lib.rs"]
mod correcta;
pub use correcta::*;
use ndarray::{Array2, ArrayView2};

pub fn multiplicar_secuencial<T: Escalar>(
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
) -> Result<Array2<T>, ErrorMatrices> {
    if a.ncols() != b.nrows() {
        return Err(ErrorMatrices::FormasIncompatibles {
            izquierda: a.dim(),
            derecha: b.dim(),
        });
    }
    let n = a.nrows();
    let mut c = Array2::from_elem((n, n), T::CERO);
    for i in 0..n {
        for k in 0..n {
            for j in 0..n {
                c[[i, j]] = c[[i, j]] + a[[i, k]] * b[[k, j]];
            }
        }
    }
    Ok(c)
}
