//! El dibujo de un [`Cronograma`]: un SVG con un carril por hilo (el tiempo corre hacia
//! abajo) dentro de una página HTML autónoma, sin red ni JavaScript.
//!
//! Todo texto que entra en la página se escapa: puede traer el mensaje de un pánico del código
//! probado. La letra nunca baja de 11 px, y el SVG va a su tamaño natural dentro de una caja
//! con desplazamiento horizontal: en un teléfono se desplaza en vez de encogerse.

use crate::cronograma::{ClasePaso, Cronograma, Final, Paso};
use std::fmt::Write;

/// Anchura de un carril, margen izquierdo (los números de paso) y altura de la cabecera.
const CARRIL: usize = 190;
const MARGEN: usize = 44;
const CABECERA: usize = 40;
/// Altura de una línea de texto de 12 px, y los caracteres que caben en un carril.
const LINEA: usize = 15;
const CABEN: usize = 27;
/// Pasos que se dibujan como mucho; si hay más, se pliegan los del medio: se ven los
/// primeros (quién lanza a quién) y los últimos, que llevan al fallo.
pub(crate) const MAXIMO: usize = 70;
const PRIMEROS: usize = 6;

/// Escapa `texto` para HTML y SVG.
pub(crate) fn escapar(texto: &str) -> String {
    let mut salida = String::with_capacity(texto.len());
    for c in texto.chars() {
        match c {
            '&' => salida.push_str("&amp;"),
            '<' => salida.push_str("&lt;"),
            '>' => salida.push_str("&gt;"),
            '"' => salida.push_str("&quot;"),
            '\'' => salida.push_str("&#39;"),
            c if c.is_control() && c != '\n' => salida.push(' '),
            c => salida.push(c),
        }
    }
    salida
}

/// Parte `texto` en líneas de como mucho `caben` caracteres, por palabras.
fn partir(texto: &str, caben: usize) -> Vec<String> {
    let mut lineas = Vec::new();
    for parrafo in texto.lines() {
        let mut linea = String::new();
        for palabra in parrafo.split_whitespace() {
            let mut palabra: Vec<char> = palabra.chars().collect();
            while palabra.len() > caben {
                if !linea.is_empty() {
                    lineas.push(std::mem::take(&mut linea));
                }
                lineas.push(palabra.drain(..caben).collect());
            }
            let palabra: String = palabra.into_iter().collect();
            let largo = linea.chars().count();
            if largo > 0 && largo + 1 + palabra.chars().count() > caben {
                lineas.push(std::mem::take(&mut linea));
            }
            if !linea.is_empty() {
                linea.push(' ');
            }
            linea.push_str(&palabra);
        }
        lineas.push(linea);
    }
    lineas
}

/// Los pasos que se dibujan: todos, o los primeros y los últimos con los plegados en medio.
pub(crate) fn visibles(pasos: &[Paso]) -> (Vec<&Paso>, usize) {
    if pasos.len() <= MAXIMO {
        return (pasos.iter().collect(), 0);
    }
    let ultimos = MAXIMO - PRIMEROS;
    let plegados = pasos.len() - MAXIMO;
    let mut v: Vec<&Paso> = pasos[..PRIMEROS].iter().collect();
    v.extend(&pasos[pasos.len() - ultimos..]);
    (v, plegados)
}

fn colores(clase: ClasePaso) -> (&'static str, &'static str) {
    match clase {
        ClasePaso::Anotacion => ("#eef4fb", "#2f5f8f"),
        ClasePaso::Cerrojo => ("#f4f4f4", "#6b6b6b"),
        ClasePaso::Espera => ("#fff3df", "#b35c00"),
        ClasePaso::Aviso => ("#e9f6ea", "#2e7d32"),
        ClasePaso::Hilo => ("#f3eefa", "#6a4c93"),
    }
}

/// Un rectángulo con texto de varias líneas.
fn caja(
    svg: &mut String,
    x: usize,
    y: usize,
    ancho: usize,
    lineas: &[String],
    color: (&str, &str),
    grueso: bool,
) {
    let alto = 8 + lineas.len() * LINEA;
    let borde = if grueso { 2.5 } else { 1.0 };
    let _ = writeln!(
        svg,
        "<rect x=\"{x}\" y=\"{y}\" width=\"{ancho}\" height=\"{alto}\" rx=\"4\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{borde}\"/>",
        color.0, color.1
    );
    for (i, l) in lineas.iter().enumerate() {
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#1a1a1a\">{}</text>",
            x + 6,
            y + 16 + i * LINEA,
            escapar(l)
        );
    }
}

/// El SVG del cronograma, autónomo (sirve también como imagen del libro).
pub(crate) fn svg(c: &Cronograma) -> String {
    let n = c.carriles.len().max(1);
    let ancho = MARGEN + n * CARRIL + 8;
    let centro = |carril: usize| MARGEN + carril * CARRIL + CARRIL / 2;
    let (pasos, plegados) = visibles(&c.pasos);
    // El paso que rompe la propiedad: el último del hilo que falló.
    let rompe = match c.final_ {
        Final::Fallo { carril: Some(k) } => {
            pasos.iter().rev().find(|p| p.carril == k).map(|p| p.numero)
        }
        _ => None,
    };
    let mut cuerpo = String::new();
    let mut y = CABECERA + 8;
    // Tramos en que cada carril espera: (carril, desde, hasta).
    let mut esperando: Vec<Option<usize>> = vec![None; n];
    let mut tramos: Vec<(usize, usize, usize)> = Vec::new();
    for (i, p) in pasos.iter().enumerate() {
        if plegados > 0 && i == PRIMEROS {
            let _ = writeln!(
                cuerpo,
                "<text x=\"{}\" y=\"{}\" font-size=\"12\" font-style=\"italic\" fill=\"#555\">⋯ {plegados} pasos plegados (están todos en la lista de texto) ⋯</text>",
                MARGEN + 6,
                y + 14
            );
            y += 24;
        }
        if let Some(desde) = esperando[p.carril].take() {
            tramos.push((p.carril, desde, y));
        }
        let lineas = partir(&p.texto, CABEN);
        let x = MARGEN + p.carril * CARRIL + 6;
        let _ = writeln!(
            cuerpo,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#666\" text-anchor=\"end\">{}</text>",
            MARGEN - 6,
            y + 16,
            p.numero
        );
        let (color, grueso) = if Some(p.numero) == rompe {
            (("#fdecea", "#c62828"), true)
        } else {
            (colores(p.clase), false)
        };
        caja(&mut cuerpo, x, y, CARRIL - 12, &lineas, color, grueso);
        y += 8 + lineas.len() * LINEA + 6;
        if p.clase == ClasePaso::Espera {
            esperando[p.carril] = Some(y);
        }
    }
    // El final: el fallo, o lo que espera cada hilo bloqueado y el ciclo.
    y += 4;
    let mut marca = None;
    let mensaje = match &c.final_ {
        Final::Fallo { carril } => {
            marca = *carril;
            format!("✘ Aquí se rompe la propiedad:\n{}", c.mensaje)
        }
        Final::Interbloqueo {
            esperas: bloqueadas,
            ..
        } => {
            let mut alto = 0;
            for (carril, que) in bloqueadas {
                let lineas = partir(&format!("bloqueado: {que}"), CABEN);
                alto = alto.max(8 + lineas.len() * LINEA);
                caja(
                    &mut cuerpo,
                    MARGEN + carril * CARRIL + 6,
                    y,
                    CARRIL - 12,
                    &lineas,
                    ("#fdecea", "#c62828"),
                    true,
                );
                if let Some(desde) = esperando[*carril].take() {
                    tramos.push((*carril, desde, y));
                }
            }
            y += alto + 10;
            // El mensaje ya lleva el ciclo de esperas, si lo hay.
            format!("✘ {}", c.mensaje)
        }
    };
    let todo = n * CARRIL - 12;
    let caben = todo * 10 / 68;
    let mut lineas = partir(&mensaje, caben);
    if lineas.len() > 14 {
        lineas.truncate(13);
        lineas.push("… (el mensaje entero está en la página)".into());
    }
    if let Some(k) = marca {
        let _ = writeln!(
            cuerpo,
            "<circle cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"#c62828\"/>",
            centro(k),
            y - 2
        );
    }
    caja(
        &mut cuerpo,
        MARGEN + 6,
        y + 4,
        todo,
        &lineas,
        ("#fdecea", "#c62828"),
        true,
    );
    let alto = y + 4 + 8 + lineas.len() * LINEA + 12;
    for (carril, e) in esperando.iter().enumerate() {
        if let Some(desde) = e {
            tramos.push((carril, *desde, y));
        }
    }
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{ancho}\" height=\"{alto}\" viewBox=\"0 0 {ancho} {alto}\" font-family=\"DejaVu Sans, Verdana, sans-serif\" role=\"img\" aria-label=\"{}\">",
        escapar(&format!(
            "La ejecución de {} que falla, hilo a hilo",
            c.prueba
        ))
    );
    let _ = writeln!(
        svg,
        "<rect width=\"{ancho}\" height=\"{alto}\" fill=\"#ffffff\"/>"
    );
    for (k, nombre) in c.carriles.iter().enumerate() {
        let x = centro(k);
        let _ = writeln!(
            svg,
            "<line class=\"carril\" x1=\"{x}\" y1=\"{CABECERA}\" x2=\"{x}\" y2=\"{alto}\" stroke=\"#c8c8c8\" stroke-width=\"2\"/>"
        );
        let _ = writeln!(
            svg,
            "<text class=\"hilo\" x=\"{x}\" y=\"24\" font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text>",
            escapar(nombre)
        );
    }
    for (carril, desde, hasta) in tramos {
        let x = centro(carril);
        let _ = writeln!(
            svg,
            "<line x1=\"{x}\" y1=\"{desde}\" x2=\"{x}\" y2=\"{hasta}\" stroke=\"#b35c00\" stroke-width=\"3\" stroke-dasharray=\"6 4\"/>"
        );
    }
    svg.push_str(&cuerpo);
    svg.push_str("</svg>\n");
    svg
}

const ESTILO: &str = "body{font-family:system-ui,sans-serif;font-size:16px;line-height:1.45;margin:0;\
color:#1a1a1a;background:#fff}main{max-width:1240px;margin:0 auto;padding:16px}h1{font-size:1.4em}\
h2{font-size:1.15em;margin-top:1.4em}pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:14px;\
background:#fdecea;border-left:4px solid #c62828;padding:10px}code{font-size:14px;overflow-wrap:anywhere}\
.lienzo{overflow-x:auto;border:1px solid #ddd}.lienzo svg{display:block}\
.leyenda span{display:inline-block;padding:0 6px;margin:2px;border-radius:4px;font-size:14px}\
li{font-size:14px}";

/// La página HTML entera: el fallo, la orden para repetirlo, la leyenda, el dibujo y todos
/// los pasos en texto.
pub(crate) fn pagina(c: &Cronograma) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>La ejecución que falla: {}</title>\n<style>{ESTILO}</style>\n</head>\n<body>\n<main>\n",
        escapar(&c.prueba)
    );
    let _ = writeln!(
        h,
        "<h1>La ejecución que falla, hilo a hilo</h1>\n<p>Prueba <code>{}</code> del ejercicio \
         <code>{}</code>: la misma ejecución que repite la orden de abajo, paso a paso. El \
         tiempo corre hacia abajo; cada columna es un hilo.</p>",
        escapar(&c.prueba),
        escapar(&c.ejercicio)
    );
    let _ = writeln!(
        h,
        "<h2>Qué se rompió</h2>\n<pre id=\"fallo\">{}</pre>",
        escapar(&c.mensaje)
    );
    if let Final::Interbloqueo {
        ciclo: Some(ciclo), ..
    } = &c.final_
    {
        let _ = writeln!(
            h,
            "<p id=\"ciclo\"><strong>Ciclo de esperas:</strong> {}.</p>",
            escapar(ciclo)
        );
    }
    let _ = writeln!(
        h,
        "<p>Para repetir exactamente esta ejecución:<br><code>{}</code></p>",
        escapar(&c.repetir)
    );
    let leyenda = [
        (ClasePaso::Anotacion, "lo que anota la prueba"),
        (ClasePaso::Cerrojo, "cerrojos"),
        (
            ClasePaso::Espera,
            "esperas (la línea discontinua: el hilo está bloqueado)",
        ),
        (ClasePaso::Aviso, "avisos y despertares"),
        (ClasePaso::Hilo, "lanzar y esperar hilos"),
    ];
    h.push_str("<p class=\"leyenda\">");
    for (clase, texto) in leyenda {
        let (fondo, borde) = colores(clase);
        let _ = write!(
            h,
            "<span style=\"background:{fondo};border:1px solid {borde}\">{texto}</span> "
        );
    }
    h.push_str("<span style=\"background:#fdecea;border:2px solid #c62828\">el paso que rompe la propiedad y el fallo</span></p>\n");
    let _ = writeln!(h, "<div class=\"lienzo\">\n{}</div>", svg(c));
    let _ = writeln!(
        h,
        "<details>\n<summary>Todos los pasos en texto ({})</summary>\n<ol>",
        c.pasos.len()
    );
    for p in &c.pasos {
        let _ = writeln!(
            h,
            "<li>{}: {}</li>",
            escapar(&c.carriles[p.carril]),
            escapar(&p.texto)
        );
    }
    h.push_str("</ol>\n</details>\n</main>\n</body>\n</html>\n");
    h
}

#[cfg(test)]
mod pruebas {
    use super::*;
    use crate::cronograma::{ClasePaso, Cronograma, Final, Paso};

    fn cronograma(pasos: usize) -> Cronograma {
        Cronograma {
            prueba: "prueba".into(),
            ejercicio: "ejercicio".into(),
            carriles: vec!["principal".into(), "hilo 1".into()],
            pasos: (1..=pasos)
                .map(|numero| Paso {
                    numero,
                    carril: numero % 2,
                    texto: format!("paso {numero}"),
                    clase: ClasePaso::Cerrojo,
                })
                .collect(),
            mensaje: "se rompió <algo>".into(),
            final_: Final::Fallo { carril: Some(1) },
            repetir: "CURSO_REPETIR=prueba cargo test".into(),
        }
    }

    #[test]
    fn escapar_no_deja_pasar_etiquetas_ni_comillas() {
        assert_eq!(
            escapar("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn partir_respeta_el_ancho_y_no_pierde_palabras() {
        let texto = "espera un aviso en la condición 1 (suelta el cerrojo 1) palabralarguísimaquenocabeenningunsitio";
        let lineas = partir(texto, 20);
        assert!(lineas.iter().all(|l| l.chars().count() <= 20), "{lineas:?}");
        assert_eq!(lineas.join("").replace(' ', ""), texto.replace(' ', ""));
    }

    #[test]
    fn una_ejecucion_larga_se_pliega_por_el_medio() {
        let c = cronograma(200);
        let (visibles, plegados) = visibles(&c.pasos);
        assert_eq!(visibles.len(), MAXIMO);
        assert_eq!(plegados, 200 - MAXIMO);
        assert_eq!(visibles[0].numero, 1);
        assert_eq!(visibles.last().unwrap().numero, 200);
        let svg = svg(&c);
        assert!(svg.contains(&format!("⋯ {} pasos plegados", 200 - MAXIMO)));
        // El último paso del hilo que falla va resaltado, y el mensaje escapado.
        assert_eq!(svg.matches("stroke-width=\"2.5\"").count(), 2);
        assert!(svg.contains("se rompió &lt;algo&gt;"));
        let pagina = pagina(&c);
        assert_eq!(pagina.matches("<li>").count(), 200);
        assert!(!pagina.contains("<algo>"));
    }
}
