//! Construir y servir el libro con mdBook, instalándolo la primera vez.

use crate::{Resultado, buscador, raiz};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

/// La versión de mdBook con la que se escribe y prueba el libro.
pub const VERSION_MDBOOK: &str = "0.5.4";

/// La ruta de un mdBook de la versión correcta; lo instala en `target/curso/herramientas`
/// si no lo encuentra.
pub fn mdbook() -> Resultado<PathBuf> {
    let propio = raiz().join("target/curso/herramientas");
    let binario = propio.join("bin/mdbook");
    for candidato in [binario.clone(), PathBuf::from("mdbook")] {
        if es_la_version(&candidato) {
            return Ok(candidato);
        }
    }
    eprintln!(
        "Instalando mdBook {VERSION_MDBOOK} en {} (solo la primera vez, unos minutos)…",
        propio.display()
    );
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let estado = Command::new(cargo)
        .args([
            "install",
            "mdbook",
            "--locked",
            "--version",
            VERSION_MDBOOK,
            "--root",
        ])
        .arg(&propio)
        .status()
        .map_err(|e| format!("no se pudo ejecutar cargo install: {e}"))?;
    if !estado.success() || !es_la_version(&binario) {
        return Err(format!("no se pudo instalar mdBook {VERSION_MDBOOK}"));
    }
    Ok(binario)
}

fn es_la_version(binario: &PathBuf) -> bool {
    Command::new(binario)
        .arg("--version")
        .output()
        .is_ok_and(|s| {
            String::from_utf8_lossy(&s.stdout).trim() == format!("mdbook v{VERSION_MDBOOK}")
        })
}

/// La carpeta en la que mdBook escribe el libro (`[build] build-dir` de `book.toml`).
pub fn carpeta_html() -> PathBuf {
    raiz().join("book/html")
}

/// `mdbook build` o `mdbook serve` en la raíz del curso, con la búsqueda en español: tras
/// construir, [`buscador::espanolizar`] rehace el índice; al servir, un hilo vigila el
/// índice y lo rehace cada vez que mdBook reconstruye el libro.
pub fn ejecutar(servir: bool, abrir: bool) -> Resultado<()> {
    let mdbook = mdbook()?;
    let mut orden = Command::new(mdbook);
    orden.current_dir(raiz());
    if !servir {
        let estado = orden
            .arg("build")
            .status()
            .map_err(|e| format!("no se pudo ejecutar mdbook: {e}"))?;
        if !estado.success() {
            return Err("mdbook terminó con error".into());
        }
        if buscador::espanolizar(&carpeta_html())? == 0 {
            return Err(format!(
                "mdbook no escribió ningún índice de búsqueda en {}",
                carpeta_html().display()
            ));
        }
        return Ok(());
    }
    orden.arg("serve");
    if abrir {
        orden.arg("--open");
    }
    eprintln!("Sirviendo el libro en http://localhost:3000 (Ctrl+C para terminar)…");
    let mut hijo = orden
        .spawn()
        .map_err(|e| format!("no se pudo ejecutar mdbook: {e}"))?;
    let mut ultimo_aviso = String::new();
    loop {
        if let Some(estado) = hijo
            .try_wait()
            .map_err(|e| format!("no se pudo esperar a mdbook: {e}"))?
        {
            return if estado.success() {
                Ok(())
            } else {
                Err("mdbook terminó con error".into())
            };
        }
        // mdBook reescribe el índice (en inglés) en cada reconstrucción: se vuelve a pasar
        // al español. Un índice a medio escribir no se lee; se reintenta en la vuelta
        // siguiente.
        match buscador::espanolizar(&carpeta_html()) {
            Err(e) if e != ultimo_aviso => {
                eprintln!("aviso: búsqueda en español: {e}");
                ultimo_aviso = e;
            }
            Err(_) => {}
            Ok(_) => ultimo_aviso.clear(),
        }
        std::thread::sleep(Duration::from_millis(400));
    }
}
