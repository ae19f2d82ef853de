//! El gráfico de las medidas de `paso_de_mensajes`: latencia por mensaje y caudal, una barra
//! por transporte (MPI, el TCP del curso, mpi4py). Se dibuja aquí, con el motor SVG de
//! plotters (como `cargo curso graficos`, cuyo gráfico es de un solo grupo), porque este
//! pone dos grupos uno encima del otro. El nombre no empieza por `grafico-`: esos los
//! regenera y borra `cargo curso graficos`.

use plotters::coord::ranged1d::{IntoSegmentedCoord, SegmentValue};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde_json::Value;
use std::path::Path;

const AZUL: RGBColor = RGBColor(52, 101, 164);
const TINTA: RGBColor = RGBColor(40, 40, 40);
const PIE: RGBColor = RGBColor(90, 90, 90);

/// Dibuja el gráfico en `destino` a partir de las medidas.
pub fn dibujar(medidas: &[Value], maquina: &str, destino: &Path) {
    let del_grupo = |grupo: &str, valor: &dyn Fn(f64) -> f64| -> Vec<(String, f64)> {
        medidas
            .iter()
            .filter(|m| m["grupo"] == grupo)
            .filter(|m| !m["variante"].as_str().unwrap_or("").starts_with("base"))
            .map(|m| {
                let v = m["variante"].as_str().unwrap_or("?").to_string();
                (v, valor(m["segundos"].as_f64().unwrap_or(0.0)))
            })
            .collect()
    };
    let latencia = del_grupo("paso_de_mensajes_latencia", &|s| s * 1e6);
    let caudal = del_grupo("paso_de_mensajes_ancho_de_banda", &|s| {
        8.0 * (1 << 20) as f64 / s / 1e9
    });
    let alto_panel = |n: usize| 110 + 40 * n as u32;
    let (a1, a2) = (alto_panel(latencia.len()), alto_panel(caudal.len()));
    let raiz = SVGBackend::new(destino, (800, a1 + a2 + 50)).into_drawing_area();
    raiz.fill(&WHITE).unwrap();
    let (arriba, resto) = raiz.split_vertically(a1);
    let (abajo, pie) = resto.split_vertically(a2);
    panel(
        &arriba,
        "Latencia: una ida y vuelta de un número (menos es mejor)",
        "microsegundos por ida y vuelta",
        &latencia,
        " µs",
    );
    panel(
        &abajo,
        "Ancho de banda: 8 MB a otro proceso (más es mejor)",
        "caudal (GB/s)",
        &caudal,
        " GB/s",
    );
    // En dos líneas: a su tamaño natural ningún texto baja de 12 px (el libro lo exige para
    // poder leerlo en un teléfono), y la máquina entera no cabe en una.
    let (cpu, resto) = maquina.split_once("; ").unwrap_or((maquina, ""));
    for (i, linea) in [format!("Medido en {cpu};"), resto.to_string()]
        .iter()
        .enumerate()
    {
        pie.draw(&Text::new(
            linea.clone(),
            (10, 4 + 20 * i as i32),
            ("sans-serif", 15).into_font().color(&PIE),
        ))
        .unwrap();
    }
    raiz.present().unwrap();
}

fn panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    titulo: &str,
    eje: &str,
    barras: &[(String, f64)],
    unidad: &str,
) {
    let n = barras.len().max(1);
    let maximo = barras.iter().map(|b| b.1).fold(f64::MIN_POSITIVE, f64::max);
    let mut lienzo = ChartBuilder::on(area)
        .caption(titulo, ("sans-serif", 20).into_font().color(&TINTA))
        .margin(10)
        .margin_right(30)
        .x_label_area_size(44)
        .y_label_area_size(270)
        .build_cartesian_2d(0.0..maximo * 1.25, (0..n - 1).into_segmented())
        .unwrap();
    let rotulos: Vec<String> = barras.iter().map(|b| b.0.clone()).collect();
    let formato_y = |v: &SegmentValue<usize>| match v {
        SegmentValue::CenterOf(i) if *i < rotulos.len() => rotulos[n - 1 - i].clone(),
        _ => String::new(),
    };
    let formato_x = |x: &f64| numero(*x);
    lienzo
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(RGBColor(240, 240, 240))
        .x_labels(8)
        .y_labels(n)
        .y_label_formatter(&formato_y)
        .x_label_formatter(&formato_x)
        .x_desc(eje)
        .label_style(("sans-serif", 15).into_font().color(&TINTA))
        .axis_desc_style(("sans-serif", 15).into_font().color(&TINTA))
        .draw()
        .unwrap();
    lienzo
        .draw_series(barras.iter().enumerate().map(|(i, (_, v))| {
            let mut barra = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(n - 1 - i)),
                    (*v, SegmentValue::Exact(n - i)),
                ],
                AZUL.filled(),
            );
            barra.set_margin(6, 6, 0, 0);
            barra
        }))
        .unwrap();
    let estilo = ("sans-serif", 15)
        .into_font()
        .color(&TINTA)
        .pos(Pos::new(HPos::Left, VPos::Center));
    lienzo
        .draw_series(barras.iter().enumerate().map(|(i, (_, v))| {
            Text::new(
                format!("{}{unidad}", numero(*v)),
                (*v + maximo * 0.01, SegmentValue::CenterOf(n - 1 - i)),
                estilo.clone(),
            )
        }))
        .unwrap();
}

/// Con coma decimal, y menos decimales cuanto mayor es el número.
fn numero(v: f64) -> String {
    let d = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    format!("{v:.d$}").replace('.', ",")
}
