//! Medidas de rendimiento del ejercicio `suma` (criterion). Se ejecutan con `cargo curso
//! medir suma --libro`, que además corre el original en Python y escribe la tabla del
//! libro. En cada grupo, la función cuyo nombre empieza por «base» es la referencia contra
//! la que se calculan los cocientes.

use criterion::{BenchmarkId, Criterion, Throughput, black_box, criterion_group, criterion_main};
use std::sync::OnceLock;
use std::time::Duration;
use suma::{suma_hilos, suma_rayon, suma_secuencial, sumas_por_tarea};

/// 100 millones de u64: 800 MB, mucho más que cualquier caché, así que sumar es leer memoria.
const N: usize = 100_000_000;

fn datos() -> &'static [u64] {
    static DATOS: OnceLock<Vec<u64>> = OnceLock::new();
    DATOS.get_or_init(|| {
        (0..N as u64)
            .map(|i| i.wrapping_mul(2654435761) >> 16)
            .collect()
    })
}

/// Lee la memoria tan deprisa como se pueda: ocho acumuladores independientes que el
/// compilador vectoriza. Mide el ancho de banda, el techo de cualquier suma.
fn leer(trozo: &[u64]) -> u64 {
    let mut acc = [0u64; 8];
    for bloque in trozo.chunks_exact(8) {
        for (a, &x) in acc.iter_mut().zip(bloque) {
            *a = a.wrapping_add(x);
        }
    }
    acc.iter().fold(0, |a, &b| a.wrapping_add(b))
}

fn leer_en_hilos(datos: &[u64], hilos: usize) -> u64 {
    std::thread::scope(|s| {
        let hs: Vec<_> = datos
            .chunks(datos.len().div_ceil(hilos))
            .map(|t| s.spawn(|| leer(t)))
            .collect();
        hs.into_iter()
            .map(|h| h.join().unwrap())
            .fold(0, u64::wrapping_add)
    })
}

fn memoria(c: &mut Criterion) {
    let datos = datos();
    let mut g = c.benchmark_group("suma_memoria");
    g.throughput(Throughput::Bytes((N * 8) as u64));
    g.bench_function("base: lectura 1 hilo", |b| {
        b.iter(|| leer(black_box(datos)))
    });
    g.bench_function("lectura 2 hilos", |b| {
        b.iter(|| leer_en_hilos(black_box(datos), 2))
    });
    g.bench_function("suma_secuencial", |b| {
        b.iter(|| suma_secuencial(black_box(datos)))
    });
    g.bench_function("suma_hilos 2", |b| {
        b.iter(|| suma_hilos(black_box(datos), 2))
    });
    g.bench_function("suma_hilos 4", |b| {
        b.iter(|| suma_hilos(black_box(datos), 4))
    });
    g.bench_function("suma_rayon", |b| b.iter(|| suma_rayon(black_box(datos))));
    g.finish();
}

/// Una función cara de calcular y barata de leer: el trabajo es de CPU, no de memoria.
fn costoso(k: u64) -> u64 {
    let mut x = k;
    for _ in 0..32 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    x >> 40
}

fn calculo(c: &mut Criterion) {
    // 64 tareas de tamaños muy distintos: el balanceo dinámico las reparte bien.
    let tareas: Vec<u64> = (1..=64).map(|i| (i * 7919 % 97 + 1) * 1000).collect();
    let mut g = c.benchmark_group("suma_calculo");
    g.bench_function("base: 1 hilo", |b| {
        b.iter(|| sumas_por_tarea(black_box(&tareas), 1, costoso))
    });
    for hilos in [2, 4] {
        g.bench_with_input(
            BenchmarkId::new("sumas_por_tarea", format!("{hilos} hilos")),
            &hilos,
            |b, &h| b.iter(|| sumas_por_tarea(black_box(&tareas), h, costoso)),
        );
    }
    g.finish();
}

fn original(c: &mut Criterion) {
    // El ejemplo del tutorial: cuatro tareas de 100 000 a 400 000 términos.
    let tareas = [100_000, 200_000, 300_000, 400_000];
    let mut g = c.benchmark_group("suma_original");
    g.bench_function("base: 1 hilo", |b| {
        b.iter(|| sumas_por_tarea(black_box(&tareas), 1, black_box))
    });
    g.bench_function("sumas_por_tarea 4 hilos", |b| {
        b.iter(|| sumas_por_tarea(black_box(&tareas), 4, black_box))
    });
    g.finish();
}

criterion_group! {
    name = medidas;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = memoria, calculo, original
}
criterion_main!(medidas);
