//! Medidas del núcleo de la solución, paso a paso (solo en la solución: usa
//! `multiplicar_filas_paralelo_con`, que el ejercicio no tiene). Las ejecuta
//! `cargo curso medir matrices` junto con `tests/matrices/bench.rs`, y salen en el grupo
//! `matrices_nucleo` de la tabla del libro.
//!
//! Todo con **un solo hilo** de rayon y n = 1000: cuánto rinde un núcleo del procesador con
//! cada idea, sin que cuente el reparto. La base es *ikj* fila a fila.

use criterion::{Criterion, Throughput, black_box};
use matrices::{Instrucciones, multiplicar_filas_paralelo_con, multiplicar_secuencial};

#[path = "../../../tests/matrices/comun.rs"]
mod comun;

fn matrices_nucleo(c: &mut Criterion) {
    let n = 1000;
    let (a, b) = (comun::matriz(n, 1), comun::matriz(n, 2));
    let (a, b) = (a.view(), b.view());
    let un_hilo = comun::un_hilo();
    let mut g = c.benchmark_group("matrices_nucleo");
    g.throughput(Throughput::Elements(2 * (n as u64).pow(3)));
    g.bench_function("base: ikj fila a fila, 1 hilo", |m| {
        m.iter(|| multiplicar_secuencial(black_box(a), b))
    });
    let de_la_cpu = Instrucciones::de_esta_cpu();
    let pasos = [
        (Instrucciones::Basicas, "bloques, SSE2 (2 reales), 1 hilo"),
        (Instrucciones::Avx2, "bloques, AVX2 (4 reales), 1 hilo"),
        (Instrucciones::Avx512, "bloques, AVX-512 (8 reales), 1 hilo"),
    ];
    // Solo las instrucciones que tiene esta CPU: las demás medirían la copia básica otra vez.
    let hasta = pasos.iter().position(|(i, _)| *i == de_la_cpu).unwrap_or(0);
    for (instrucciones, nombre) in &pasos[..=hasta] {
        g.bench_function(*nombre, |m| {
            m.iter(|| {
                un_hilo
                    .install(|| multiplicar_filas_paralelo_con(*instrucciones, black_box(a), b, 16))
            })
        });
    }
    g.finish();
}

fn main() {
    let mut c = comun::criterion();
    matrices_nucleo(&mut c);
    c.final_summary();
}
