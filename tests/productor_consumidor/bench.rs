//! Medidas del ejercicio `productor_consumidor` (criterion): elementos por segundo que
//! pasan de los productores a los consumidores, con 1 productor y 1 consumidor y con 4 y 4,
//! por un búfer de capacidad 5 (el del tutorial original) y de capacidad 1024. Se ejecutan
//! con `cargo curso medir productor_consumidor --libro`, que además corre el original en
//! Python (`multiprocessing.Queue`) con los mismos lotes. La base de cada grupo es
//! `std::sync::mpsc::sync_channel`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use productor_consumidor::{Elemento, Programa, con_buffer, con_crossbeam, con_sync_channel};
use std::time::Duration;

/// Elementos por lote según la capacidad: con capacidad 5 cada elemento cuesta un
/// despertar de otro núcleo y el lote es más pequeño para que la medida no dure minutos.
/// `original.py` usa los mismos números.
/// Una forma de ejecutar el programa: con el búfer o con uno de los canales.
type Variante = fn(Programa) -> Vec<Vec<Elemento>>;

fn elementos(capacidad: usize) -> usize {
    if capacidad <= 5 { 20_000 } else { 200_000 }
}

fn medir(c: &mut Criterion, hilos: usize, capacidad: usize) {
    let total = elementos(capacidad);
    let programa = Programa {
        productores: hilos,
        consumidores: hilos,
        por_productor: total / hilos,
        capacidad,
    };
    let mut g = c.benchmark_group(format!(
        "productor_consumidor_{hilos}a{hilos}_cap{capacidad}"
    ));
    g.throughput(Throughput::Elements(total as u64));
    let variantes: [(&str, Variante); 3] = [
        ("base: std sync_channel", con_sync_channel),
        ("crossbeam bounded", con_crossbeam),
        ("Buffer del ejercicio", con_buffer),
    ];
    for (nombre, f) in variantes {
        g.bench_function(nombre, |b| b.iter(|| f(programa)));
    }
    g.finish();
}

fn grupos(c: &mut Criterion) {
    for hilos in [1, 4] {
        for capacidad in [5, 1024] {
            medir(c, hilos, capacidad);
        }
    }
}

criterion_group! {
    name = medidas;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = grupos
}
criterion_main!(medidas);
