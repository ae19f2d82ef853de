//! Comidas de cada filósofo en una cena real, por versión: los datos y la gráfica del libro.
//!
//! ```text
//! cargo run --release -p filosofos-solucion --example comidas
//! ```
//!
//! Cinco hilos reales comen durante `DURACION` con cada versión. Comer es una sección corta
//! de trabajo; pensar, otra más corta. Escribe las cuentas en
//! `book/src/datos/filosofos-comidas.json` y la gráfica, generada a partir de ellas, en
//! `book/src/img/filosofos-comidas.svg`.

use filosofos::{Camarero, ConIntentos, EnOrden, Mesa, Protocolo};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const FILOSOFOS: usize = 5;
const DURACION: Duration = Duration::from_secs(2);

/// Un poco de trabajo que no se puede quitar el optimizador.
fn trabajar(vueltas: u64) {
    let mut x = 0_u64;
    for i in 0..vueltas {
        x = black_box(x.wrapping_mul(31).wrapping_add(i));
    }
    black_box(x);
}

/// Comidas de cada filósofo en `DURACION`.
fn cena(protocolo: &impl Protocolo) -> Vec<u64> {
    let mesa = Mesa::new(FILOSOFOS);
    let fin = AtomicBool::new(false);
    std::thread::scope(|s| {
        let hilos: Vec<_> = (0..FILOSOFOS)
            .map(|f| {
                let (mesa, fin) = (&mesa, &fin);
                s.spawn(move || {
                    let mut comidas = 0;
                    while !fin.load(Ordering::Relaxed) {
                        protocolo.comer(mesa, f, || trabajar(2000));
                        comidas += 1;
                        trabajar(500); // pensar
                    }
                    comidas
                })
            })
            .collect();
        let inicio = Instant::now();
        while inicio.elapsed() < DURACION {
            std::thread::sleep(Duration::from_millis(10));
        }
        fin.store(true, Ordering::Relaxed);
        hilos.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

fn main() {
    let raiz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let versiones: Vec<(&str, Vec<u64>)> = vec![
        ("EnOrden", cena(&EnOrden)),
        ("Camarero", cena(&Camarero::new(FILOSOFOS))),
        ("ConIntentos", cena(&ConIntentos)),
    ];
    for (nombre, comidas) in &versiones {
        let (min, max) = (comidas.iter().min().unwrap(), comidas.iter().max().unwrap());
        println!(
            "{nombre:12} {comidas:?}  (máx/mín = {:.2})",
            *max as f64 / *min as f64
        );
    }
    std::fs::write(
        raiz.join("book/src/datos/filosofos-comidas.json"),
        json(&versiones),
    )
    .expect("no se pudieron escribir los datos");
    std::fs::write(
        raiz.join("book/src/img/filosofos-comidas.svg"),
        svg(&versiones),
    )
    .expect("no se pudo escribir la gráfica");
}

fn maquina() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "procesador desconocido".into());
    let nucleos = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cpu}, {nucleos} núcleos")
}

fn json(versiones: &[(&str, Vec<u64>)]) -> String {
    let mut texto = format!(
        "{{\n  \"maquina\": \"{}\",\n  \"filosofos\": {FILOSOFOS},\n  \"segundos_por_version\": {},\n  \"comidas\": {{\n",
        maquina(),
        DURACION.as_secs_f64()
    );
    for (i, (nombre, comidas)) in versiones.iter().enumerate() {
        let lista: Vec<String> = comidas.iter().map(u64::to_string).collect();
        let coma = if i + 1 < versiones.len() { "," } else { "" };
        writeln!(texto, "    \"{nombre}\": [{}]{coma}", lista.join(", ")).unwrap();
    }
    texto.push_str("  }\n}\n");
    texto
}

/// Barras agrupadas: un grupo por filósofo, una barra por versión.
fn svg(versiones: &[(&str, Vec<u64>)]) -> String {
    const COLORES: [&str; 3] = ["#4472c4", "#ed7d31", "#70ad47"];
    let (ancho, alto) = (720.0, 400.0);
    let (izq, der, arriba, abajo) = (80.0, 20.0, 60.0, 60.0);
    let maximo = versiones
        .iter()
        .flat_map(|(_, c)| c.iter().copied())
        .max()
        .unwrap_or(1);
    // Un paso «redondo» para las marcas del eje.
    let paso = [1, 2, 5]
        .iter()
        .flat_map(|m| (0..12).map(move |e| m * 10_u64.pow(e)))
        .filter(|p| maximo / p <= 6)
        .min()
        .unwrap_or(1);
    let tope = maximo.div_ceil(paso) * paso;
    let alto_util = alto - arriba - abajo;
    let y = |v: u64| arriba + alto_util * (1.0 - v as f64 / tope as f64);
    let grupo = (ancho - izq - der) / FILOSOFOS as f64;
    let barra = grupo * 0.8 / versiones.len() as f64;

    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {ancho} {alto}\" font-family=\"sans-serif\" font-size=\"13\">\n\
         <!-- Generado por solutions/filosofos/examples/comidas.rs a partir de book/src/datos/filosofos-comidas.json; no editar a mano. -->\n\
         <rect width=\"{ancho}\" height=\"{alto}\" fill=\"white\"/>\n\
         <text x=\"{}\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">Comidas de cada filósofo en {} s, por versión (5 hilos reales)</text>\n",
        ancho / 2.0,
        DURACION.as_secs()
    );
    let mut marca = 0;
    while marca <= tope {
        let yy = y(marca);
        writeln!(
            s,
            "<line x1=\"{izq}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"#ddd\"/>\n\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            ancho - der,
            izq - 6.0,
            yy + 4.0,
            miles(marca)
        )
        .unwrap();
        marca += paso;
    }
    for f in 0..FILOSOFOS {
        let x0 = izq + grupo * f as f64 + grupo * 0.1;
        for (v, (_, comidas)) in versiones.iter().enumerate() {
            let x = x0 + barra * v as f64;
            let yy = y(comidas[f]);
            writeln!(
                s,
                "<rect x=\"{x:.1}\" y=\"{yy:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
                barra - 2.0,
                alto - abajo - yy,
                COLORES[v % COLORES.len()]
            )
            .unwrap();
        }
        writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">filósofo {f}</text>",
            izq + grupo * (f as f64 + 0.5),
            alto - abajo + 20.0
        )
        .unwrap();
    }
    writeln!(
        s,
        "<line x1=\"{izq}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"black\"/>",
        alto - abajo,
        ancho - der,
        alto - abajo
    )
    .unwrap();
    writeln!(
        s,
        "<text transform=\"translate(18 {:.1}) rotate(-90)\" text-anchor=\"middle\">comidas</text>",
        arriba + alto_util / 2.0
    )
    .unwrap();
    for (v, (nombre, _)) in versiones.iter().enumerate() {
        let x = izq + 10.0 + 160.0 * v as f64;
        writeln!(
            s,
            "<rect x=\"{x}\" y=\"{:.1}\" width=\"14\" height=\"14\" fill=\"{}\"/>\n\
             <text x=\"{}\" y=\"{:.1}\">{nombre}</text>",
            alto - 24.0,
            COLORES[v % COLORES.len()],
            x + 20.0,
            alto - 12.0
        )
        .unwrap();
    }
    s.push_str("</svg>\n");
    s
}

/// 12345 → «12 345», como se escriben los números en español.
fn miles(n: u64) -> String {
    let cifras = n.to_string();
    let mut texto = String::new();
    for (i, c) in cifras.chars().enumerate() {
        if i > 0 && (cifras.len() - i) % 3 == 0 && cifras.len() > 4 {
            texto.push('\u{202f}');
        }
        texto.push(c);
    }
    texto
}
