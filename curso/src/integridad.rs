//! Controles de integridad de una entrega: la nota no se compra.
//!
//! La suite, las instantáneas y los datos de prueba salen siempre del curso original (el
//! banco enlaza sus archivos, nunca los de la entrega), así que editarlos no cambia nada al
//! ejecutar. Aun así, una entrega que los toca, o que intenta salir del proceso, leer el
//! entorno de la corrección, incluir archivos ajenos o copiar la solución de referencia,
//! pierde los puntos de ese ejercicio y se dice por qué.

use crate::catalogo::Ejercicio;
use crate::{archivos, archivos_rs};
use std::path::Path;

/// Construcciones que el código de un ejercicio no necesita nunca y que sirven para hacer
/// trampa: terminar el proceso a mitad de una prueba, hablar con la corrección o traer
/// código de fuera.
///
/// Lo que ya trae el esqueleto del ejercicio está permitido en ese ejercicio: el de
/// `distribuida`, por ejemplo, lanza procesos con `std::process::Command`.
const PROHIBIDO: [(&str, &str); 11] = [
    ("process::exit", "termina el proceso (process::exit)"),
    ("process::abort", "aborta el proceso (process::abort)"),
    ("std::process", "usa std::process"),
    ("libc::", "llama directamente al sistema (libc)"),
    (
        "extern \"",
        "declara funciones externas (extern \"C\" y similares)",
    ),
    ("asm!", "escribe ensamblador (asm!)"),
    (
        "#[path",
        "incluye archivos de fuera del ejercicio (#[path])",
    ),
    ("include!", "incluye archivos con include!"),
    ("include_str!", "incluye archivos con include_str!"),
    ("env::var", "lee variables de entorno"),
    ("CURSO_", "toca la configuración de la corrección (CURSO_…)"),
];

/// Los motivos por los que la entrega de `ejercicio` en `carpeta` no puede puntuar (vacío si
/// está limpia). `raiz_entrega` es la raíz del repositorio del estudiante, si se conoce.
pub fn revisar(ejercicio: &Ejercicio, carpeta: &Path, raiz_entrega: Option<&Path>) -> Vec<String> {
    let mut motivos = Vec::new();
    let esqueleto = std::fs::read_to_string(ejercicio.esqueleto()).unwrap_or_default();
    let prohibido = PROHIBIDO
        .iter()
        .filter(|(patron, _)| !esqueleto.contains(patron));
    for archivo in archivos_rs(&carpeta.join("src")) {
        let texto = std::fs::read_to_string(&archivo).unwrap_or_default();
        for (patron, motivo) in prohibido.clone() {
            if texto.contains(patron) {
                motivos.push(format!("{}: {motivo}", relativa(&archivo, carpeta)));
            }
        }
        if archivo.ends_with("src/lib.rs") && es_copia(&texto, &ejercicio.solucion()) {
            motivos.push("src/lib.rs es una copia de la solución de referencia".into());
        }
    }
    motivos.extend(dependencias_ajenas(ejercicio, carpeta));
    if let Some(raiz_entrega) = raiz_entrega {
        motivos.extend(pruebas_tocadas(ejercicio, raiz_entrega));
    }
    motivos
}

/// Dependencias del `Cargo.toml` de la entrega que el curso no declara para ese ejercicio.
fn dependencias_ajenas(ejercicio: &Ejercicio, carpeta: &Path) -> Vec<String> {
    let nombres = |ruta: &Path| -> Vec<String> {
        let Ok(texto) = std::fs::read_to_string(ruta) else {
            return Vec::new();
        };
        let Ok(toml) = texto.parse::<toml::Table>() else {
            return vec!["<Cargo.toml ilegible>".into()];
        };
        ["dependencies", "dev-dependencies", "build-dependencies"]
            .iter()
            .filter_map(|s| toml.get(*s).and_then(toml::Value::as_table))
            .flat_map(|t| t.keys().cloned())
            .collect()
    };
    let permitidas = nombres(&ejercicio.carpeta().join("Cargo.toml"));
    nombres(&carpeta.join("Cargo.toml"))
        .into_iter()
        .filter(|d| !permitidas.contains(d))
        .map(|d| format!("Cargo.toml añade una dependencia que el curso no permite: {d}"))
        .collect()
}

/// La suite oficial y sus instantáneas, si la entrega las trae, deben ser idénticas a las
/// del curso.
fn pruebas_tocadas(ejercicio: &Ejercicio, raiz_entrega: &Path) -> Vec<String> {
    let copia = raiz_entrega.join("tests").join(&ejercicio.nombre);
    if !copia.exists() {
        return Vec::new();
    }
    let original = ejercicio.pruebas();
    let mut vigilados = vec![original.join("suite.rs")];
    vigilados.extend(archivos(&original.join("snapshots")));
    vigilados
        .into_iter()
        .filter_map(|archivo| {
            let relativo = archivo.strip_prefix(&original).ok()?;
            let suyo = copia.join(relativo);
            let nombre = format!("tests/{}/{}", ejercicio.nombre, relativo.display());
            match std::fs::read(&suyo) {
                Err(_) => Some(format!("borró {nombre}")),
                Ok(bytes) if std::fs::read(&archivo).ok().as_ref() != Some(&bytes) => {
                    Some(format!("modificó {nombre}"))
                }
                Ok(_) => None,
            }
        })
        .collect()
}

/// ¿Es `texto` la solución de referencia, salvo comentarios y espacios?
fn es_copia(texto: &str, solucion: &Path) -> bool {
    let Ok(referencia) = std::fs::read_to_string(solucion) else {
        return false;
    };
    let (a, b) = (lineas_de_codigo(texto), lineas_de_codigo(&referencia));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let comunes = a.iter().filter(|l| b.contains(l)).count();
    // Nueve de cada diez líneas de código idénticas: eso no es coincidencia.
    comunes * 10 >= a.len().max(b.len()) * 9
}

fn lineas_de_codigo(texto: &str) -> Vec<String> {
    texto
        .lines()
        .map(|l| {
            l.split("//")
                .next()
                .unwrap_or("")
                .split_whitespace()
                .collect::<String>()
        })
        .filter(|l| l.len() > 3)
        .collect()
}

fn relativa(archivo: &Path, base: &Path) -> String {
    archivo
        .strip_prefix(base)
        .unwrap_or(archivo)
        .display()
        .to_string()
}

#[cfg(test)]
mod pruebas {
    use super::*;

    /// El punto de partida de cada ejercicio no puede perder puntos por su propio código.
    #[test]
    fn el_esqueleto_de_cada_ejercicio_pasa_la_revision() {
        for ejercicio in crate::catalogo::ejercicios().expect("curso.toml") {
            let motivos = revisar(&ejercicio, &ejercicio.carpeta(), None);
            assert!(
                motivos.is_empty(),
                "el esqueleto de «{}» no pasaría la revisión: {motivos:?}",
                ejercicio.nombre
            );
        }
    }
}
