//! Dibuja las gráficas del capítulo a partir de las medidas reales.
//!
//! Lee `book/src/datos/matrices.json` (lo escribe `cargo curso medir matrices`) y escribe
//! `book/src/img/matrices-balanceo.svg` y `book/src/img/matrices-rendimiento.svg`. Las mismas
//! medidas dan siempre el mismo SVG: ningún número se copia a mano.
//!
//! ```text
//! cargo curso medir matrices
//! cargo run -p matrices-solucion --example graficas
//! ```

use serde_json::Value;
use std::fmt::Write;
use std::path::Path;

struct Medida {
    grupo: String,
    variante: String,
    segundos: f64,
}

fn leer(raiz: &Path) -> Vec<Medida> {
    let ruta = raiz.join("book/src/datos/matrices.json");
    let texto = std::fs::read_to_string(&ruta)
        .unwrap_or_else(|e| panic!("no se pudo leer {}: {e}", ruta.display()));
    let datos: Value = serde_json::from_str(&texto).expect("matrices.json no es JSON válido");
    datos["medidas"]
        .as_array()
        .expect("matrices.json no tiene «medidas»")
        .iter()
        .map(|m| Medida {
            grupo: m["grupo"].as_str().unwrap_or_default().to_string(),
            variante: m["variante"].as_str().unwrap_or_default().to_string(),
            segundos: m["segundos"].as_f64().unwrap_or(f64::NAN),
        })
        .collect()
}

/// Un número con coma decimal, como en el resto del libro.
fn num(x: f64, decimales: usize) -> String {
    format!("{x:.decimales$}").replace('.', ",")
}

fn escapar(texto: &str) -> String {
    texto
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

const FUENTE: &str = "font-family=\"sans-serif\"";

/// Barras verticales: aceleración frente a una tarea, con la línea del ideal (2 núcleos).
fn balanceo(medidas: &[Medida]) -> String {
    let grupo: Vec<&Medida> = medidas
        .iter()
        .filter(|m| m.grupo == "matrices_balanceo")
        .collect();
    let tareas = |m: &Medida| -> usize {
        m.variante
            .trim_start_matches("base: ")
            .split_whitespace()
            .next()
            .and_then(|t| t.parse().ok())
            .unwrap_or(0)
    };
    let base = grupo
        .iter()
        .find(|m| m.variante.starts_with("base"))
        .expect("falta la base del grupo matrices_balanceo")
        .segundos;
    let mut barras: Vec<(usize, f64)> = grupo
        .iter()
        .map(|m| (tareas(m), base / m.segundos))
        .collect();
    barras.sort_by_key(|&(t, _)| t);

    let (ancho, alto) = (640.0, 360.0);
    let (izq, der, arriba, abajo) = (60.0, 20.0, 50.0, 60.0);
    let maximo = 2.2_f64;
    let y = |v: f64| arriba + (alto - arriba - abajo) * (1.0 - v / maximo);
    let hueco = (ancho - izq - der) / barras.len() as f64;
    let mut s = String::new();
    writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {ancho} {alto}\" {FUENTE} font-size=\"13\">"
    )
    .unwrap();
    writeln!(
        s,
        "<rect width=\"{ancho}\" height=\"{alto}\" fill=\"white\"/>"
    )
    .unwrap();
    writeln!(
        s,
        "<text x=\"{}\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">L·B triangular, n = 1000, 2 núcleos: aceleración frente a 1 tarea</text>",
        ancho / 2.0
    )
    .unwrap();
    for v in [0.0, 0.5, 1.0, 1.5, 2.0] {
        writeln!(
            s,
            "<line x1=\"{izq}\" x2=\"{}\" y1=\"{y0:.1}\" y2=\"{y0:.1}\" stroke=\"#ddd\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}×</text>",
            ancho - der,
            izq - 8.0,
            y(v) + 4.0,
            num(v, 1),
            y0 = y(v)
        )
        .unwrap();
    }
    writeln!(
        s,
        "<line x1=\"{izq}\" x2=\"{}\" y1=\"{y2:.1}\" y2=\"{y2:.1}\" stroke=\"#c0392b\" stroke-dasharray=\"6 4\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#c0392b\">ideal con 2 núcleos</text>",
        ancho - der,
        ancho - der - 4.0,
        y(2.0) - 6.0,
        y2 = y(2.0)
    )
    .unwrap();
    for (i, &(t, acel)) in barras.iter().enumerate() {
        let x = izq + hueco * i as f64 + hueco * 0.15;
        let w = hueco * 0.7;
        let color = if t <= 2 { "#e67e22" } else { "#2e86c1" };
        writeln!(
            s,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{color}\"/>",
            y(acel),
            y(0.0) - y(acel)
        )
        .unwrap();
        writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}×</text>",
            x + w / 2.0,
            y(acel) - 6.0,
            num(acel, 2)
        )
        .unwrap();
        let etiqueta = if t == 1 {
            "1 (base)".to_string()
        } else {
            t.to_string()
        };
        writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{etiqueta}</text>",
            x + w / 2.0,
            y(0.0) + 18.0
        )
        .unwrap();
    }
    writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">tareas (trozos de filas iguales); naranja: reparto estático, una tarea por hilo o menos</text>",
        ancho / 2.0,
        alto - 16.0
    )
    .unwrap();
    s.push_str("</svg>\n");
    s
}

/// Barras horizontales: GFLOP/s de cada variante con n = 1000, escala logarítmica.
fn rendimiento(medidas: &[Medida]) -> String {
    let flops = 2.0 * 1000f64.powi(3);
    let mut barras: Vec<(String, f64)> = medidas
        .iter()
        .filter(|m| m.grupo == "matrices_1000")
        .map(|m| {
            (
                m.variante.trim_start_matches("base: ").to_string(),
                flops / m.segundos / 1e9,
            )
        })
        .collect();
    barras.sort_by(|a, b| a.1.total_cmp(&b.1));
    let pico_avx2 = medidas
        .iter()
        .find(|m| m.grupo == "matrices_pico" && m.variante.contains("1 hilo"))
        // Un hilo hace 2²⁰ rondas de 80 operaciones; el pico de dos núcleos, como en el
        // texto de las medidas, es el doble de lo que hace uno.
        .map(|m| 2.0 * (1u64 << 20) as f64 * 80.0 / m.segundos / 1e9);

    let fila = 30.0;
    let (izq, der, arriba) = (370.0, 70.0, 50.0);
    let ancho = 870.0;
    let alto = arriba + fila * barras.len() as f64 + 60.0;
    let (minimo, maximo) = (0.1_f64, 300.0_f64);
    let x =
        |v: f64| izq + (ancho - izq - der) * (v.max(minimo) / minimo).ln() / (maximo / minimo).ln();
    let mut s = String::new();
    writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {ancho} {alto}\" {FUENTE} font-size=\"13\">"
    )
    .unwrap();
    writeln!(
        s,
        "<rect width=\"{ancho}\" height=\"{alto}\" fill=\"white\"/>"
    )
    .unwrap();
    writeln!(
        s,
        "<text x=\"{}\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">Producto de dos matrices 1000 × 1000 (f64): GFLOP/s, escala logarítmica</text>",
        ancho / 2.0
    )
    .unwrap();
    let fondo = arriba + fila * barras.len() as f64;
    for v in [0.1, 1.0, 10.0, 100.0] {
        writeln!(
            s,
            "<line x1=\"{x0:.1}\" x2=\"{x0:.1}\" y1=\"{arriba}\" y2=\"{fondo}\" stroke=\"#ddd\"/><text x=\"{x0:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            fondo + 18.0,
            num(v, if v < 1.0 { 1 } else { 0 }),
            x0 = x(v)
        )
        .unwrap();
    }
    let mut lineas = Vec::new();
    if let Some(p) = pico_avx2 {
        lineas.push((p, "pico AVX2 de 2 núcleos"));
        lineas.push((2.0 * p, "pico AVX-512 de 2 núcleos"));
    }
    for (i, (v, nombre)) in lineas.iter().enumerate() {
        writeln!(
            s,
            "<line x1=\"{x0:.1}\" x2=\"{x0:.1}\" y1=\"{arriba}\" y2=\"{fondo}\" stroke=\"#c0392b\" stroke-dasharray=\"6 4\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#c0392b\">{nombre}: {}</text>",
            x(*v) - 4.0,
            fondo + 36.0 + 16.0 * i as f64,
            num(*v, 0),
            x0 = x(*v)
        )
        .unwrap();
    }
    for (i, (nombre, gflops)) in barras.iter().enumerate() {
        let y = arriba + fila * i as f64;
        let color = if nombre.starts_with("Python") {
            "#8e44ad"
        } else {
            "#2e86c1"
        };
        writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><rect x=\"{izq}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{color}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            izq - 8.0,
            y + fila * 0.62,
            escapar(nombre),
            y + fila * 0.15,
            x(*gflops) - izq,
            fila * 0.7,
            x(*gflops) + 6.0,
            y + fila * 0.62,
            num(*gflops, 1)
        )
        .unwrap();
    }
    s.push_str("</svg>\n");
    s
}

fn main() {
    let raiz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let medidas = leer(&raiz);
    for (nombre, svg) in [
        ("matrices-balanceo.svg", balanceo(&medidas)),
        ("matrices-rendimiento.svg", rendimiento(&medidas)),
    ] {
        let ruta = raiz.join("book/src/img").join(nombre);
        std::fs::write(&ruta, svg)
            .unwrap_or_else(|e| panic!("no se pudo escribir {}: {e}", ruta.display()));
        println!("escrito {}", ruta.display());
    }
}
