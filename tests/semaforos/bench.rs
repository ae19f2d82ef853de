//! Medidas del ejercicio `semaforos` (criterion): pares adquirir/liberar por segundo con 4
//! hilos y 2 permisos. Se ejecutan con `cargo curso medir semaforos --libro`, que además
//! corre el original en Python. La base es un semáforo ingenuo de `std` que avisa siempre
//! al liberar.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use semaforos::Semaforo;
use std::time::Duration;

const HILOS: usize = 4;
const PERMISOS: usize = 2;
const PARES: usize = 20_000;

/// El semáforo de libro con `std`: avisa en cada liberación, haya quien espere o no. Con la
/// `Condvar` de std, cada aviso es una llamada al sistema.
struct Ingenuo<M, C> {
    permisos: M,
    cambio: C,
}

macro_rules! ingenuo {
    ($nombre:ident, $mutex:ty, $condvar:ty, |$m:ident| $lock:expr, |$c:ident, $g:ident| $wait:expr) => {
        fn $nombre(hilos: usize) {
            let s: Ingenuo<$mutex, $condvar> = Ingenuo {
                permisos: <$mutex>::new(PERMISOS),
                cambio: <$condvar>::new(),
            };
            std::thread::scope(|ambito| {
                for _ in 0..hilos {
                    ambito.spawn(|| {
                        for _ in 0..PARES {
                            let bloquear = || {
                                let $m = &s.permisos;
                                $lock
                            };
                            let mut p = bloquear();
                            while *p == 0 {
                                let ($c, $g) = (&s.cambio, p);
                                p = $wait;
                            }
                            *p -= 1;
                            drop(p);
                            *bloquear() += 1;
                            s.cambio.notify_one();
                        }
                    });
                }
            });
        }
    };
}

ingenuo!(
    ingenuo_std,
    std::sync::Mutex<usize>,
    std::sync::Condvar,
    |m| m.lock().unwrap(),
    |c, g| c.wait(g).unwrap()
);
ingenuo!(
    ingenuo_parking_lot,
    parking_lot::Mutex<usize>,
    parking_lot::Condvar,
    |m| m.lock(),
    |c, g| {
        let mut g = g;
        c.wait(&mut g);
        g
    }
);

fn del_ejercicio(hilos: usize) {
    let s = Semaforo::new(PERMISOS);
    std::thread::scope(|ambito| {
        for _ in 0..hilos {
            ambito.spawn(|| {
                for _ in 0..PARES {
                    drop(s.adquirir());
                }
            });
        }
    });
}

fn pares(c: &mut Criterion) {
    let mut g = c.benchmark_group("semaforos_pares");
    g.throughput(Throughput::Elements((HILOS * PARES) as u64));
    g.bench_function("base: std, avisando siempre", |b| {
        b.iter(|| ingenuo_std(HILOS))
    });
    g.bench_function("parking_lot, avisando siempre", |b| {
        b.iter(|| ingenuo_parking_lot(HILOS))
    });
    g.bench_function("Semaforo del ejercicio", |b| {
        b.iter(|| del_ejercicio(HILOS))
    });
    g.finish();
}

criterion_group! {
    name = medidas;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = pares
}
criterion_main!(medidas);
