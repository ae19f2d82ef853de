//! Error: el trozo `t` del resultado se rellena con las filas de A del trozo simétrico
//! (`trozos - 1 - t`): cada tarea escribe en sus filas, pero calcula las de otra.
//!
//! Debe fallar: paralelo_coincide_con_la_referencia, paralelo_coincide_con_dot_salvo_redondeo
//! Motivo de paralelo_coincide_con_la_referencia: la tarea calculó filas que no eran las suyas
//! Motivo de paralelo_coincide_con_dot_salvo_redondeo: es demasiado grande

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
    let tam = a.nrows().div_ceil(tareas);
    let trozos_a: Vec<_> = a.axis_chunks_iter(Axis(0), tam).collect();
    let total = trozos_a.len();
    c.axis_chunks_iter_mut(Axis(0), tam)
        .into_par_iter()
        .enumerate()
        .for_each(|(t, mut trozo)| {
            let trozo_a = trozos_a[total - 1 - t];
            for (fila_a, mut fila_c) in trozo_a.rows().into_iter().zip(trozo.rows_mut()) {
                for (&a_ik, fila_b) in fila_a.iter().zip(b.rows()) {
                    Zip::from(&mut fila_c)
                        .and(&fila_b)
                        .for_each(|c, &x| *c = *c + a_ik * x);
                }
            }
        });
    Ok(c)
}
