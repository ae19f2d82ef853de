//! Error: trozos de `filas / tareas` filas (redondeo hacia abajo) y solo `tareas` trozos.
//! Si las filas no son múltiplo de las tareas, las últimas `filas % tareas` no las calcula
//! nadie y se quedan a cero.
//!
//! Debe fallar: paralelo_coincide_con_la_referencia, paralelo_cada_fila_la_calcula_una_sola_tarea
//! Motivo de paralelo_coincide_con_la_referencia: nadie las calculó
//! Motivo de paralelo_cada_fila_la_calcula_una_sola_tarea: esa fila no se calculó nunca

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
    if a.nrows() == 0 {
        return Ok(c);
    }
    let tam = (a.nrows() / tareas).max(1);
    c.axis_chunks_iter_mut(Axis(0), tam)
        .into_par_iter()
        .take(tareas)
        .enumerate()
        .for_each(|(t, mut trozo)| {
            for (d, mut fila_c) in trozo.rows_mut().into_iter().enumerate() {
                for (&a_ik, fila_b) in a.row(t * tam + d).iter().zip(b.rows()) {
                    Zip::from(&mut fila_c)
                        .and(&fila_b)
                        .for_each(|c, &x| *c = *c + a_ik * x);
                }
            }
        });
    Ok(c)
}
