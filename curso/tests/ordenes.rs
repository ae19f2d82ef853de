//! Las órdenes del alumno, ejecutadas como las ejecuta él (el programa `cargo curso`), en una
//! copia del curso que no es en la que se compiló la herramienta.

use curso::raiz;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Un curso diminuto, con un solo ejercicio «falso», fuera de este repositorio git.
fn otra_copia(caso: &str) -> PathBuf {
    let copia = std::env::temp_dir()
        .join(format!("curso-otra-copia-{}", std::process::id()))
        .join(caso);
    let _ = std::fs::remove_dir_all(&copia);
    let escribir = |ruta: &str, texto: &str| {
        let ruta = copia.join(ruta);
        std::fs::create_dir_all(ruta.parent().unwrap()).unwrap();
        std::fs::write(ruta, texto).unwrap();
    };
    escribir("Cargo.toml", "[workspace]\nmembers = []\n");
    escribir(
        "curso.toml",
        "[[ejercicio]]\nnombre = \"falso\"\ntitulo = \"Falso\"\ncapitulo = \"falso/index.md\"\n\
         pistas = \"falso/pistas.md\"\npuntos = 1\n",
    );
    escribir("tests/falso/esqueleto.rs", "pub fn f() { todo!() }\n");
    escribir("exercises/falso/src/lib.rs", "pub fn f() {}\n");
    copia
}

fn cargo_curso(copia: &Path, args: &[&str]) -> String {
    let salida = Command::new(env!("CARGO_BIN_EXE_curso"))
        .args(args)
        .current_dir(copia)
        .output()
        .unwrap();
    let texto = format!(
        "{}{}",
        String::from_utf8_lossy(&salida.stdout),
        String::from_utf8_lossy(&salida.stderr)
    );
    assert!(salida.status.success(), "cargo curso {args:?}:\n{texto}");
    texto
}

/// Dos copias del curso pueden compartir el ejecutable (un `target` común): cada orden
/// actúa sobre la copia en la que se ejecuta. Y reiniciar dos veces no pierde el trabajo.
#[test]
fn reiniciar_actua_en_la_copia_donde_se_ejecuta_y_guarda_cada_version() {
    let copia = otra_copia("reiniciar");
    let primera = cargo_curso(&copia, &["reiniciar", "falso"]);
    let segunda = cargo_curso(&copia, &["reiniciar", "falso"]);
    let leer = |r: &str| std::fs::read_to_string(copia.join(r)).unwrap_or_default();
    assert_eq!(
        leer("exercises/falso/src/lib.rs"),
        "pub fn f() { todo!() }\n"
    );
    assert_eq!(
        leer("exercises/falso/versiones/lib-1.rs"),
        "pub fn f() {}\n",
        "{primera}\n{segunda}"
    );
    assert!(
        primera.contains("versiones/lib-1.rs") && segunda.contains("ya es el esqueleto original"),
        "{primera}\n{segunda}"
    );
    // Nada de esto ha tocado la copia del curso en la que se compiló la herramienta.
    assert!(!raiz().join("exercises/falso").exists());
    let _ = std::fs::remove_dir_all(copia.parent().unwrap());
}
