//! Error: la versión «paralela» recorre los trozos con un iterador normal (`into_iter` en
//! lugar de `into_par_iter`). El resultado es correcto, pero todo lo hace un solo hilo.
//!
//! Debe fallar: paralelo_trabajan_varios_hilos_a_la_vez
//! Motivo: no todos a la vez

#[allow(dead_code)]
#[path = "../../../solutions/matrices/src/lib.rs"]
mod correcta;
pub use correcta::*;
use ndarray::{Array2, ArrayView2, Axis, Zip};

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
    if a.nrows() == 0 {
        return Ok(c);
    }
    let tam = a.nrows().div_ceil(tareas);
    for (trozo_a, mut trozo_c) in a
        .axis_chunks_iter(Axis(0), tam)
        .zip(c.axis_chunks_iter_mut(Axis(0), tam))
    {
        for (fila_a, mut fila_c) in trozo_a.rows().into_iter().zip(trozo_c.rows_mut()) {
            for (&a_ik, fila_b) in fila_a.iter().zip(b.rows()) {
                Zip::from(&mut fila_c)
                    .and(&fila_b)
                    .for_each(|c, &x| *c = *c + a_ik * x);
            }
        }
    }
    Ok(c)
}
