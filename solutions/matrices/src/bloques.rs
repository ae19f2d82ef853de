//! El núcleo de la versión paralela densa: los mismos productos que *ikj*, en otro orden,
//! para que cada dato que llega de la memoria se use muchas veces antes de salir de la
//! caché. Tres ideas, de dentro afuera:
//!
//! 1. **Registros.** Se calculan cuatro filas de C a la vez, y de cuatro en cuatro pasos de
//!    k: para cada columna j se leen cuatro números de B (uno de cada fila k) y se suman
//!    dieciséis productos a cuatro elementos de C. Los dieciséis números de A no cambian en
//!    todo el recorrido de j y se quedan en registros. Fila a fila, cada elemento de C se
//!    lee y se escribe una vez por producto; aquí, una vez por cuatro.
//! 2. **Bloques.** B se recorre por paneles de [`FILAS_POR_PANEL`] filas ×
//!    [`COLUMNAS_POR_BLOQUE`] columnas, que caben en la caché de cada núcleo y sirven a
//!    todas las filas del trozo antes de pasar al siguiente.
//! 3. **Instrucciones anchas.** Compilado para x86-64 genérico, el compilador solo puede
//!    usar SSE2 (dos `f64` por instrucción). El mismo núcleo se compila también para AVX2
//!    (cuatro) y AVX-512 (ocho) con `#[target_feature]`, y al llamarlo se elige la copia
//!    más ancha que la CPU sepa ejecutar.
//!
//! Las cifras de cada paso están en el capítulo («Para ir más lejos: bloques y registros»).

use crate::Escalar;
use ndarray::{ArrayView2, ArrayViewMut2, Axis, s};

/// Filas de C que se calculan a la vez.
const FILAS: usize = 4;

/// Pasos de k que se dan a la vez: con [`FILAS`], 16 números de A en registros.
const PASOS: usize = 4;

/// Columnas de un bloque: cuatro filas de C y cuatro de B de 512 `f64` ocupan 32 KB y
/// caben en la caché L1 de un núcleo (48 KB en la máquina de las medidas).
const COLUMNAS_POR_BLOQUE: usize = 512;

/// Filas de B de un panel: 128 × 512 `f64` son 512 KB, la mitad de la caché L2 de un
/// núcleo (1 MB en la máquina de las medidas).
const FILAS_POR_PANEL: usize = 128;

/// Las instrucciones SIMD con que está compilada cada copia del núcleo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instrucciones {
    /// Las de cualquier CPU x86-64 (o las de base de otra arquitectura): dos `f64` por
    /// instrucción.
    Basicas,
    /// AVX2: cuatro `f64` por instrucción.
    Avx2,
    /// AVX-512: ocho `f64` por instrucción.
    Avx512,
}

impl Instrucciones {
    /// Las más anchas que tiene la CPU en la que corre el programa.
    pub fn de_esta_cpu() -> Self {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f") {
                return Instrucciones::Avx512;
            }
            if std::arch::is_x86_feature_detected!("avx2") {
                return Instrucciones::Avx2;
            }
        }
        Instrucciones::Basicas
    }
}

/// Suma a `filas_c` el producto de `filas_a` por B con la copia del núcleo compilada para
/// `instrucciones`, o con la básica si la CPU no las tiene. Las filas de B y de C tienen
/// que ser contiguas en memoria (la función que llama se asegura).
pub(crate) fn acumular_en_bloques<T: Escalar>(
    instrucciones: Instrucciones,
    filas_a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
    filas_c: ArrayViewMut2<'_, T>,
) {
    #[cfg(target_arch = "x86_64")]
    {
        let de_la_cpu = Instrucciones::de_esta_cpu();
        if instrucciones == Instrucciones::Avx512 && de_la_cpu == Instrucciones::Avx512 {
            // SAFETY: la CPU tiene AVX-512F: lo acabamos de comprobar.
            return unsafe { con_avx512(filas_a, b, filas_c) };
        }
        if instrucciones == Instrucciones::Avx2 && de_la_cpu != Instrucciones::Basicas {
            // SAFETY: la CPU tiene AVX2 (toda CPU con AVX-512F lo tiene también).
            return unsafe { con_avx2(filas_a, b, filas_c) };
        }
    }
    en_bloques(filas_a, b, filas_c);
}

/// [`en_bloques`] compilada para AVX-512: el compilador puede usar sus instrucciones aquí
/// dentro, y solo aquí. Llamarla en una CPU sin AVX-512 acabaría en una instrucción ilegal;
/// por eso es `unsafe`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn con_avx512<T: Escalar>(
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
    c: ArrayViewMut2<'_, T>,
) {
    en_bloques(a, b, c);
}

/// [`en_bloques`] compilada para AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn con_avx2<T: Escalar>(
    a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
    c: ArrayViewMut2<'_, T>,
) {
    en_bloques(a, b, c);
}

/// El núcleo: bloques de B que caben en la caché y grupos de cuatro filas de C. Se inserta
/// siempre en quien lo llama (`inline(always)`): así cada copia se compila con las
/// instrucciones de la función que la contiene.
#[inline(always)]
fn en_bloques<T: Escalar>(
    filas_a: ArrayView2<'_, T>,
    b: ArrayView2<'_, T>,
    mut filas_c: ArrayViewMut2<'_, T>,
) {
    let (k, n) = b.dim();
    for j0 in (0..n).step_by(COLUMNAS_POR_BLOQUE) {
        let columnas = j0..(j0 + COLUMNAS_POR_BLOQUE).min(n);
        for k0 in (0..k).step_by(FILAS_POR_PANEL) {
            let pasos = k0..(k0 + FILAS_POR_PANEL).min(k);
            let panel = b.slice(s![pasos.clone(), columnas.clone()]);
            let a = filas_a.slice(s![.., pasos]);
            let mut c = filas_c.slice_mut(s![.., columnas.clone()]);
            let grupos_c = c.axis_chunks_iter_mut(Axis(0), FILAS);
            for (grupo_a, mut grupo_c) in a.axis_chunks_iter(Axis(0), FILAS).zip(grupos_c) {
                // El último grupo del trozo puede tener menos de cuatro filas; el número
                // de filas es un parámetro de tipo para que el compilador desenrolle los
                // bucles de cada caso.
                match grupo_c.nrows() {
                    4 => grupo(grupo_a, panel, filas_de::<T, 4>(&mut grupo_c)),
                    3 => grupo(grupo_a, panel, filas_de::<T, 3>(&mut grupo_c)),
                    2 => grupo(grupo_a, panel, filas_de::<T, 2>(&mut grupo_c)),
                    _ => grupo(grupo_a, panel, filas_de::<T, 1>(&mut grupo_c)),
                }
            }
        }
    }
}

/// Las `R` filas de un grupo de C como slices.
#[inline(always)]
fn filas_de<'a, T, const R: usize>(c: &'a mut ArrayViewMut2<'_, T>) -> [&'a mut [T]; R] {
    let mut filas = c
        .rows_mut()
        .into_iter()
        .map(|fila| fila.into_slice().expect("las filas de C son contiguas"));
    std::array::from_fn(|_| filas.next().expect("el grupo tiene R filas"))
}

/// Suma a las `R` filas de `c` el producto de las filas de `a` (R × pasos del panel) por
/// el panel de B, de [`PASOS`] en [`PASOS`] pasos de k y los que sobran de uno en uno.
#[inline(always)]
fn grupo<T: Escalar, const R: usize>(
    a: ArrayView2<'_, T>,
    panel: ArrayView2<'_, T>,
    mut c: [&mut [T]; R],
) {
    let mut filas_b = panel
        .rows()
        .into_iter()
        .map(|fila| fila.to_slice().expect("las filas de B son contiguas"));
    let pasos = panel.nrows();
    let mut p = 0;
    while p + PASOS <= pasos {
        let b: [&[T]; PASOS] = std::array::from_fn(|_| filas_b.next().expect("quedan filas"));
        let de_a = std::array::from_fn(|i| std::array::from_fn(|d| a[[i, p + d]]));
        sumar_productos::<T, R, PASOS>(de_a, b, &mut c);
        p += PASOS;
    }
    for (p, fila_b) in (p..pasos).zip(filas_b) {
        let de_a = std::array::from_fn(|i| [a[[i, p]]]);
        sumar_productos::<T, R, 1>(de_a, [fila_b], &mut c);
    }
}

/// `c[i][j] += Σₚ a[i][p] · b[p][j]` para todas las columnas j: R × P números de A fijos
/// (en registros) y, en cada columna, P lecturas de B y R lecturas y escrituras de C.
#[inline(always)]
fn sumar_productos<T: Escalar, const R: usize, const P: usize>(
    a: [[T; P]; R],
    b: [&[T]; P],
    c: &mut [&mut [T]; R],
) {
    // Cortar todas las filas al mismo ancho deja al compilador quitar las comprobaciones
    // de índices del bucle y usar instrucciones SIMD.
    let ancho = c[0].len();
    let b = b.map(|fila| &fila[..ancho]);
    let mut c = c.each_mut().map(|fila| &mut fila[..ancho]);
    for j in 0..ancho {
        let x: [T; P] = std::array::from_fn(|p| b[p][j]);
        for (fila_c, fila_a) in c.iter_mut().zip(&a) {
            let mut suma = fila_c[j];
            for (&a_ip, &b_pj) in fila_a.iter().zip(&x) {
                suma = suma + a_ip * b_pj;
            }
            fila_c[j] = suma;
        }
    }
}
