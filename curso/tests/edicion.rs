//! `cargo curso edicion`: la copia del curso para los estudiantes no trae nada que resuelva
//! un ejercicio, y lo que el estudiante usa sigue funcionando.

use curso::raiz;
use std::path::Path;
use std::process::Command;

fn todos(carpeta: &Path, salida: &mut Vec<String>, base: &Path) {
    for e in std::fs::read_dir(carpeta).unwrap().flatten() {
        let ruta = e.path();
        if e.file_name() == ".git" {
            continue;
        }
        if ruta.is_dir() {
            todos(&ruta, salida, base);
        } else {
            salida.push(ruta.strip_prefix(base).unwrap().display().to_string());
        }
    }
}

#[test]
fn la_edicion_del_estudiante_no_trae_soluciones_y_compila() {
    let destino = raiz().join("target/curso/edicion");
    let _ = std::fs::remove_dir_all(&destino);
    let resumen = curso::edicion::escribir(&destino).expect("edición");
    println!("{resumen}");
    let mut archivos = Vec::new();
    todos(&destino, &mut archivos, &destino);
    let prohibidos: Vec<&String> = archivos
        .iter()
        .filter(|a| {
            a.starts_with("solutions/")
                || a.contains("/buenas/")
                || a.contains("/malas/")
                || a.starts_with("curso/tests/")
                || a.ends_with("solucion.md")
        })
        .collect();
    assert!(prohibidos.is_empty(), "{prohibidos:#?}");
    for imprescindible in [
        "exercises/suma/src/lib.rs",
        "tests/suma/suite.rs",
        "tests/suma/esqueleto.rs",
        "crates/sincro/src/lib.rs",
        "curso/src/main.rs",
        "book/src/suma/enunciado.md",
        ".github/workflows/classroom.yml",
    ] {
        assert!(
            archivos.iter().any(|a| a == imprescindible),
            "falta {imprescindible}"
        );
    }
    // Ningún enlace ni inclusión del libro apunta a lo que no está.
    for a in archivos
        .iter()
        .filter(|a| a.starts_with("book/src/") && a.ends_with(".md"))
    {
        let texto = std::fs::read_to_string(destino.join(a)).unwrap();
        assert!(
            !texto.contains("](solucion.md") && !texto.contains("/solucion.md)"),
            "{a} enlaza una página de solución"
        );
        assert!(
            !(texto.contains("{{#include") && texto.contains("{{#include ../../../solutions")),
            "{a} incluye una solución"
        );
    }
    let cargo_toml = std::fs::read_to_string(destino.join("Cargo.toml")).unwrap();
    assert!(!cargo_toml.contains("solutions"), "{cargo_toml}");
    assert!(
        destino.join(".git").is_dir(),
        "la edición no es un repositorio git"
    );

    // El espacio de trabajo compila allí: el ejercicio con su suite, como `cargo test -p
    // suma` (sin ejecutarla: el esqueleto falla a propósito). Comparte la caché de
    // compilación del curso y no usa la red.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let estado = Command::new(&cargo)
        .args(["test", "-p", "suma", "--no-run", "--offline"])
        .current_dir(&destino)
        .env(
            "CARGO_TARGET_DIR",
            raiz().join("target/curso/edicion-target"),
        )
        .status()
        .unwrap();
    assert!(
        estado.success(),
        "cargo test -p suma no compila en la edición"
    );
}
