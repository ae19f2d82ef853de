//! Los resultados de una calificación en cuatro formas: la tabla de la terminal (en
//! español), `results.json` (parecido a la versión 2 de Exercism), JUnit XML (lo que muestran
//! los sistemas de CI) y el resultado que lee el informe de GitHub Classroom.

use crate::calificacion::{Calificado, Situacion};
use crate::ejecucion::Estado;
use serde_json::{Value, json};

/// `texto` sin lo que podría cambiar lo que se ve o romper un formato: secuencias de escape
/// ANSI (colores, borrar la pantalla, mover el cursor), `\r` (reescribir una línea ya
/// impresa), los demás caracteres de control salvo `\n` y `\t`, y los que XML no admite
/// (U+FFFE, U+FFFF). El código de una entrega escribe los mensajes de sus pruebas: lo que
/// muestra la calificación lo decide quien califica.
pub fn limpiar(texto: &str) -> String {
    let mut limpio = String::with_capacity(texto.len());
    let mut letras = texto.chars().peekable();
    while let Some(c) = letras.next() {
        match c {
            // ESC [ … final (CSI), ESC ] … BEL o ESC \ (OSC) y ESC seguido de una letra.
            '\u{1b}' => match letras.next() {
                Some('[') => {
                    for c in letras.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
                Some(']') => {
                    while let Some(c) = letras.next() {
                        if c == '\u{7}' || (c == '\u{1b}' && letras.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                _ => {}
            },
            '\n' | '\t' => limpio.push(c),
            '\u{fffe}' | '\u{ffff}' => limpio.push('\u{fffd}'),
            c if c.is_control() => {}
            c => limpio.push(c),
        }
    }
    limpio
}

/// Todos los textos de un valor JSON, limpios (ver [`limpiar`]).
fn limpiar_json(valor: Value) -> Value {
    match valor {
        Value::String(s) => Value::String(limpiar(&s)),
        Value::Array(v) => Value::Array(v.into_iter().map(limpiar_json).collect()),
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (limpiar(&k), limpiar_json(v)))
                .collect(),
        ),
        otro => otro,
    }
}

fn total(calificados: &[Calificado]) -> (f64, u32) {
    let puntos = calificados.iter().map(|c| c.puntos).sum::<f64>();
    (puntos, calificados.iter().map(|c| c.ejercicio.puntos).sum())
}

fn decimal(x: f64) -> String {
    crate::decimal_es(x, 1)
}

/// Una línea de resumen de la situación de un ejercicio sin pruebas ejecutadas.
fn situacion(c: &Calificado) -> Option<String> {
    match &c.situacion {
        Situacion::Calificado => None,
        Situacion::SinEntregar => Some("sin entregar".into()),
        Situacion::SinEmpezar => {
            Some("sin empezar: el lib.rs es todavía el esqueleto original".into())
        }
        Situacion::NoCompila(_) => Some("no compila con la suite oficial".into()),
        Situacion::SinRequisitos(falta) => Some(format!("no se pudo calificar aquí: {falta}")),
        Situacion::Anulado(motivos) => Some(format!("anulado: {}", motivos.join("; "))),
    }
}

/// Cuántos fallos por ejercicio se muestran en la tabla (el resto, en los resultados JSON).
const MAXIMO_DE_FALLOS: usize = 8;

/// Cuántas líneas y letras del mensaje de un fallo se muestran en la tabla.
const LINEAS_DEL_MOTIVO: usize = 8;
const LETRAS_DEL_MOTIVO: usize = 600;

/// El primer párrafo del mensaje de una prueba (la propiedad rota y lo que hace falta para
/// entenderla), acotado en líneas y letras; el mensaje entero va en los resultados JSON.
fn motivo(p: &crate::ejecucion::Prueba) -> String {
    let mut lineas = Vec::new();
    let mut letras = 0;
    for linea in p.mensaje.trim().lines() {
        if linea.trim().is_empty() {
            break;
        }
        if lineas.len() == LINEAS_DEL_MOTIVO || letras + linea.len() > LETRAS_DEL_MOTIVO {
            lineas.push("…".to_string());
            break;
        }
        letras += linea.len();
        lineas.push(linea.trim_end().to_string());
    }
    lineas.join("\n")
}

/// Un fallo porque el alumno aún no ha escrito ese código: la prueba llegó a un `todo!()`.
fn a_medias(p: &crate::ejecucion::Prueba) -> bool {
    p.clase == Some(contrato::Clase::SinImplementar)
}

/// Cuántos nombres de pruebas a medias se citan.
const CITADAS: usize = 3;

/// La tabla de la terminal: ejercicio, pruebas superadas, puntos y, por cada fallo, la
/// propiedad que se rompió.
pub fn tabla(calificados: &[Calificado]) -> String {
    let mut texto = String::from("ejercicio              pruebas   puntos\n");
    for c in calificados {
        let pruebas = match situacion(c) {
            Some(_) => "—".to_string(),
            None => format!("{}/{}", c.superadas(), c.pruebas.len()),
        };
        texto.push_str(&format!(
            "{:<22} {:>7}   {:>5} / {}\n",
            c.ejercicio.nombre,
            pruebas,
            decimal(c.puntos),
            c.ejercicio.puntos
        ));
        if let Some(s) = situacion(c) {
            texto.push_str(&format!("    {s}\n"));
        }
        for aviso in &c.avisos {
            texto.push_str(&format!("    aviso: {aviso}\n"));
        }
        let (sin_tiempo, fallos): (Vec<_>, Vec<_>) = c
            .pruebas
            .iter()
            .filter(|p| p.estado != Estado::Pasa)
            .partition(|p| p.mensaje == crate::ejecucion::PRESUPUESTO_AGOTADO);
        let (pendientes, fallos): (Vec<_>, Vec<_>) = fallos.into_iter().partition(|p| a_medias(p));
        if !sin_tiempo.is_empty() {
            texto.push_str(&format!(
                "    sin tiempo: {} de {} pruebas no se ejecutaron enteras (cuentan como \
                 falladas): {}\n",
                sin_tiempo.len(),
                c.pruebas.len(),
                crate::ejecucion::PRESUPUESTO_AGOTADO
            ));
        }
        if !pendientes.is_empty() {
            let mut citadas: Vec<&str> = pendientes
                .iter()
                .take(CITADAS)
                .map(|p| p.nombre.as_str())
                .collect();
            if pendientes.len() > CITADAS {
                citadas.push("…");
            }
            texto.push_str(&format!(
                "    a medias: {} de {} pruebas llegan a un todo!() sin sustituir ({})\n",
                pendientes.len(),
                c.pruebas.len(),
                citadas.join(", ")
            ));
        }
        for p in fallos.iter().take(MAXIMO_DE_FALLOS) {
            let motivo = motivo(p).replace('\n', "\n        ");
            texto.push_str(&format!("    ✘ {}: {motivo}\n", p.nombre));
        }
        if fallos.len() > MAXIMO_DE_FALLOS {
            texto.push_str(&format!(
                "    … y {} fallos más\n",
                fallos.len() - MAXIMO_DE_FALLOS
            ));
        }
    }
    let (puntos, maximo) = total(calificados);
    texto.push_str(&format!(
        "\nTotal: {} de {maximo} puntos\n",
        decimal(puntos)
    ));
    limpiar(&texto)
}

fn estado(p: &crate::ejecucion::Prueba) -> &'static str {
    match p.estado {
        Estado::Pasa => "pass",
        Estado::Falla => "fail",
        Estado::AgotoTiempo => "error",
    }
}

/// `results.json`: los campos de la versión 2 de Exercism (`version`, `status`, `message`,
/// `tests` con `name`, `status`, `message`, `output`) más los puntos por ejercicio.
pub fn json(calificados: &[Calificado]) -> Value {
    let mut pruebas = Vec::new();
    let mut ejercicios = Vec::new();
    for c in calificados {
        for p in &c.pruebas {
            pruebas.push(json!({
                "name": format!("{}::{}", c.ejercicio.nombre, p.nombre),
                "status": estado(p),
                "message": p.mensaje,
                "output": p.salida,
                "duration_ms": p.duracion.as_millis() as u64,
            }));
        }
        ejercicios.push(json!({
            "name": c.ejercicio.nombre,
            "status": if c.completo() { "pass" } else { "fail" },
            "message": situacion(c),
            "tests_passed": c.superadas(),
            "tests_total": c.pruebas.len(),
            "points": c.puntos,
            "max_points": c.ejercicio.puntos,
        }));
    }
    let (puntos, maximo) = total(calificados);
    let completo = calificados.iter().all(Calificado::completo);
    limpiar_json(json!({
        "version": 2,
        "status": if completo { "pass" } else { "fail" },
        "message": format!("{} de {maximo} puntos", decimal(puntos)),
        "points": puntos,
        "max_points": maximo,
        "exercises": ejercicios,
        "tests": pruebas,
    }))
}

/// JUnit XML: una `testsuite` por ejercicio; un ejercicio anulado, sin entregar o que no
/// compila aparece como una prueba fallida con el motivo.
pub fn junit(calificados: &[Calificado]) -> String {
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"curso\">\n");
    for c in calificados {
        let nombre = xml_escapar(&c.ejercicio.nombre);
        let mut casos = String::new();
        let mut fallos = 0;
        if let Some(s) = situacion(c) {
            fallos += 1;
            let detalle = match &c.situacion {
                Situacion::NoCompila(errores) => errores.clone(),
                _ => s.clone(),
            };
            casos.push_str(&format!(
                "    <testcase classname=\"{nombre}\" name=\"entrega\"><failure message=\"{}\">{}</failure></testcase>\n",
                xml_escapar(&s),
                xml_escapar(&detalle)
            ));
        }
        for p in &c.pruebas {
            let segundos = p.duracion.as_secs_f64();
            casos.push_str(&format!(
                "    <testcase classname=\"{nombre}\" name=\"{}\" time=\"{segundos:.3}\"",
                xml_escapar(&p.nombre)
            ));
            if p.estado == Estado::Pasa {
                casos.push_str("/>\n");
            } else {
                fallos += 1;
                casos.push_str(&format!(
                    "><failure message=\"{}\">{}</failure></testcase>\n",
                    xml_escapar(&motivo(p)),
                    xml_escapar(&p.mensaje)
                ));
            }
        }
        let pruebas = c
            .pruebas
            .len()
            .max(usize::from(fallos > 0 && c.pruebas.is_empty()));
        xml.push_str(&format!(
            "  <testsuite name=\"{nombre}\" tests=\"{pruebas}\" failures=\"{fallos}\">\n{casos}  </testsuite>\n"
        ));
    }
    xml.push_str("</testsuites>\n");
    xml
}

/// El resultado que espera `classroom-resources/autograding-grading-reporter`: JSON en
/// base64, con la puntuación de cada prueba (los puntos del ejercicio repartidos entre sus
/// pruebas).
pub fn classroom(calificados: &[Calificado]) -> String {
    let mut pruebas = Vec::new();
    for c in calificados {
        let valor = if c.pruebas.is_empty() {
            0.0
        } else {
            f64::from(c.ejercicio.puntos) / c.pruebas.len() as f64
        };
        if let Some(s) = situacion(c) {
            pruebas.push(
                json!({"name": c.ejercicio.nombre, "status": "fail", "message": s, "score": 0}),
            );
        }
        for p in &c.pruebas {
            let pasa = p.estado == Estado::Pasa;
            pruebas.push(json!({
                "name": format!("{}::{}", c.ejercicio.nombre, p.nombre),
                "status": if pasa { "pass" } else { "fail" },
                "message": p.mensaje,
                "score": if pasa { valor } else { 0.0 },
            }));
        }
    }
    let (_, maximo) = total(calificados);
    let completo = calificados.iter().all(Calificado::completo);
    let resultado = limpiar_json(json!({
        "version": 1,
        "status": if completo { "pass" } else { "fail" },
        "max_score": maximo,
        "tests": pruebas,
    }));
    base64(resultado.to_string().as_bytes())
}

fn xml_escapar(texto: &str) -> String {
    limpiar(texto)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Base64 estándar, con relleno.
fn base64(bytes: &[u8]) -> String {
    const TABLA: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut salida = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for trozo in bytes.chunks(3) {
        let n = trozo
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= trozo.len() {
                salida.push(TABLA[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                salida.push('=');
            }
        }
    }
    salida
}

#[cfg(test)]
mod pruebas {
    use crate::calificacion::{Calificado, Situacion};
    use crate::catalogo::Ejercicio;
    use crate::ejecucion::{Estado, Prueba};
    use contrato::Clase;

    fn calificado(situacion: Situacion, pruebas: Vec<Prueba>) -> Calificado {
        Calificado {
            ejercicio: Ejercicio {
                nombre: "cerrojos".into(),
                titulo: "Cerrojos".into(),
                capitulo: "cerrojos/index.md".into(),
                pistas: "cerrojos/pistas.md".into(),
                puntos: 15,
                requiere: Vec::new(),
            },
            situacion,
            pruebas,
            puntos: 0.0,
            avisos: Vec::new(),
        }
    }

    fn prueba(nombre: &str, mensaje: &str, clase: Option<Clase>) -> Prueba {
        Prueba {
            nombre: nombre.into(),
            estado: if clase.is_some() {
                Estado::Falla
            } else {
                Estado::Pasa
            },
            mensaje: mensaje.into(),
            clase,
            salida: String::new(),
            duracion: std::time::Duration::ZERO,
        }
    }

    #[test]
    fn un_ejercicio_sin_tocar_se_lee_sin_empezar_y_sin_fallos() {
        let tabla = super::tabla(&[calificado(Situacion::SinEmpezar, Vec::new())]);
        assert!(tabla.contains("sin empezar"), "{tabla}");
        assert!(!tabla.contains('✘'), "{tabla}");
    }

    #[test]
    fn las_pruebas_que_llegan_a_un_todo_se_agrupan_como_a_medias() {
        let pruebas = vec![
            prueba("ya_pasa", "", None),
            prueba("a", "sin implementar todavía", Some(Clase::SinImplementar)),
            prueba("b", "sin implementar todavía", Some(Clase::SinImplementar)),
            prueba("c", "el elemento 9 no se sumó", Some(Clase::Propiedad)),
        ];
        let tabla = super::tabla(&[calificado(Situacion::Calificado, pruebas)]);
        assert!(
            tabla.contains("a medias: 2 de 4 pruebas llegan a un todo!() sin sustituir (a, b)"),
            "{tabla}"
        );
        assert!(tabla.contains("✘ c: el elemento 9 no se sumó"), "{tabla}");
        assert!(!tabla.contains("✘ a"), "{tabla}");
    }

    #[test]
    fn el_motivo_de_un_fallo_es_su_primer_parrafo_entero() {
        let mensaje = "cerrar_despierta: lo que estaba dentro al cerrar\n  se esperaba [1, 2]\n  \
                       y salió [1]\n\nPara repetir: …";
        let pruebas = vec![prueba("cerrar", mensaje, Some(Clase::Propiedad))];
        let tabla = super::tabla(&[calificado(Situacion::Calificado, pruebas)]);
        assert!(
            tabla.contains("al cerrar\n          se esperaba [1, 2]\n          y salió [1]\n"),
            "{tabla}"
        );
        assert!(!tabla.contains("Para repetir"), "{tabla}");
    }

    /// Un mensaje hostil (escapes ANSI que borran la pantalla, un `\r` que reescribe la
    /// línea con un falso aprobado, caracteres que rompen el XML) no llega a ninguna salida.
    #[test]
    fn los_mensajes_de_una_entrega_no_controlan_ninguna_salida() {
        let hostil =
            "falló\u{1b}[2J\u{1b}[1;1H\r✔ todo bien\u{1b}]0;título\u{7}\u{ffff}\u{0}\u{8}\u{85}fin";
        let mut p = prueba("a\u{1b}[31mb", hostil, Some(Clase::Propiedad));
        p.salida = hostil.into();
        let c = calificado(Situacion::Anulado(vec![hostil.into()]), vec![p]);
        let c = [c];
        let mut salidas = vec![
            super::tabla(&c),
            super::json(&c).to_string(),
            super::junit(&c),
        ];
        let clase = super::classroom(&c);
        let decodificado = std::process::Command::new("base64")
            .arg("-d")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut h| {
                use std::io::Write;
                h.stdin.take().unwrap().write_all(clase.as_bytes())?;
                h.wait_with_output()
            });
        if let Ok(d) = decodificado {
            salidas.push(String::from_utf8_lossy(&d.stdout).into_owned());
        }
        for s in salidas {
            for prohibido in [
                '\u{1b}', '\r', '\u{ffff}', '\u{0}', '\u{8}', '\u{85}', '\u{7}',
            ] {
                // En JSON, un carácter de control iría escapado como \u00XX.
                assert!(!s.contains(prohibido), "{prohibido:?} en {s:?}");
            }
            assert!(!s.contains("\\u001b") && !s.contains("\\r✔"), "{s}");
            assert!(s.contains("falló"), "{s}");
        }
    }

    #[test]
    fn base64_como_el_estandar() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::base64("año".as_bytes()), "YcOxbw==");
    }
}
