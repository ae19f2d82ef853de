//! Correcta, aunque distinta de la referencia: recorre las k de la última a la primera y
//! reparte cada trozo con `par_chunks_mut` sobre el slice del resultado. Las sumas van en
//! otro orden y el redondeo cambia en los últimos bits: la suite, que compara con
//! tolerancia, debe aceptarla.

#[allow(dead_code)]
#[path = "../../../solutions/matrices/src/lib.rs"]
mod correcta;
pub use correcta::*;
use ndarray::{Array2, ArrayView1, ArrayView2};
use rayon::prelude::*;

fn fila<T: Escalar>(fila_a: ArrayView1<'_, T>, b: ArrayView2<'_, T>, salida: &mut [T]) {
    for k in (0..fila_a.len()).rev() {
        let a_ik = fila_a[k];
        for (c, &x) in salida.iter_mut().zip(b.row(k)) {
            *c = *c + a_ik * x;
        }
    }
}

fn comprobar<T>(a: &ArrayView2<'_, T>, b: &ArrayView2<'_, T>) -> Result<(), ErrorMatrices> {
    if a.ncols() == b.nrows() {
        Ok(())
    } else {
        Err(ErrorMatrices::FormasIncompatibles {
            izquierda: a.dim(),
            derecha: b.dim(),
        })
    }
}

pub fn multiplicar_secuencial<T: Escalar>(
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
) -> Result<Array2<T>, ErrorMatrices> {
    comprobar(&a, &b)?;
    let n = b.ncols();
    let mut c = vec![T::CERO; a.nrows() * n];
    if n > 0 {
        for (i, salida) in c.chunks_mut(n).enumerate() {
            fila(a.row(i), b, salida);
        }
    }
    Ok(Array2::from_shape_vec((a.nrows(), n), c).expect("forma correcta"))
}

pub fn multiplicar_filas_paralelo<T: Escalar>(
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
    tareas: usize,
) -> Result<Array2<T>, ErrorMatrices> {
    if tareas == 0 {
        return Err(ErrorMatrices::CeroTareas);
    }
    comprobar(&a, &b)?;
    let (m, n) = (a.nrows(), b.ncols());
    let mut c = vec![T::CERO; m * n];
    if m > 0 && n > 0 {
        let filas_por_tarea = m.div_ceil(tareas);
        c.par_chunks_mut(filas_por_tarea * n)
            .enumerate()
            .for_each(|(t, trozo)| {
                for (d, salida) in trozo.chunks_mut(n).enumerate() {
                    fila(a.row(t * filas_por_tarea + d), b, salida);
                }
            });
    }
    Ok(Array2::from_shape_vec((m, n), c).expect("forma correcta"))
}
