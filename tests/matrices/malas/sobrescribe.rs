//! Error: `c = a · b` en lugar de `c = c + a · b`. Cada k borra lo que sumaron las
//! anteriores: solo queda el último producto.
//!
//! Debe fallar: secuencial_multiplica_matrices_pequenas, secuencial_multiplica_filas_de_a_por_columnas_de_b, secuencial_coincide_con_dot_salvo_redondeo
//! Motivo de secuencial_multiplica_matrices_pequenas: no coincide con la instantánea oficial
//! Motivo de secuencial_multiplica_filas_de_a_por_columnas_de_b: suele ser un índice cambiado
//! Motivo de secuencial_coincide_con_dot_salvo_redondeo: es demasiado grande

#[allow(dead_code)]
#[path = "../../../solutions/matrices/src/lib.rs"]
mod correcta;
pub use correcta::*;
use ndarray::{Array2, ArrayView2, Zip};

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
    for (fila_a, mut fila_c) in a.rows().into_iter().zip(c.rows_mut()) {
        for (&a_ik, fila_b) in fila_a.iter().zip(b.rows()) {
            Zip::from(&mut fila_c)
                .and(&fila_b)
                .for_each(|c, &b_kj| *c = a_ik * b_kj);
        }
    }
    Ok(c)
}
