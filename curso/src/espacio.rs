//! El espacio de trabajo de cargo del propio curso: compilar aquí lo que ya compila
//! `cargo test` reutiliza sus artefactos en lugar de compilar cada dependencia otra vez.

use crate::banco::Compilada;
use crate::catalogo::Ejercicio;
use crate::{Resultado, raiz};
use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// El directorio de compilación de verdad del curso (el que usan `cargo test` y
/// `cargo bench`, también con `CARGO_TARGET_DIR` o una configuración de cargo), según
/// `cargo metadata`.
pub fn directorio_de_compilacion() -> Resultado<PathBuf> {
    directorio_con(&raiz(), &[])
}

/// [`directorio_de_compilacion`] para el curso en `raiz`, con variables de entorno de más
/// para cargo.
pub fn directorio_con(raiz: &Path, entorno: &[(&str, &OsStr)]) -> Resultado<PathBuf> {
    let salida = cargo()
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(raiz)
        .envs(entorno.iter().copied())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("no se pudo ejecutar cargo metadata: {e}"))?;
    if !salida.status.success() {
        return Err("cargo metadata terminó con error".into());
    }
    let datos: serde_json::Value = serde_json::from_slice(&salida.stdout)
        .map_err(|e| format!("cargo metadata no devolvió JSON: {e}"))?;
    datos["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .ok_or_else(|| "cargo metadata no dice cuál es el directorio de compilación".into())
}

/// Compila la suite oficial contra el crate del alumno como `cargo test -p <ejercicio>`
/// (mismo espacio de trabajo, mismo directorio de compilación), sin ejecutarla. Devuelve el
/// ejecutable de la suite o los errores del compilador.
pub fn compilar_suite_del_alumno(ejercicio: &Ejercicio) -> Resultado<Compilada> {
    let mut hijo = cargo()
        .args(["test", "--no-run", "--message-format=json", "--package"])
        .arg(&ejercicio.nombre)
        .current_dir(raiz())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("no se pudo ejecutar cargo: {e}"))?;
    let suite = ejercicio.pruebas().join("suite.rs");
    let suite = suite.canonicalize().unwrap_or(suite);
    let (mut ejecutable, mut errores) = (None, String::new());
    let salida = hijo.stdout.take().expect("salida capturada");
    for linea in BufReader::new(salida).lines() {
        let linea = linea.map_err(|e| format!("no se pudo leer la salida de cargo: {e}"))?;
        let Ok(mensaje) = serde_json::from_str::<serde_json::Value>(&linea) else {
            continue;
        };
        if let Some(exe) = ejecutable_de_la_suite(&mensaje, &suite) {
            ejecutable = Some(exe);
        }
        if mensaje["reason"] == "compiler-message"
            && mensaje["message"]["level"] == "error"
            && let Some(texto) = mensaje["message"]["rendered"].as_str()
        {
            errores.push_str(texto);
        }
    }
    let estado = hijo
        .wait()
        .map_err(|e| format!("cargo no terminó bien: {e}"))?;
    Ok(match ejecutable {
        Some(exe) if estado.success() => Compilada::Lista(exe),
        _ if errores.is_empty() => {
            Compilada::Error("no compiló (sin mensajes del compilador)".into())
        }
        _ => Compilada::Error(errores),
    })
}

/// El ejecutable de un mensaje `compiler-artifact` de cargo, si es el de la prueba de
/// integración cuyo fuente es `suite`.
fn ejecutable_de_la_suite(mensaje: &serde_json::Value, suite: &Path) -> Option<PathBuf> {
    if mensaje["reason"] != "compiler-artifact" {
        return None;
    }
    let objetivo = &mensaje["target"];
    let es_prueba = objetivo["kind"]
        .as_array()
        .is_some_and(|k| k.iter().any(|k| k == "test"));
    let fuente = Path::new(objetivo["src_path"].as_str()?);
    let fuente = fuente
        .canonicalize()
        .unwrap_or_else(|_| fuente.to_path_buf());
    let ejecutable = mensaje["executable"].as_str()?;
    (es_prueba && fuente == suite).then(|| PathBuf::from(ejecutable))
}

#[cfg(test)]
mod pruebas {
    use super::*;

    #[test]
    fn el_directorio_de_compilacion_respeta_cargo_target_dir() {
        let otro = raiz().join("target/curso/otro-target");
        let dir = directorio_con(&raiz(), &[("CARGO_TARGET_DIR", otro.as_os_str())]).unwrap();
        assert_eq!(dir, otro);
    }

    #[test]
    fn se_reconoce_el_ejecutable_de_la_suite_entre_los_artefactos() {
        let suite = Path::new("/curso/tests/suma/suite.rs");
        let artefacto = |tipo: &str, fuente: &str| {
            serde_json::json!({
                "reason": "compiler-artifact",
                "target": {"kind": [tipo], "src_path": fuente},
                "executable": "/t/debug/deps/suma-123",
            })
        };
        assert_eq!(
            ejecutable_de_la_suite(&artefacto("test", "/curso/tests/suma/suite.rs"), suite),
            Some(PathBuf::from("/t/debug/deps/suma-123"))
        );
        // Las pruebas unitarias de la biblioteca también dan un ejecutable: no es la suite.
        let lib = artefacto("lib", "/curso/exercises/suma/src/lib.rs");
        assert_eq!(ejecutable_de_la_suite(&lib, suite), None);
    }
}
