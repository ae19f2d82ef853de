//! Medidas del ejercicio `lectores_escritores` (criterion): operaciones por segundo con un
//! 95 % de lecturas, repartidas entre 1, 2 y 4 hilos, con una sección de lectura mínima
//! (leer un número) y con una de unos 100 ns (recorrer un arreglo pequeño). Se ejecutan con
//! `cargo curso medir lectores_escritores --libro`.
//!
//! Cada iteración hace siempre `OPERACIONES` operaciones en total, repartidas entre los
//! hilos: el caudal de grupos con distinto número de hilos se puede comparar directamente.
//! La base de cada grupo es `std::sync::RwLock`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lectores_escritores::{CerrojoLE, Politica};
use std::hint::black_box;
use std::time::Duration;

const OPERACIONES: usize = 20_000;
/// Una de cada `CADA` operaciones es una escritura: un 5 %.
const CADA: usize = 20;
const LARGO: usize = 352;

type Datos = [u64; LARGO];

/// Un cerrojo cualquiera de los que se comparan.
trait Cerrojo: Sync {
    fn leer(&self, f: impl FnOnce(&Datos) -> u64) -> u64;
    fn escribir(&self, f: impl FnOnce(&mut Datos));
}

impl Cerrojo for std::sync::RwLock<Datos> {
    fn leer(&self, f: impl FnOnce(&Datos) -> u64) -> u64 {
        f(&self.read().unwrap())
    }
    fn escribir(&self, f: impl FnOnce(&mut Datos)) {
        f(&mut self.write().unwrap())
    }
}

impl Cerrojo for parking_lot::RwLock<Datos> {
    fn leer(&self, f: impl FnOnce(&Datos) -> u64) -> u64 {
        f(&self.read())
    }
    fn escribir(&self, f: impl FnOnce(&mut Datos)) {
        f(&mut self.write())
    }
}

impl Cerrojo for parking_lot::Mutex<Datos> {
    fn leer(&self, f: impl FnOnce(&Datos) -> u64) -> u64 {
        f(&self.lock())
    }
    fn escribir(&self, f: impl FnOnce(&mut Datos)) {
        f(&mut self.lock())
    }
}

impl Cerrojo for CerrojoLE<Datos> {
    fn leer(&self, f: impl FnOnce(&Datos) -> u64) -> u64 {
        f(&CerrojoLE::leer(self))
    }
    fn escribir(&self, f: impl FnOnce(&mut Datos)) {
        f(&mut CerrojoLE::escribir(self))
    }
}

/// Lectura mínima: un número.
fn lectura_minima(d: &Datos) -> u64 {
    black_box(d[0])
}

/// Lectura de unos 100 ns en esta máquina (352 sumas encadenadas a través de `black_box`,
/// ~0,28 ns cada una; medido aparte, 97 ns): una suma que el compilador no puede acortar.
fn lectura_100ns(d: &Datos) -> u64 {
    d.iter().fold(0, |s, &x| black_box(s.wrapping_add(x)))
}

fn trabajar(cerrojo: &impl Cerrojo, hilos: usize, lectura: fn(&Datos) -> u64) {
    std::thread::scope(|s| {
        for h in 0..hilos {
            s.spawn(move || {
                let mut total = 0u64;
                for k in 0..OPERACIONES / hilos {
                    if (k + h * 7) % CADA == 0 {
                        cerrojo.escribir(|d| d[k % LARGO] += 1);
                    } else {
                        total = total.wrapping_add(cerrojo.leer(lectura));
                    }
                }
                black_box(total)
            });
        }
    });
}

fn grupo(c: &mut Criterion, nombre: &str, hilos: usize, lectura: fn(&Datos) -> u64) {
    let mut g = c.benchmark_group(format!(
        "lectores_escritores_{nombre}_{hilos}_{}",
        if hilos == 1 { "hilo" } else { "hilos" }
    ));
    g.throughput(Throughput::Elements(OPERACIONES as u64));
    let datos = [1u64; LARGO];
    let std_rw = std::sync::RwLock::new(datos);
    g.bench_function("base: std RwLock", |b| {
        b.iter(|| trabajar(&std_rw, hilos, lectura))
    });
    let pl_rw = parking_lot::RwLock::new(datos);
    g.bench_function("parking_lot RwLock", |b| {
        b.iter(|| trabajar(&pl_rw, hilos, lectura))
    });
    let pl_mutex = parking_lot::Mutex::new(datos);
    g.bench_function("parking_lot Mutex", |b| {
        b.iter(|| trabajar(&pl_mutex, hilos, lectura))
    });
    for (politica, etiqueta) in [
        (Politica::Lectores, "CerrojoLE, preferencia por lectores"),
        (
            Politica::Escritores,
            "CerrojoLE, preferencia por escritores",
        ),
        (Politica::Justa, "CerrojoLE, justa"),
    ] {
        let propio = CerrojoLE::new(datos, politica);
        g.bench_function(etiqueta, |b| b.iter(|| trabajar(&propio, hilos, lectura)));
    }
    g.finish();
}

fn medidas(c: &mut Criterion) {
    for hilos in [1, 2, 4] {
        grupo(c, "lectura_minima", hilos, lectura_minima);
    }
    for hilos in [1, 2, 4] {
        grupo(c, "lectura_100ns", hilos, lectura_100ns);
    }
}

criterion_group! {
    name = grupos;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = medidas
}
criterion_main!(grupos);
