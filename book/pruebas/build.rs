//! Genera un módulo vacío por cada página del libro, documentado con el texto de la página:
//! así `cargo test` ejecuta como doctest cada bloque de código Rust del libro.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn main() {
    let fuente = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src");
    println!("cargo:rerun-if-changed={}", fuente.display());
    let mut paginas = Vec::new();
    recorrer(&fuente, &mut paginas);
    paginas.sort();
    let mut codigo = String::new();
    for pagina in &paginas {
        println!("cargo:rerun-if-changed={}", pagina.display());
        let relativa = pagina.strip_prefix(&fuente).unwrap().with_extension("");
        let modulo: String = relativa
            .to_string_lossy()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        writeln!(
            codigo,
            "#[doc = include_str!({:?})]\npub mod {modulo} {{}}",
            pagina.canonicalize().unwrap()
        )
        .unwrap();
    }
    let salida = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("paginas.rs");
    std::fs::write(salida, codigo).unwrap();
}

fn recorrer(carpeta: &Path, paginas: &mut Vec<PathBuf>) {
    for entrada in std::fs::read_dir(carpeta).unwrap() {
        let ruta = entrada.unwrap().path();
        if ruta.is_dir() {
            recorrer(&ruta, paginas);
        } else if ruta.extension().is_some_and(|e| e == "md") {
            paginas.push(ruta);
        }
    }
}
