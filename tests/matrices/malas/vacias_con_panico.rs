//! Error: no trata aparte las matrices sin filas. Con 0 filas, `filas.div_ceil(tareas)` es
//! 0 y `axis_chunks_iter_mut` con trozos de 0 filas entra en pánico.
//!
//! Debe fallar: paralelo_con_matrices_vacias
//! Motivo: entró en pánico

#[allow(dead_code)]
#[path = "../../../solutions/matrices/src/lib.rs"]
mod correcta;
pub use correcta::*;
use ndarray::{Array2, ArrayView2, Axis, Zip};
use rayon::prelude::*;

pub fn multiplicar_filas_paralelo<T: Escalar>(
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
    tareas: usize,
) -> Result<Array2<T>, ErrorMatrices> {
    if tareas == 0 {
        return Err(ErrorMatrices::CeroTareas);
    }
    if a.ncols() != b.nrows() {
        return Err(ErrorMatrices::FormasIncompatibles {
            izquierda: a.dim(),
            derecha: b.dim(),
        });
    }
    let mut c = Array2::from_elem((a.nrows(), b.ncols()), T::CERO);
    let tam = a.nrows().div_ceil(tareas);
    c.axis_chunks_iter_mut(Axis(0), tam)
        .into_par_iter()
        .zip(a.axis_chunks_iter(Axis(0), tam))
        .for_each(|(mut trozo_c, trozo_a)| {
            for (fila_a, mut fila_c) in trozo_a.rows().into_iter().zip(trozo_c.rows_mut()) {
                for (&a_ik, fila_b) in fila_a.iter().zip(b.rows()) {
                    Zip::from(&mut fila_c)
                        .and(&fila_b)
                        .for_each(|c, &x| *c = *c + a_ik * x);
                }
            }
        });
    Ok(c)
}
