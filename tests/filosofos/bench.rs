//! Medidas del ejercicio `filosofos` (criterion): comidas por segundo de las tres versiones
//! con 5 filósofos en hilos reales, 2000 comidas cada uno. Se ejecutan con `cargo curso
//! medir filosofos --libro`. La base es el orden global con un `std::sync::Mutex` por
//! tenedor, sin la instrumentación de la mesa del curso: mide lo que cuesta esa
//! instrumentación (un cerrojo común para todos los tenedores).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use filosofos::{Camarero, ConIntentos, EnOrden, Mesa, Protocolo};
use std::hint::black_box;
use std::time::Duration;

const FILOSOFOS: usize = 5;
const COMIDAS: usize = 2000;

/// Cada filósofo come `COMIDAS` veces con `protocolo`; comer es sumar uno a un contador.
fn cena(protocolo: &impl Protocolo) {
    let mesa = Mesa::new(FILOSOFOS);
    std::thread::scope(|s| {
        for f in 0..FILOSOFOS {
            let mesa = &mesa;
            s.spawn(move || {
                let mut platos = 0_usize;
                for _ in 0..COMIDAS {
                    protocolo.comer(mesa, f, || platos += 1);
                }
                black_box(platos);
            });
        }
    });
}

/// La base: un `std::sync::Mutex` por tenedor, tomados en orden global.
fn base_std() {
    let tenedores: Vec<std::sync::Mutex<()>> =
        (0..FILOSOFOS).map(|_| std::sync::Mutex::new(())).collect();
    std::thread::scope(|s| {
        for f in 0..FILOSOFOS {
            let tenedores = &tenedores;
            s.spawn(move || {
                let (a, b) = (f, (f + 1) % FILOSOFOS);
                let (menor, mayor) = (a.min(b), a.max(b));
                let mut platos = 0_usize;
                for _ in 0..COMIDAS {
                    let _primero = tenedores[menor].lock().unwrap();
                    let _segundo = tenedores[mayor].lock().unwrap();
                    platos += 1;
                }
                black_box(platos);
            });
        }
    });
}

fn comidas(c: &mut Criterion) {
    let mut g = c.benchmark_group("filosofos_comidas");
    g.throughput(Throughput::Elements((FILOSOFOS * COMIDAS) as u64));
    g.bench_function("base: orden global con Mutex de std", |b| b.iter(base_std));
    g.bench_function("EnOrden", |b| b.iter(|| cena(&EnOrden)));
    g.bench_function("Camarero", |b| b.iter(|| cena(&Camarero::new(FILOSOFOS))));
    g.bench_function("ConIntentos", |b| b.iter(|| cena(&ConIntentos)));
    g.finish();
}

criterion_group! {
    name = medidas;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = comidas
}
criterion_main!(medidas);
