//! Medidas de rendimiento del ejercicio `matrices` (criterion). Se ejecutan con `cargo
//! curso medir matrices --libro`, que además corre el original en Python y escribe la tabla
//! del libro. En cada grupo, la variante cuyo nombre empieza por «base» es la referencia
//! contra la que se calculan los cocientes.
//!
//! El caudal de los grupos de multiplicación se declara como `2·n³` elementos por
//! iteración: las sumas y productos de coma flotante de un producto n × n. La columna
//! «M/s» de la tabla son, por tanto, millones de operaciones por segundo (MFLOP/s); entre
//! mil, GFLOP/s.
//!
//! `dot` con varios hilos necesita la función `matrixmultiply-threading` de ndarray. La
//! solución la activa (función `dot-con-hilos`, por defecto); en el ejercicio se activa con
//! `cargo bench -p matrices --features dot-con-hilos`. matrixmultiply decide cuántos hilos
//! usa una sola vez por proceso (variable `MATMUL_NUM_THREADS`), así que las variantes
//! «dot 1 hilo» se miden en un proceso hijo con `MATMUL_NUM_THREADS=1`.

use criterion::{Criterion, Throughput, black_box};
use matrices::{
    multiplicar_filas_paralelo, multiplicar_secuencial, multiplicar_triangular_paralelo,
};
use ndarray::{Array2, ArrayView2};

#[path = "comun.rs"]
mod comun;
use comun::matriz;

/// Variable que marca el proceso hijo que mide `dot` con un solo hilo.
const HIJO: &str = "CURSO_MATRICES_DOT_1_HILO";

/// Tareas de la versión paralela en los grupos densos: más que núcleos, para que el robo de
/// trabajo compense si otro programa ocupa un núcleo un rato.
const TAREAS: usize = 16;

/// El producto de libro, en el orden ijk: el bucle interior recorre una columna de B, un
/// elemento de cada fila, saltando n · 8 bytes en memoria cada vez.
fn ijk(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> Array2<f64> {
    let (m, k, n) = (a.nrows(), a.ncols(), b.ncols());
    let mut c = Array2::zeros((m, n));
    for i in 0..m {
        for j in 0..n {
            let mut suma = 0.0;
            for p in 0..k {
                suma += a[[i, p]] * b[[p, j]];
            }
            c[[i, j]] = suma;
        }
    }
    c
}

fn solo_hijo() -> bool {
    std::env::var_os(HIJO).is_some()
}

/// Los grupos densos: n × n por n × n.
fn densos(c: &mut Criterion, n: usize, con_ijk: bool) {
    let (a, b) = (matriz(n, 1), matriz(n, 2));
    let (a, b) = (a.view(), b.view());
    let mut g = c.benchmark_group(format!("matrices_{n}"));
    g.throughput(Throughput::Elements(2 * (n as u64).pow(3)));
    if solo_hijo() {
        g.bench_function("dot 1 hilo", |m| m.iter(|| black_box(a).dot(&b)));
        g.finish();
        return;
    }
    let nombre_ikj = if con_ijk {
        g.bench_function("base: ijk ingenuo", |m| m.iter(|| ijk(black_box(a), b)));
        "ikj multiplicar_secuencial"
    } else {
        "base: ikj multiplicar_secuencial"
    };
    g.bench_function(nombre_ikj, |m| {
        m.iter(|| multiplicar_secuencial(black_box(a), b))
    });
    g.bench_function(format!("filas en paralelo, {TAREAS} tareas"), |m| {
        m.iter(|| multiplicar_filas_paralelo(black_box(a), b, TAREAS))
    });
    // La misma función con un solo hilo de rayon: separa lo que gana el reparto entre
    // núcleos de lo que gana el código de cada tarea frente a `multiplicar_secuencial`.
    let un_hilo = comun::un_hilo();
    g.bench_function(format!("filas en paralelo, {TAREAS} tareas, 1 hilo"), |m| {
        m.iter(|| un_hilo.install(|| multiplicar_filas_paralelo(black_box(a), b, TAREAS)))
    });
    if cfg!(feature = "dot-con-hilos") {
        g.bench_function("dot con hilos (matrixmultiply-threading)", |m| {
            m.iter(|| black_box(a).dot(&b))
        });
    } else {
        g.bench_function("dot 1 hilo", |m| m.iter(|| black_box(a).dot(&b)));
    }
    g.finish();
}

fn matrices_1000(c: &mut Criterion) {
    densos(c, 1000, true);
}

fn matrices_2000(c: &mut Criterion) {
    // El ingenuo ijk tardaría aquí minutos por muestra: la base es ikj.
    densos(c, 2000, false);
}

/// L·B con L triangular inferior: la fila i cuesta i + 1 filas de B.
fn matrices_balanceo(c: &mut Criterion) {
    if solo_hijo() {
        return;
    }
    let n = 1000;
    let (l, b) = (matriz(n, 3), matriz(n, 4));
    let (l, b) = (l.view(), b.view());
    let mut g = c.benchmark_group("matrices_balanceo");
    // Σᵢ 2·(i + 1)·n = n²·(n + 1) operaciones.
    g.throughput(Throughput::Elements((n * n * (n + 1)) as u64));
    for tareas in [1, 2, 4, 8, 16, 64, 1000] {
        let nombre = match tareas {
            1 => "base: 1 tarea".to_string(),
            1000 => "1000 tareas (una por fila)".to_string(),
            t => format!("{t} tareas"),
        };
        g.bench_function(nombre, |m| {
            m.iter(|| multiplicar_triangular_paralelo(black_box(l), b, tareas))
        });
    }
    g.finish();
}

/// El pico de la máquina, medido: operaciones FMA de 256 bits (AVX2), independientes entre
/// sí, sin tocar la memoria. Es el techo de cualquier código AVX2, como el de
/// matrixmultiply.
fn matrices_pico(c: &mut Criterion) {
    if solo_hijo() || !pico::disponible() {
        return;
    }
    let mut g = c.benchmark_group("matrices_pico");
    g.throughput(Throughput::Elements(pico::OPERACIONES));
    g.bench_function("base: FMA AVX2 1 hilo", |m| m.iter(pico::medir));
    // Las mismas operaciones en total, la mitad en cada hilo: el cociente es la aceleración.
    g.bench_function("FMA AVX2 2 hilos", |m| {
        m.iter(|| {
            std::thread::scope(|s| {
                [s.spawn(pico::medir_mitad), s.spawn(pico::medir_mitad)].map(|h| h.join().unwrap())
            })
        })
    });
    g.finish();
}

#[cfg(target_arch = "x86_64")]
mod pico {
    use std::arch::x86_64::*;

    const RONDAS: u64 = 1 << 20;
    /// 10 acumuladores × 4 reales × 2 operaciones (producto y suma) por ronda.
    pub const OPERACIONES: u64 = RONDAS * 10 * 4 * 2;

    pub fn disponible() -> bool {
        is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma")
    }

    pub fn medir() -> f64 {
        // SAFETY: solo se llama si `disponible()`, que comprueba AVX2 y FMA.
        unsafe { fma(std::hint::black_box(1.000_000_1), RONDAS) }
    }

    /// La mitad de las rondas, para repartir las operaciones entre dos hilos.
    pub fn medir_mitad() -> f64 {
        // SAFETY: como en `medir`.
        unsafe { fma(std::hint::black_box(1.000_000_1), RONDAS / 2) }
    }

    /// Diez cadenas de FMA independientes: con dos unidades FMA y una latencia de unos
    /// cuatro ciclos, hacen falta ocho o más para no esperar nunca a un resultado.
    #[target_feature(enable = "avx2,fma")]
    #[allow(unused_unsafe)]
    unsafe fn fma(x: f64, rondas: u64) -> f64 {
        unsafe {
            let m = _mm256_set1_pd(x);
            let s = _mm256_set1_pd(1e-9);
            let mut acc = [_mm256_set1_pd(0.5); 10];
            for _ in 0..rondas {
                for a in &mut acc {
                    *a = _mm256_fmadd_pd(*a, m, s);
                }
            }
            let mut total = _mm256_setzero_pd();
            for a in acc {
                total = _mm256_add_pd(total, a);
            }
            let mut v = [0.0; 4];
            _mm256_storeu_pd(v.as_mut_ptr(), total);
            v.iter().sum()
        }
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod pico {
    pub const OPERACIONES: u64 = 0;
    pub fn disponible() -> bool {
        false
    }
    pub fn medir() -> f64 {
        0.0
    }
    pub fn medir_mitad() -> f64 {
        0.0
    }
}

/// Con `dot-con-hilos`, mide «dot 1 hilo» en un proceso hijo con `MATMUL_NUM_THREADS=1`.
fn medir_dot_en_un_hilo() {
    if !cfg!(feature = "dot-con-hilos") || solo_hijo() {
        return;
    }
    let Ok(yo) = std::env::current_exe() else {
        return;
    };
    let estado = std::process::Command::new(yo)
        .args(std::env::args_os().skip(1))
        .env(HIJO, "1")
        .env("MATMUL_NUM_THREADS", "1")
        .status();
    if !estado.is_ok_and(|e| e.success()) {
        eprintln!("(no se pudo medir dot con un hilo en un proceso aparte)");
    }
}

fn main() {
    medir_dot_en_un_hilo();
    let mut c = comun::criterion();
    matrices_pico(&mut c);
    matrices_1000(&mut c);
    matrices_balanceo(&mut c);
    matrices_2000(&mut c);
    c.final_summary();
}
