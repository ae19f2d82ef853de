//! Medidas de rendimiento del ejercicio `distribuida` (criterion). Se ejecutan con `cargo
//! curso medir distribuida --libro`, que además corre el original en Python y escribe la
//! tabla del libro. En cada grupo, la función cuyo nombre empieza por «base» es la
//! referencia contra la que se calculan los cocientes.
//!
//! Este ejecutable es también el trabajador: cuando un coordinador lo lanza con la variable
//! `DISTRIBUIDA_COORDINADOR`, no mide nada y atiende tareas (ver `main`).

use criterion::{Criterion, Throughput, black_box, criterion_group};
use distribuida::{Grupo, Matriz, VARIABLE_COORDINADOR, producto_secuencial, trabajador};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// Un grupo de `n` trabajadores: este mismo ejecutable, relanzado.
fn grupo(n: usize) -> Grupo {
    let exe = std::env::current_exe().expect("no se encuentra el ejecutable de las medidas");
    Grupo::lanzar(n, Duration::from_secs(60), |_| {
        let mut orden = Command::new(&exe);
        orden.stdin(Stdio::null()).stdout(Stdio::null());
        orden
    })
    .expect("no se pudo lanzar el grupo de trabajadores")
}

/// Números reproducibles.
fn numeros(n: usize) -> Vec<u64> {
    (0..n as u64)
        .map(|i| i.wrapping_mul(2654435761) >> 16)
        .collect()
}

fn suma_secuencial(datos: &[u64]) -> u128 {
    datos.iter().map(|&x| u128::from(x)).sum()
}

/// La suma con hilos con ámbito (el ejercicio `suma`), para comparar.
fn suma_hilos(datos: &[u64], hilos: usize) -> u128 {
    thread::scope(|s| {
        let hs: Vec<_> = datos
            .chunks(datos.len().div_ceil(hilos))
            .map(|t| s.spawn(|| suma_secuencial(t)))
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).sum()
    })
}

/// El producto con hilos con ámbito, por bloques de filas, sin copiar nada.
fn producto_hilos(a: &Matriz, b: &Matriz, hilos: usize) -> Matriz {
    let mut c = Matriz::ceros(a.filas, b.columnas);
    let filas_por_hilo = a.filas.div_ceil(hilos);
    thread::scope(|s| {
        for (t, bloque) in c.datos.chunks_mut(filas_por_hilo * b.columnas).enumerate() {
            s.spawn(move || {
                for (di, fila_c) in bloque.chunks_exact_mut(b.columnas).enumerate() {
                    let i = t * filas_por_hilo + di;
                    for (k, &a_ik) in a.fila(i).iter().enumerate() {
                        for (c_ij, &b_kj) in fila_c.iter_mut().zip(b.fila(k)) {
                            *c_ij += a_ik * b_kj;
                        }
                    }
                }
            });
        }
    });
    c
}

fn matriz(n: usize, semilla: u64) -> Matriz {
    let datos = (0..n * n)
        .map(|i| ((i as u64 * 2654435761 + semilla) % 1000) as f64 / 1000.0)
        .collect();
    Matriz::nueva(n, n, datos)
}

/// Un hilo que responde a cada número con su doble, por canales: la ida y vuelta entre
/// hilos con la que se compara la de procesos.
struct Eco {
    ida: mpsc::Sender<u64>,
    vuelta: mpsc::Receiver<u64>,
}

impl Eco {
    fn new() -> Eco {
        let (ida, rx) = mpsc::channel::<u64>();
        let (tx, vuelta) = mpsc::channel();
        thread::spawn(move || {
            for x in rx {
                if tx.send(x * 2).is_err() {
                    break;
                }
            }
        });
        Eco { ida, vuelta }
    }

    fn ida_y_vuelta(&self, x: u64) -> u64 {
        self.ida.send(x).unwrap();
        self.vuelta.recv().unwrap()
    }
}

fn latencia(c: &mut Criterion) {
    let mut g = c.benchmark_group("distribuida_latencia");
    g.throughput(Throughput::Elements(1));
    let eco = Eco::new();
    g.bench_function("base: ida y vuelta entre hilos (mpsc)", |b| {
        b.iter(|| eco.ida_y_vuelta(black_box(21)))
    });
    let mut uno = grupo(1);
    g.bench_function("ida y vuelta entre procesos (TCP, 1 número)", |b| {
        b.iter(|| uno.sumar(black_box(&[21]), 1).unwrap())
    });
    g.finish();
}

fn mensajes(c: &mut Criterion) {
    // 2000 tareas de un número cada una, entre dos trabajadores: cuántos mensajes por
    // segundo caben, cuando cada mensaje casi no lleva trabajo.
    let datos = numeros(2000);
    let mut g = c.benchmark_group("distribuida_mensajes");
    g.throughput(Throughput::Elements(datos.len() as u64));
    g.bench_function("base: 2 hilos (mpsc), una tarea por número", |b| {
        let mut ecos = [Eco::new(), Eco::new()];
        b.iter(|| {
            thread::scope(|s| {
                let hs: Vec<_> = ecos
                    .iter_mut()
                    .zip(datos.chunks(datos.len() / 2))
                    .map(|(eco, trozo)| {
                        s.spawn(move || trozo.iter().map(|&x| eco.ida_y_vuelta(x)).sum::<u64>())
                    })
                    .collect();
                hs.into_iter().map(|h| h.join().unwrap()).sum::<u64>()
            })
        })
    });
    let mut dos = grupo(2);
    g.bench_function("2 procesos (TCP), una tarea por número", |b| {
        b.iter(|| dos.sumar(black_box(&datos), datos.len()).unwrap())
    });
    g.finish();
}

fn ancho_de_banda(c: &mut Criterion) {
    // 8 MB en una sola tarea: codificar, enviar por TCP, decodificar y sumar.
    let datos = numeros(1 << 20);
    let mut g = c.benchmark_group("distribuida_ancho_de_banda");
    g.throughput(Throughput::Bytes(8 * datos.len() as u64));
    g.bench_function("base: sumar en el mismo proceso", |b| {
        b.iter(|| suma_secuencial(black_box(&datos)))
    });
    let mut uno = grupo(1);
    g.bench_function("enviar a 1 proceso en 1 trama y sumar allí", |b| {
        b.iter(|| uno.sumar(black_box(&datos), 1).unwrap())
    });
    g.finish();
}

fn suma(c: &mut Criterion) {
    // 4 millones de u64 (32 MB): sumar es leer memoria; repartir entre procesos es copiar
    // los 32 MB por un socket. Aquí los procesos pierden.
    let datos = numeros(4_000_000);
    let mut g = c.benchmark_group("distribuida_suma");
    g.throughput(Throughput::Bytes(8 * datos.len() as u64));
    g.bench_function("base: secuencial", |b| {
        b.iter(|| suma_secuencial(black_box(&datos)))
    });
    g.bench_function("2 hilos", |b| b.iter(|| suma_hilos(black_box(&datos), 2)));
    let mut dos = grupo(2);
    g.bench_function("2 procesos, 8 trozos", |b| {
        b.iter(|| dos.sumar(black_box(&datos), 8).unwrap())
    });
    g.finish();
}

fn matrices(c: &mut Criterion) {
    // Un producto de 768 × 768: 906 millones de operaciones sobre 14 MB de datos. Cada
    // bloque copia B (4,7 MB), pero el cálculo pesa mucho más: aquí los procesos ganan.
    let n = 768;
    let (a, b) = (matriz(n, 1), matriz(n, 2));
    let mut g = c.benchmark_group("distribuida_matrices");
    g.bench_function("base: secuencial", |bch| {
        bch.iter(|| producto_secuencial(black_box(&a), black_box(&b)).unwrap())
    });
    g.bench_function("2 hilos", |bch| {
        bch.iter(|| producto_hilos(black_box(&a), black_box(&b), 2))
    });
    let mut dos = grupo(2);
    g.bench_function("2 procesos, 4 bloques", |bch| {
        bch.iter(|| dos.multiplicar(black_box(&a), black_box(&b), 4).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = medidas;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = latencia, mensajes, ancho_de_banda, suma, matrices
}

fn main() {
    // Lanzado por un coordinador: hacer de trabajador, no medir.
    if let Ok(direccion) = std::env::var(VARIABLE_COORDINADOR) {
        if let Err(e) = trabajador(&direccion) {
            eprintln!("el trabajador terminó con error: {e}");
            std::process::exit(1);
        }
        return;
    }
    medidas();
    Criterion::default().configure_from_args().final_summary();
}
