//! Las leyes de Amdahl y Gustafson, medidas.
//!
//! Un trabajo con una parte secuencial (una cadena de cálculos en la que cada paso necesita
//! el resultado del anterior) y una parte paralela (un map-reduce de cálculo puro sobre
//! `n` elementos, repartido en trozos entre hilos con ámbito).
//!
//! Se mide:
//! - el problema fijo (`n` elementos) con 1, 2 y 4 hilos: lo que describe Amdahl;
//! - el problema escalado (`2n` elementos) con 1 y 2 hilos: lo que describe Gustafson.
//!
//! Todas las configuraciones se ejecutan intercaladas, varias veces, y se toma la mediana:
//! así el ruido de la máquina afecta por igual a todas.
//!
//! ```text
//! cargo run --release -p libro --example amdahl
//! ```

use std::hint::black_box;
use std::thread;
use std::time::{Duration, Instant};

/// Pasos de la parte secuencial.
const PASOS_SECUENCIALES: u64 = 8_000_000;
/// Elementos del problema fijo.
const ELEMENTOS: u64 = 16_000_000;
/// Repeticiones de cada configuración.
const REPETICIONES: usize = 15;

/// Un paso de mezcla (el finalizador de splitmix64): barato, sin memoria, imposible de
/// saltarse.
fn mezclar(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Parte secuencial: cada paso depende del anterior, así que ningún hilo extra ayuda.
fn preparar(pasos: u64) -> u64 {
    let mut x = black_box(1);
    for _ in 0..pasos {
        x = mezclar(x);
    }
    x
}

/// El trabajo de un elemento: unas cuantas rondas de mezcla.
fn trabajo(i: u64, semilla: u64) -> u64 {
    let mut x = i ^ semilla;
    for _ in 0..4 {
        x = mezclar(x);
    }
    x
}

/// Parte paralela: reparte `0..n` en `hilos` trozos contiguos y suma los resultados.
fn calcular(n: u64, hilos: u64, semilla: u64) -> u64 {
    let tam = n.div_ceil(hilos);
    thread::scope(|s| {
        let manejadores: Vec<_> = (0..hilos)
            .map(|h| {
                let (inicio, fin) = (h * tam, ((h + 1) * tam).min(n));
                s.spawn(move || {
                    (inicio..fin).fold(0u64, |acc, i| acc.wrapping_add(trabajo(i, semilla)))
                })
            })
            .collect();
        manejadores
            .into_iter()
            .map(|m| m.join().unwrap())
            .fold(0, u64::wrapping_add)
    })
}

#[derive(Clone, Copy)]
struct Configuracion {
    nombre: &'static str,
    hilos: u64,
    elementos: u64,
}

/// Tiempos de una ejecución: parte secuencial y parte paralela.
fn ejecutar(c: Configuracion) -> (Duration, Duration) {
    let t0 = Instant::now();
    let semilla = preparar(PASOS_SECUENCIALES);
    let t1 = Instant::now();
    black_box(calcular(c.elementos, c.hilos, semilla));
    let t2 = Instant::now();
    (t1 - t0, t2 - t1)
}

fn mediana(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Un número con `decimales` decimales y coma decimal, como se escribe en español.
fn coma(x: f64, decimales: usize) -> String {
    format!("{x:.decimales$}").replace('.', ",")
}

fn main() {
    let configuraciones = [
        Configuracion {
            nombre: "fijo",
            hilos: 1,
            elementos: ELEMENTOS,
        },
        Configuracion {
            nombre: "fijo",
            hilos: 2,
            elementos: ELEMENTOS,
        },
        Configuracion {
            nombre: "fijo",
            hilos: 4,
            elementos: ELEMENTOS,
        },
        Configuracion {
            nombre: "escalado",
            hilos: 1,
            elementos: 2 * ELEMENTOS,
        },
        Configuracion {
            nombre: "escalado",
            hilos: 2,
            elementos: 2 * ELEMENTOS,
        },
    ];
    // Una vuelta de calentamiento que no cuenta.
    for &c in &configuraciones {
        ejecutar(c);
    }
    let mut secuencial = vec![Vec::new(); configuraciones.len()];
    let mut paralela = vec![Vec::new(); configuraciones.len()];
    let mut total = vec![Vec::new(); configuraciones.len()];
    for _ in 0..REPETICIONES {
        for (k, &c) in configuraciones.iter().enumerate() {
            let (s, p) = ejecutar(c);
            secuencial[k].push(ms(s));
            paralela[k].push(ms(p));
            total[k].push(ms(s + p));
        }
    }
    let sec: Vec<f64> = secuencial.into_iter().map(mediana).collect();
    let par: Vec<f64> = paralela.into_iter().map(mediana).collect();
    let tot: Vec<f64> = total.into_iter().map(mediana).collect();

    println!(
        "| problema | elementos | hilos | secuencial (ms) | paralela (ms) | total (ms) | aceleración | eficiencia |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (k, c) in configuraciones.iter().enumerate() {
        // La referencia de cada fila es el mismo problema con un hilo.
        let base = if c.nombre == "fijo" { tot[0] } else { tot[3] };
        let s = base / tot[k];
        println!(
            "| {} | {} M | {} | {} | {} | {} | {} | {} |",
            c.nombre,
            c.elementos / 1_000_000,
            c.hilos,
            coma(sec[k], 1),
            coma(par[k], 1),
            coma(tot[k], 1),
            coma(s, 2),
            coma(s / c.hilos as f64, 2)
        );
    }

    // Amdahl: fracción secuencial medida con un hilo en el problema fijo.
    let f = sec[0] / tot[0];
    let amdahl = 1.0 / (f + (1.0 - f) / 2.0);
    // Gustafson: fracción secuencial medida en la ejecución paralela del problema escalado.
    let g = sec[4] / tot[4];
    let gustafson = 2.0 - g;
    println!();
    println!(
        "Fracción secuencial (1 hilo, problema fijo): f = {}",
        coma(f, 3)
    );
    println!(
        "Amdahl, 2 hilos: predicha {}, medida {}; límite 1/f = {}",
        coma(amdahl, 2),
        coma(tot[0] / tot[1], 2),
        coma(1.0 / f, 2)
    );
    println!(
        "Fracción secuencial (2 hilos, problema escalado): s = {}",
        coma(g, 3)
    );
    println!(
        "Gustafson, 2 hilos: predicha {}, medida {}",
        coma(gustafson, 2),
        coma(tot[3] / tot[4], 2)
    );
}
