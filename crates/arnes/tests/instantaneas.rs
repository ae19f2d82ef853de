//! Las instantáneas oficiales se comparan y nunca se reescriben al probar, diga lo que diga
//! el entorno del alumno (`INSTA_UPDATE=always`, el consejo que daba insta en inglés).

use std::path::PathBuf;

/// Una suite de mentira con su instantánea, en una carpeta propia que se borra al final.
struct Kit {
    carpeta: PathBuf,
}

impl Kit {
    fn nuevo(nombre: &str, instantanea: &str) -> Self {
        let carpeta = std::env::temp_dir().join(format!(
            "arnes-instantaneas-{}-{nombre}",
            std::process::id()
        ));
        let suite = carpeta.join("ejercicio");
        std::fs::create_dir_all(suite.join("snapshots")).unwrap();
        std::fs::write(suite.join("suite.rs"), "// suite de mentira\n").unwrap();
        std::fs::write(
            suite.join("snapshots/ejercicio__traza.snap"),
            format!(
                "---\nsource: tests/ejercicio/suite.rs\nexpression: traza\n---\n{instantanea}\n"
            ),
        )
        .unwrap();
        Self { carpeta }
    }
    fn suite(&self) -> String {
        self.carpeta
            .join("ejercicio/suite.rs")
            .to_string_lossy()
            .into_owned()
    }
    fn instantanea(&self) -> String {
        std::fs::read_to_string(
            self.carpeta
                .join("ejercicio/snapshots/ejercicio__traza.snap"),
        )
        .unwrap()
    }
}

impl Drop for Kit {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.carpeta);
    }
}

#[test]
fn una_diferencia_falla_en_espanol_y_no_reescribe_la_instantanea() {
    let kit = Kit::nuevo("diferencia", "uno\ndos\ntres");
    let antes = kit.instantanea();
    // Lo que un alumno haría siguiendo el consejo de insta, y lo que haría quien mantiene el
    // curso por error en CI: ninguna de las dos cosas escribe.
    // SAFETY: es la única prueba de este ejecutable que toca el entorno.
    unsafe {
        std::env::set_var("INSTA_UPDATE", "always");
        std::env::set_var("INSTA_FORCE_PASS", "1");
        std::env::set_var("CI", "true");
        std::env::set_var("CURSO_INSTANTANEAS", "escribir");
    }
    let mensaje = arnes::mensaje_de_panico(|| {
        arnes::instantanea::comparar(&kit.suite(), "/", "traza", "uno\nDOS\ntres")
    })
    .expect("una diferencia debe fallar");
    assert!(
        mensaje.contains("no coincide con la instantánea oficial «traza»")
            && mensaje.contains("  - dos")
            && mensaje.contains("  + DOS")
            && mensaje.contains("no la cambies"),
        "{mensaje}"
    );
    assert!(
        !mensaje.contains("cargo insta") && !mensaje.contains("INSTA_UPDATE"),
        "{mensaje}"
    );
    assert_eq!(kit.instantanea(), antes, "la instantánea oficial cambió");

    // Lo que coincide pasa, sin importar los espacios al final.
    arnes::instantanea::comparar(&kit.suite(), "/", "traza", "uno  \ndos\ntres\n\n");
}
