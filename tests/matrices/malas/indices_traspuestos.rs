//! Error: multiplica A·Bᵀ en lugar de A·B: usa `b[[j, k]]` donde va `b[[k, j]]`. Con
//! matrices cuadradas no entra en pánico, pero el resultado es otro.
//!
//! Debe fallar: secuencial_multiplica_matrices_pequenas, secuencial_multiplica_filas_de_a_por_columnas_de_b
//! Motivo de secuencial_multiplica_matrices_pequenas: no coincide con la instantánea oficial
//! Motivo de secuencial_multiplica_filas_de_a_por_columnas_de_b: suele ser un índice cambiado

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
    let mut c = Array2::from_elem((a.nrows(), b.ncols()), T::CERO);
    for i in 0..a.nrows() {
        for k in 0..a.ncols() {
            for j in 0..b.ncols() {
                // Fuera de rango si B no es cuadrada; con cuadradas, A·Bᵀ.
                let b_jk = b.get((j, k)).copied().unwrap_or(T::CERO);
                c[[i, j]] = c[[i, j]] + a[[i, k]] * b_jk;
            }
        }
    }
    Ok(c)
}
