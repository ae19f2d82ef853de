//! # Ejercicio: multiplicación de matrices
//!
//! Lee el capítulo «Multiplicación de matrices» del libro antes de empezar. Sustituye cada
//! `todo!()` por tu código y comprueba tu trabajo con:
//!
//! ```text
//! cargo test -p matrices
//! ```
//!
//! Las matrices son vistas de ndarray (`ArrayView2`): de una `Array2` se obtienen con
//! `.view()`, y también pueden ser trasposiciones (`.t()`) o cortes (`.slice(...)`), que
//! no están contiguas en memoria. Los elementos son de cualquier tipo [`Escalar`]: en el
//! programa, `f64`; en las pruebas, además, enteros (resultados exactos) y un tipo espía
//! que anota qué hilo hace cada producto.

use ndarray::{Array2, ArrayView2};
use std::fmt;
use std::ops::{Add, Mul};

/// Los números que se pueden multiplicar: `f64`, `f32`, `i64`, `i32`, `u64` y `u32`.
///
/// Con un `T: Escalar` se puede sumar (`x + y`), multiplicar (`x * y`), copiar y compartir
/// entre hilos; [`Escalar::CERO`] es el valor inicial de cada elemento del resultado.
pub trait Escalar: Copy + Send + Sync + Add<Output = Self> + Mul<Output = Self> {
    /// El cero del tipo: el valor inicial de cada elemento del resultado.
    const CERO: Self;
}

macro_rules! escalar {
    ($($tipo:ty: $cero:expr),* $(,)?) => {
        $(impl Escalar for $tipo {
            const CERO: Self = $cero;
        })*
    };
}

escalar!(f64: 0.0, f32: 0.0, i64: 0, i32: 0, u64: 0, u32: 0);

/// Por qué no se puede hacer una multiplicación.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorMatrices {
    /// Las columnas de la primera matriz no coinciden con las filas de la segunda. Las
    /// formas van como `(filas, columnas)`, las de ndarray con `.dim()`.
    FormasIncompatibles {
        izquierda: (usize, usize),
        derecha: (usize, usize),
    },
    /// La matriz triangular no es cuadrada.
    NoCuadrada { filas: usize, columnas: usize },
    /// Se pidieron cero tareas: sin tareas no hay quien calcule.
    CeroTareas,
}

impl fmt::Display for ErrorMatrices {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ErrorMatrices::FormasIncompatibles {
                izquierda: (m, k1),
                derecha: (k2, n),
            } => write!(
                f,
                "no se puede multiplicar una matriz de {m} × {k1} por una de {k2} × {n}: \
                 las columnas de la primera ({k1}) deben ser tantas como las filas de la \
                 segunda ({k2})"
            ),
            ErrorMatrices::NoCuadrada { filas, columnas } => write!(
                f,
                "la matriz triangular debe ser cuadrada, y es de {filas} × {columnas}"
            ),
            ErrorMatrices::CeroTareas => {
                write!(
                    f,
                    "hace falta al menos una tarea para multiplicar en paralelo"
                )
            }
        }
    }
}

impl std::error::Error for ErrorMatrices {}

/// Producto A·B en el hilo que llama, con los bucles en el orden *ikj*.
///
/// Contrato:
/// - A es m × k y B es k × n; el resultado es m × n, con
///   `C[i, j] = Σₖ A[i, k] · B[k, j]`. Ninguna de las tres tiene por qué ser cuadrada.
/// - Si las columnas de A no son tantas como las filas de B, devuelve
///   `Err(ErrorMatrices::FormasIncompatibles { izquierda: a.dim(), derecha: b.dim() })`,
///   sin entrar en pánico.
/// - Las matrices vacías valen: m × 0 por 0 × n es una matriz m × n de ceros.
/// - Cada producto `A[i, k] · B[k, j]` se calcula exactamente una vez.
/// - `a` y `b` pueden ser vistas no contiguas (`.t()`, cortes con salto).
pub fn multiplicar_secuencial<T: Escalar>(
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
) -> Result<Array2<T>, ErrorMatrices> {
    let _ = (a, b);
    todo!("comprueba las formas y multiplica en el orden ikj")
}

/// Producto A·B con las filas del resultado repartidas entre tareas de rayon.
///
/// Contrato:
/// - El mismo resultado y los mismos errores que [`multiplicar_secuencial`].
/// - Las filas del resultado se cortan en trozos contiguos de `filas.div_ceil(tareas)`
///   filas (el último puede tener menos); cada trozo es una tarea de rayon, dueña de sus
///   filas. Cada fila la calcula una sola tarea, y una sola vez.
/// - Las tareas se ejecutan en el conjunto de hilos de rayon actual (el global, o el de
///   un `ThreadPool::install`), y a la vez.
/// - `tareas == 0` devuelve `Err(ErrorMatrices::CeroTareas)` (antes de mirar las formas);
///   más tareas que filas vale.
pub fn multiplicar_filas_paralelo<T: Escalar>(
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
    tareas: usize,
) -> Result<Array2<T>, ErrorMatrices> {
    let _ = (a, b, tareas);
    todo!("reparte las filas del resultado con axis_chunks_iter_mut y into_par_iter")
}

/// Producto L·B de una matriz triangular inferior L (n × n) por B (n × p), con las filas
/// repartidas como en [`multiplicar_filas_paralelo`].
///
/// Contrato:
/// - Solo se leen los elementos de L en la diagonal o por debajo (`L[i, k]` con `k ≤ i`):
///   los de encima se consideran ceros, valgan lo que valgan. La fila `i` hace
///   exactamente `(i + 1) · p` productos.
/// - Errores, en este orden: `tareas == 0` da `Err(ErrorMatrices::CeroTareas)`; L no
///   cuadrada, `Err(ErrorMatrices::NoCuadrada { filas, columnas })`; y formas que no
///   encajan, `Err(ErrorMatrices::FormasIncompatibles { .. })`.
/// - El reparto en tareas es el mismo que en [`multiplicar_filas_paralelo`]. Aquí las
///   filas no cuestan lo mismo: la última cuesta n veces más que la primera.
pub fn multiplicar_triangular_paralelo<T: Escalar>(
    l: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
    tareas: usize,
) -> Result<Array2<T>, ErrorMatrices> {
    let _ = (l, b, tareas);
    todo!("como multiplicar_filas_paralelo, pero la fila i solo usa L[i, ..=i]")
}
