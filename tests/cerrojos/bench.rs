//! Medidas del ejercicio `cerrojos` (criterion): incrementos por segundo de un contador
//! compartido con 1, 2 y 4 hilos, protegido por cada cerrojo (los del ejercicio, el `Mutex`
//! de std y el de parking_lot), con un atómico, sin compartir (un contador por hilo que se
//! suma una vez al final) y por relevo estricto entre hilos, lo que paga todo cerrojo
//! justo. Se ejecutan con `cargo curso medir cerrojos --libro`, que además corre el
//! original en Python. La base de cada grupo es `std::sync::Mutex`.

use cerrojos::{CerrojoGiro, CerrojoTiques};
use criterion::{Criterion, Throughput, black_box, criterion_group, criterion_main};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Incrementos por lote, repartidos entre los hilos (el mismo lote en todos los grupos).
const INCREMENTOS: usize = 400_000;

/// Lanza `hilos` hilos que ejecutan `trabajo(incrementos por hilo)` y espera a todos.
fn en_hilos(hilos: usize, trabajo: impl Fn(usize) + Sync) {
    en_hilos_numerados(hilos, |_, n| trabajo(n));
}

/// Como [`en_hilos`], pero cada hilo recibe también su número: `trabajo(yo, incrementos)`.
fn en_hilos_numerados(hilos: usize, trabajo: impl Fn(usize, usize) + Sync) {
    let por_hilo = INCREMENTOS / hilos;
    std::thread::scope(|s| {
        for yo in 0..hilos {
            let trabajo = &trabajo;
            s.spawn(move || trabajo(yo, por_hilo));
        }
    });
}

fn std_mutex(hilos: usize) -> u64 {
    let contador = std::sync::Mutex::new(0_u64);
    en_hilos(hilos, |n| {
        for _ in 0..n {
            *contador.lock().unwrap() += 1;
        }
    });
    contador.into_inner().unwrap()
}

fn parking_lot_mutex(hilos: usize) -> u64 {
    let contador = parking_lot::Mutex::new(0_u64);
    en_hilos(hilos, |n| {
        for _ in 0..n {
            *contador.lock() += 1;
        }
    });
    contador.into_inner()
}

fn giro(hilos: usize) -> u64 {
    let contador = CerrojoGiro::new(0_u64);
    en_hilos(hilos, |n| {
        for _ in 0..n {
            *contador.adquirir() += 1;
        }
    });
    contador.into_inner()
}

fn tiques(hilos: usize) -> u64 {
    let contador = CerrojoTiques::new(0_u64);
    en_hilos(hilos, |n| {
        for _ in 0..n {
            *contador.adquirir() += 1;
        }
    });
    contador.into_inner()
}

fn atomico(hilos: usize) -> u64 {
    let contador = AtomicU64::new(0);
    en_hilos(hilos, |n| {
        for _ in 0..n {
            contador.fetch_add(1, Ordering::Relaxed);
        }
    });
    contador.into_inner()
}

/// Sin compartir: cada hilo cuenta en su variable local y suma una sola vez al final.
fn por_hilo(hilos: usize) -> u64 {
    let contador = AtomicU64::new(0);
    en_hilos(hilos, |n| {
        let mut local = 0_u64;
        for _ in 0..n {
            // `black_box` impide que el compilador convierta el bucle en `local += n`.
            local = black_box(local) + 1;
        }
        contador.fetch_add(local, Ordering::Relaxed);
    });
    contador.into_inner()
}

/// Relevo estricto: los hilos incrementan por turnos (0, 1, 2, …, 0, 1, …), sin cerrojo,
/// cada uno esperando a ver su turno en el propio contador. Es lo mínimo que paga cualquier
/// cerrojo justo cuando todos compiten: en cada incremento, la línea de caché del contador
/// viaja al núcleo del siguiente. Mide el coste de un relevo en esta máquina.
fn relevo_estricto(hilos: usize) -> u64 {
    let contador = AtomicU64::new(0);
    let ronda = hilos as u64;
    en_hilos_numerados(hilos, |yo, n| {
        let yo = yo as u64;
        for _ in 0..n {
            let mut vueltas = 0;
            loop {
                let turno = contador.load(Ordering::Acquire) % ronda;
                if turno == yo {
                    break;
                }
                // Como el cerrojo de tiques de la solución: gira un poco solo el siguiente
                // de la ronda; los demás ceden la CPU.
                if (turno + 1) % ronda == yo && vueltas < 100 {
                    vueltas += 1;
                    std::hint::spin_loop();
                } else {
                    std::thread::yield_now();
                }
            }
            contador.fetch_add(1, Ordering::Release);
        }
    });
    contador.into_inner()
}

/// Una forma de contar: recibe el número de hilos y devuelve la cuenta final.
type Variante = fn(usize) -> u64;

fn contador(c: &mut Criterion) {
    for (hilos, grupo) in [
        (1, "cerrojos_contador_1_hilo"),
        (2, "cerrojos_contador_2_hilos"),
        (4, "cerrojos_contador_4_hilos"),
    ] {
        let mut g = c.benchmark_group(grupo);
        g.throughput(Throughput::Elements(INCREMENTOS as u64));
        let mut variantes: Vec<(&str, Variante)> = vec![
            ("base: std Mutex", std_mutex),
            ("parking_lot Mutex", parking_lot_mutex),
            ("CerrojoGiro del ejercicio", giro),
            ("CerrojoTiques del ejercicio", tiques),
            ("AtomicU64 fetch_add", atomico),
            ("un contador por hilo", por_hilo),
        ];
        if hilos > 1 {
            variantes.push(("relevo estricto entre hilos (sin cerrojo)", relevo_estricto));
        }
        for (nombre, f) in variantes {
            assert_eq!(f(hilos), INCREMENTOS as u64, "{nombre} perdió incrementos");
            g.bench_function(nombre, |b| b.iter(|| f(black_box(hilos))));
        }
        g.finish();
    }
}

criterion_group! {
    name = medidas;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = contador
}
criterion_main!(medidas);
