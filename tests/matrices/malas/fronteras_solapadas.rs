//! Error: cada tarea calcula las filas `inicio..=fin` (con `..=`), así que la fila de la
//! frontera entre dos tareas la calculan las dos. Como el resultado se guarda con `=` bajo
//! un `Mutex`, los valores salen bien: solo se hace trabajo de más, y dos tareas escriben
//! la misma fila.
//!
//! Debe fallar: paralelo_cada_fila_la_calcula_una_sola_tarea
//! Motivo: sobran productos

#[allow(dead_code)]
#[path = "../../../solutions/matrices/src/lib.rs"]
mod correcta;
pub use correcta::*;
use ndarray::{Array1, Array2, ArrayView2, Zip};
use rayon::prelude::*;
use std::sync::Mutex;

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
    let filas = a.nrows();
    let c = Mutex::new(Array2::from_elem((filas, b.ncols()), T::CERO));
    if filas == 0 {
        return Ok(c.into_inner().unwrap());
    }
    let tam = filas.div_ceil(tareas);
    (0..filas.div_ceil(tam)).into_par_iter().for_each(|t| {
        let fin = ((t + 1) * tam).min(filas - 1);
        for i in t * tam..=fin {
            let mut fila = Array1::from_elem(b.ncols(), T::CERO);
            for (&a_ik, fila_b) in a.row(i).iter().zip(b.rows()) {
                Zip::from(&mut fila)
                    .and(&fila_b)
                    .for_each(|c, &x| *c = *c + a_ik * x);
            }
            c.lock().unwrap().row_mut(i).assign(&fila);
        }
    });
    Ok(c.into_inner().unwrap())
}
