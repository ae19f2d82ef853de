//! # Solución de referencia: multiplicación de matrices
//!
//! Misma API que `exercises/matrices`. Las tres multiplicaciones comparten una sola pieza,
//! [`acumular_fila`], que calcula una fila del resultado en el orden *ikj*; lo que cambia
//! entre ellas es quién calcula cada fila y qué parte de la fila de A se usa. La versión
//! paralela densa, además, reordena los productos de cada trozo en bloques (módulo
//! [`bloques`]) para que cada dato de B que llega de la memoria se use muchas veces.

mod bloques;

#[doc(hidden)]
pub use bloques::Instrucciones;

use ndarray::{Array2, ArrayView1, ArrayView2, ArrayViewMut1, ArrayViewMut2, Axis, Zip, s};
use rayon::prelude::*;
use std::fmt;
use std::ops::{Add, Mul};

/// Los números que se pueden multiplicar: `f64`, `f32`, `i64`, `i32`, `u64` y `u32`.
///
/// Las pruebas añaden un tipo propio que, al multiplicarse, anota qué hilo hace cada
/// producto; por eso las funciones son genéricas y no usan directamente `f64`.
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
    /// formas van como `(filas, columnas)`.
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

/// Comprueba que A (m × k) y B (k × n) se pueden multiplicar, antes de tocar ningún índice:
/// así un error de forma es un `Err` con un mensaje claro y no un pánico en un bucle.
fn comprobar_formas<T>(a: &ArrayView2<'_, T>, b: &ArrayView2<'_, T>) -> Result<(), ErrorMatrices> {
    if a.ncols() == b.nrows() {
        Ok(())
    } else {
        Err(ErrorMatrices::FormasIncompatibles {
            izquierda: a.dim(),
            derecha: b.dim(),
        })
    }
}

/// Suma a `fila_c` el producto de `fila_a` por B: `fila_c[j] += Σₖ fila_a[k] · B[k, j]`.
///
/// Es el orden *ikj*: para cada `k`, la fila `k` de B se recorre entera y de seguido,
/// igual que `fila_c`. En memoria por filas (la de ndarray por defecto) son dos lecturas
/// contiguas, que la caché y el vectorizador aprovechan. `fila_a` puede ser más corta que
/// las filas de B (en la triangular, solo hasta la diagonal): se usan sus `len()` primeras
/// filas de B.
fn acumular_fila<T: Escalar>(
    fila_a: ArrayView1<'_, T>,
    b: ArrayView2<'_, T>,
    mut fila_c: ArrayViewMut1<'_, T>,
) {
    for (&a_ik, fila_b) in fila_a.iter().zip(b.rows()) {
        // `Zip` recorre las dos filas a la vez; si ambas son contiguas, como dos slices,
        // sin comprobar índices: el compilador lo convierte en instrucciones SIMD.
        Zip::from(&mut fila_c)
            .and(&fila_b)
            .for_each(|c, &b_kj| *c = *c + a_ik * b_kj);
    }
}

/// Producto A·B en el hilo que llama, en el orden *ikj*.
pub fn multiplicar_secuencial<T: Escalar>(
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
) -> Result<Array2<T>, ErrorMatrices> {
    comprobar_formas(&a, &b)?;
    // Las dimensiones salen de las matrices, no de suponer que son cuadradas: m × k por
    // k × n da m × n.
    let mut c = Array2::from_elem((a.nrows(), b.ncols()), T::CERO);
    for (fila_a, fila_c) in a.rows().into_iter().zip(c.rows_mut()) {
        acumular_fila(fila_a, b, fila_c);
    }
    Ok(c)
}

/// Reparte las filas de `c` en trozos contiguos de `filas.div_ceil(tareas)` filas, cada
/// trozo una tarea de rayon, y llama a `calcular(primera, trozo)` para cada trozo, donde
/// `primera` es la fila de `c` en la que empieza.
///
/// `axis_chunks_iter_mut` da vistas **mutables y disjuntas** de `c`: cada tarea es dueña
/// de sus filas y ninguna otra puede tocarlas. Por eso no hace falta ningún cerrojo: el
/// compilador ya sabe que dos tareas no escriben nunca en el mismo sitio.
fn por_trozos_de_filas<T, F>(c: &mut Array2<T>, tareas: usize, calcular: F)
where
    T: Escalar,
    F: Fn(usize, ArrayViewMut2<'_, T>) + Sync,
{
    let filas = c.nrows();
    if filas == 0 {
        // Sin filas no hay trozos (y un trozo de 0 filas haría entrar en pánico a ndarray).
        return;
    }
    let filas_por_tarea = filas.div_ceil(tareas);
    c.axis_chunks_iter_mut(Axis(0), filas_por_tarea)
        .into_par_iter()
        .enumerate()
        .for_each(|(t, trozo): (usize, ArrayViewMut2<'_, T>)| {
            // Todos los trozos menos el último miden exactamente `filas_por_tarea`.
            calcular(t * filas_por_tarea, trozo);
        });
}

/// Producto A·B con las filas del resultado repartidas en tareas de rayon.
pub fn multiplicar_filas_paralelo<T: Escalar>(
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
    tareas: usize,
) -> Result<Array2<T>, ErrorMatrices> {
    multiplicar_filas_paralelo_con(Instrucciones::de_esta_cpu(), a, b, tareas)
}

/// [`multiplicar_filas_paralelo`] con unas instrucciones SIMD fijas. No es parte del
/// ejercicio: solo la usan las medidas del capítulo, que comparan las tres copias del
/// núcleo en la misma máquina.
#[doc(hidden)]
pub fn multiplicar_filas_paralelo_con<T: Escalar>(
    instrucciones: Instrucciones,
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
    tareas: usize,
) -> Result<Array2<T>, ErrorMatrices> {
    if tareas == 0 {
        return Err(ErrorMatrices::CeroTareas);
    }
    comprobar_formas(&a, &b)?;
    let mut c = Array2::from_elem((a.nrows(), b.ncols()), T::CERO);
    // El núcleo de `bloques` lee las filas de B como slices. Si B es una vista con saltos
    // (una traspuesta, un corte), se copia una vez a una matriz por filas; si no, no se
    // copia nada.
    let b = b.as_standard_layout();
    let b = b.view();
    // A y B solo se leen: las tareas las comparten por referencia, sin copiarlas (las
    // vistas de ndarray son `Copy` y `Sync` cuando `T: Sync`).
    por_trozos_de_filas(&mut c, tareas, |primera, trozo| {
        let filas_a = a.slice(s![primera..primera + trozo.nrows(), ..]);
        bloques::acumular_en_bloques(instrucciones, filas_a, b, trozo);
    });
    Ok(c)
}

/// Producto L·B de una matriz triangular inferior L por B, con las filas repartidas en
/// tareas de rayon. Solo se lee la parte de L en la diagonal o por debajo.
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
    comprobar_formas(&l, &b)?;
    let mut c = Array2::from_elem((l.nrows(), b.ncols()), T::CERO);
    // La fila i de L tiene i + 1 elementos útiles (de la columna 0 a la i): la fila i
    // cuesta i + 1 filas de B. La última fila cuesta n veces más que la primera; con
    // pocas tareas, la que se lleva el final trabaja mucho más que las otras.
    por_trozos_de_filas(&mut c, tareas, |primera, mut trozo| {
        for (desplazamiento, fila_c) in trozo.rows_mut().into_iter().enumerate() {
            let i = primera + desplazamiento;
            let hasta_la_diagonal = l.row(i).slice_move(s![..=i]);
            acumular_fila(hasta_la_diagonal, b, fila_c);
        }
    });
    Ok(c)
}
