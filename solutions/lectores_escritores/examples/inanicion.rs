//! Mide la inanición de cada política con hilos reales y dibuja la gráfica del libro.
//!
//! ```text
//! cargo run --release -p lectores_escritores-solucion --example inanicion
//! ```
//!
//! Dos experimentos, con cada política:
//! - **un escritor entre cuatro lectores sin pausa**: cada lector tiene la lectura 1 ms y
//!   vuelve a entrar en el acto, así que la sala casi nunca se vacía; el escritor pide entrar
//!   `INTENTOS` veces;
//! - **un lector entre dos escritores sin pausa**: lo mismo al revés.
//!
//! De cada intento se anota cuánto esperó y cuántas veces entró el otro bando mientras tanto.
//! Si la espera pasa de `CORTE`, el otro bando se detiene para que el experimento termine, y
//! el intento cuenta como abandonado. Escribe `book/src/img/lectores-escritores-inanicion.svg`
//! y `book/src/lectores-escritores/inanicion-tabla.md`.

use lectores_escritores::{CerrojoLE, Politica};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

const INTENTOS: usize = 10;
const SECCION: Duration = Duration::from_millis(1);
const CORTE: Duration = Duration::from_millis(200);
const POLITICAS: [(Politica, &str); 3] = [
    (Politica::Lectores, "preferencia por lectores"),
    (Politica::Escritores, "preferencia por escritores"),
    (Politica::Justa, "justa"),
];

/// Un intento del hilo solitario: cuánto esperó, cuántas entradas del otro bando vio pasar y
/// si hubo que cortar.
struct Intento {
    espera: Duration,
    adelantos: usize,
    cortado: bool,
}

/// `muchos` hilos del bando mayoritario entran sin pausa (leen si `muchos_leen`, si no
/// escriben); un hilo del otro bando intenta entrar `INTENTOS` veces.
fn experimento(politica: Politica, muchos: usize, muchos_leen: bool) -> Vec<Intento> {
    let c = CerrojoLE::new(0u64, politica);
    let entradas = AtomicUsize::new(0);
    let fin = AtomicBool::new(false);
    // Desde cuándo espera el solitario, si espera.
    let esperando_desde: Mutex<Option<Instant>> = Mutex::new(None);
    let mut intentos = Vec::new();
    thread::scope(|s| {
        for i in 0..muchos {
            let (c, entradas, fin, esperando_desde) = (&c, &entradas, &fin, &esperando_desde);
            s.spawn(move || {
                // Escalonados, para que nunca salgan todos a la vez.
                thread::sleep(SECCION * i as u32 / muchos as u32);
                while !fin.load(Ordering::SeqCst) {
                    let cortar = esperando_desde
                        .lock()
                        .unwrap()
                        .is_some_and(|t| t.elapsed() > CORTE);
                    if cortar {
                        thread::sleep(Duration::from_micros(100));
                        continue;
                    }
                    if muchos_leen {
                        let _g = c.leer();
                        entradas.fetch_add(1, Ordering::SeqCst);
                        thread::sleep(SECCION);
                    } else {
                        let mut g = c.escribir();
                        *g += 1;
                        entradas.fetch_add(1, Ordering::SeqCst);
                        thread::sleep(SECCION);
                    }
                }
            });
        }
        for _ in 0..INTENTOS {
            thread::sleep(SECCION * 5);
            let inicio = Instant::now();
            let antes = entradas.load(Ordering::SeqCst);
            *esperando_desde.lock().unwrap() = Some(inicio);
            if muchos_leen {
                let mut g = c.escribir();
                *g += 1;
            } else {
                let _g = c.leer();
            }
            let espera = inicio.elapsed();
            *esperando_desde.lock().unwrap() = None;
            intentos.push(Intento {
                espera,
                adelantos: entradas.load(Ordering::SeqCst) - antes,
                cortado: espera > CORTE,
            });
        }
        fin.store(true, Ordering::SeqCst);
    });
    intentos
}

/// Resumen de una serie de intentos: mediana y máximo de la espera (ms), mediana y máximo
/// de los adelantos, intentos cortados.
struct Resumen {
    mediana_ms: f64,
    maximo_ms: f64,
    adelantos_mediana: usize,
    adelantos_maximo: usize,
    cortados: usize,
}

fn resumir(intentos: &[Intento]) -> Resumen {
    let mut esperas: Vec<f64> = intentos
        .iter()
        .map(|i| i.espera.as_secs_f64() * 1e3)
        .collect();
    esperas.sort_by(f64::total_cmp);
    let mut adelantos: Vec<usize> = intentos.iter().map(|i| i.adelantos).collect();
    adelantos.sort();
    Resumen {
        mediana_ms: esperas[esperas.len() / 2],
        maximo_ms: *esperas.last().unwrap(),
        adelantos_mediana: adelantos[adelantos.len() / 2],
        adelantos_maximo: *adelantos.last().unwrap(),
        cortados: intentos.iter().filter(|i| i.cortado).count(),
    }
}

fn ms(x: f64) -> String {
    let t = if x >= 10.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    };
    t.replace('.', ",")
}

/// Altura en píxeles de `ms` en el eje logarítmico (0,1 ms abajo, 1000 ms arriba).
fn y_de(ms: f64, arriba: f64, alto: f64) -> f64 {
    let decadas = (ms.max(0.1) / 0.1).log10() / 4.0;
    arriba + alto * (1.0 - decadas.min(1.0))
}

fn svg(paneles: &[(&str, Vec<Resumen>)]) -> String {
    let (ancho, alto_total) = (760.0, 400.0);
    let (arriba, alto) = (70.0, 250.0);
    let colores = ["#d9822b", "#2b7bb9", "#3a9a5b"];
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {ancho} {alto_total}" font-family="sans-serif" font-size="13">
<!-- Generado por solutions/lectores_escritores/examples/inanicion.rs con datos medidos; no editar a mano. -->
<rect width="100%" height="100%" fill="white"/>
<text x="{}" y="24" text-anchor="middle" font-size="16" font-weight="bold">Cuánto espera el hilo solitario (mediana de {INTENTOS} intentos; la raya fina, el máximo)</text>
"##,
        ancho / 2.0
    );
    // Eje vertical común, logarítmico.
    let x_eje = 70.0;
    for (i, v) in [0.1, 1.0, 10.0, 100.0, 1000.0].iter().enumerate() {
        let y = y_de(*v, arriba, alto);
        let _ = writeln!(
            s,
            r##"<line x1="{x_eje}" y1="{y}" x2="{}" y2="{y}" stroke="#ddd"/><text x="{}" y="{}" text-anchor="end">{}</text>"##,
            ancho - 20.0,
            x_eje - 6.0,
            y + 4.0,
            ["0,1 ms", "1 ms", "10 ms", "100 ms", "1 s"][i]
        );
    }
    let y_corte = y_de(CORTE.as_secs_f64() * 1e3, arriba, alto);
    let _ = writeln!(
        s,
        r##"<line x1="{x_eje}" y1="{y_corte}" x2="{}" y2="{y_corte}" stroke="#c0392b" stroke-dasharray="6 4"/><text x="{}" y="{}" text-anchor="end" fill="#c0392b">corte: {} ms</text>"##,
        ancho - 20.0,
        ancho - 22.0,
        y_corte - 5.0,
        CORTE.as_millis()
    );
    let ancho_panel = (ancho - x_eje - 20.0) / paneles.len() as f64;
    for (p, (titulo, resumenes)) in paneles.iter().enumerate() {
        let x0 = x_eje + p as f64 * ancho_panel;
        let _ = writeln!(
            s,
            r##"<text x="{}" y="52" text-anchor="middle" font-weight="bold">{titulo}</text>"##,
            x0 + ancho_panel / 2.0
        );
        let ancho_barra = ancho_panel / 4.5;
        for (k, r) in resumenes.iter().enumerate() {
            let x = x0 + ancho_panel * (0.12 + 0.29 * k as f64);
            let y = y_de(r.mediana_ms, arriba, alto);
            let y_max = y_de(r.maximo_ms, arriba, alto);
            let base = arriba + alto;
            let centro = x + ancho_barra / 2.0;
            let _ = writeln!(
                s,
                r##"<rect x="{x:.1}" y="{y:.1}" width="{ancho_barra:.1}" height="{:.1}" fill="{}"/>
<line x1="{centro:.1}" y1="{y:.1}" x2="{centro:.1}" y2="{y_max:.1}" stroke="#333"/><line x1="{:.1}" y1="{y_max:.1}" x2="{:.1}" y2="{y_max:.1}" stroke="#333"/>
<text x="{centro:.1}" y="{:.1}" text-anchor="middle" font-size="12">{} ms</text>
<text x="{centro:.1}" y="{:.1}" text-anchor="middle" font-size="12">{}</text>
<text x="{centro:.1}" y="{:.1}" text-anchor="middle" font-size="12">{}</text>"##,
                base - y,
                colores[k],
                centro - 6.0,
                centro + 6.0,
                y_max - 6.0,
                ms(r.mediana_ms),
                base + 18.0,
                ["lectores", "escritores", "justa"][k],
                base + 34.0,
                if r.cortados > 0 {
                    format!("{} de {INTENTOS} cortados", r.cortados)
                } else {
                    format!(
                        "{} adelanto{}",
                        r.adelantos_mediana,
                        if r.adelantos_mediana == 1 { "" } else { "s" }
                    )
                }
            );
        }
    }
    let _ = writeln!(
        s,
        r##"<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="#555">Política (preferencia por lectores, por escritores, justa). «Adelantos»: entradas del otro bando mientras esperaba (mediana).</text>
</svg>"##,
        ancho / 2.0,
        alto_total - 12.0
    );
    s
}

fn main() {
    let raiz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paneles = Vec::new();
    let mut tabla = String::from(
        "<!-- Generado por solutions/lectores_escritores/examples/inanicion.rs; no editar a mano. -->\n\n\
         | experimento | política | espera mediana | espera máxima | adelantos (mediana / máx.) | intentos cortados |\n\
         |---|---|---:|---:|---:|---:|\n",
    );
    for (titulo, muchos, muchos_leen) in [
        ("Un escritor entre 4 lectores sin pausa", 4, true),
        ("Un lector entre 2 escritores sin pausa", 2, false),
    ] {
        let mut resumenes = Vec::new();
        for (politica, nombre) in POLITICAS {
            let r = resumir(&experimento(politica, muchos, muchos_leen));
            eprintln!(
                "{titulo}, {nombre}: mediana {} ms, máximo {} ms, adelantos {}/{}, cortados {}",
                ms(r.mediana_ms),
                ms(r.maximo_ms),
                r.adelantos_mediana,
                r.adelantos_maximo,
                r.cortados
            );
            let _ = writeln!(
                tabla,
                "| {titulo} | {nombre} | {} ms | {} ms | {} / {} | {} de {INTENTOS} |",
                ms(r.mediana_ms),
                ms(r.maximo_ms),
                r.adelantos_mediana,
                r.adelantos_maximo,
                r.cortados
            );
            resumenes.push(r);
        }
        paneles.push((titulo, resumenes));
    }
    let svg = svg(&paneles);
    let destino = raiz.join("book/src/img/lectores-escritores-inanicion.svg");
    std::fs::write(&destino, svg).expect("no se pudo escribir la gráfica");
    std::fs::write(
        raiz.join("book/src/lectores-escritores/inanicion-tabla.md"),
        tabla,
    )
    .expect("no se pudo escribir la tabla");
    eprintln!("escrito {}", destino.display());
}
