//! Error: la triangular usa la fila entera de L, también lo que hay encima de la diagonal.
//! Con ceros ahí da lo mismo, pero hace el doble de productos y, si hay basura (las pruebas
//! ponen NaN), el resultado se estropea.
//!
//! Debe fallar: triangular_no_lee_encima_de_la_diagonal, triangular_hace_solo_los_productos_necesarios
//! Motivo de triangular_no_lee_encima_de_la_diagonal: leyó elementos de L por encima de la diagonal
//! Motivo de triangular_hace_solo_los_productos_necesarios: sobran productos

#[allow(dead_code)]
#[path = "../../../solutions/matrices/src/lib.rs"]
mod correcta;
pub use correcta::*;
use ndarray::{Array2, ArrayView2};

pub fn multiplicar_triangular_paralelo<T: Escalar>(
    l: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
    tareas: usize,
) -> Result<Array2<T>, ErrorMatrices> {
    if tareas == 0 {
        return Err(ErrorMatrices::CeroTareas);
    }
    if l.nrows() != l.ncols() {
        return Err(ErrorMatrices::NoCuadrada {
            filas: l.nrows(),
            columnas: l.ncols(),
        });
    }
    multiplicar_filas_paralelo(l, b, tareas)
}
