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
        completar(&carpeta_html());
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
        // Cada reconstrucción vacía book/html: la descarga y la dirección se reponen.
        if !carpeta_html().join(DESCARGA).exists() && carpeta_html().join("index.html").exists() {
            completar(&carpeta_html());
        }
        std::thread::sleep(Duration::from_millis(400));
    }
}

/// Dónde queda, dentro del libro construido, el archivo con los ejercicios.
pub const DESCARGA: &str = "descargas/curso-paralela.zip";

/// Lo que el libro escribe en vez de la dirección del repositorio cuando no la conoce.
const SIN_DIRECCION: &str = "&lt;dirección del repositorio&gt;";

/// La dirección desde la que se clona el curso: la que el flujo de Pages da a mdBook
/// (`MDBOOK_OUTPUT__HTML__GIT_REPOSITORY_URL`, la del repositorio en el que se ejecuta),
/// `CURSO_REPOSITORIO` si se quiere otra, o el `origin` de git si es una dirección de red.
pub fn repositorio() -> Option<String> {
    for variable in [
        "CURSO_REPOSITORIO",
        "MDBOOK_OUTPUT__HTML__GIT_REPOSITORY_URL",
    ] {
        if let Ok(valor) = std::env::var(variable) {
            let valor = valor.trim().trim_end_matches('/').to_string();
            if !valor.is_empty() {
                return Some(valor);
            }
        }
    }
    let origen = Command::new("git")
        .args(["remote", "get-url", "origin"])
        .current_dir(raiz())
        .output()
        .ok()
        .filter(|s| s.status.success())
        .map(|s| String::from_utf8_lossy(&s.stdout).trim().to_string())?;
    let de_red = ["https://", "http://", "git@", "ssh://"]
        .iter()
        .any(|p| origen.starts_with(p));
    de_red.then_some(origen)
}

/// Tras construir: la orden `git clone` con la dirección real del repositorio (si se
/// conoce) y el archivo de los ejercicios para descargar. Ninguno de los dos es
/// imprescindible: si falla, se avisa y el libro sigue siendo válido.
pub fn completar(html: &std::path::Path) {
    if let Some(direccion) = repositorio() {
        let direccion = direccion
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        for pagina in ["introduccion/instalacion.html", "print.html"] {
            let ruta = html.join(pagina);
            if let Ok(texto) = std::fs::read_to_string(&ruta)
                && texto.contains(SIN_DIRECCION)
            {
                let _ = std::fs::write(&ruta, texto.replace(SIN_DIRECCION, &direccion));
            }
        }
    }
    if let Err(e) = archivo_de_ejercicios(&html.join(DESCARGA)) {
        eprintln!("aviso: sin archivo de ejercicios para descargar: {e}");
    }
}

/// Un zip con lo que necesita el alumno, sin las soluciones ni el libro: los ejercicios,
/// sus kits de pruebas, las bibliotecas y las órdenes del curso, tal como están en `HEAD`.
/// El `Cargo.toml` del espacio de trabajo se escribe sin los miembros que no viajan.
pub fn archivo_de_ejercicios(destino: &std::path::Path) -> Resultado<()> {
    let raiz_curso = raiz();
    let original = std::fs::read_to_string(raiz_curso.join("Cargo.toml"))
        .map_err(|e| format!("no se pudo leer Cargo.toml: {e}"))?;
    let manifiesto = crate::edicion::sin_miembros(&original, &["book/pruebas", "solutions/"]);
    if let Some(carpeta) = destino.parent() {
        std::fs::create_dir_all(carpeta)
            .map_err(|e| format!("no se pudo crear {}: {e}", carpeta.display()))?;
    }
    let salida = Command::new("git")
        .current_dir(&raiz_curso)
        .arg("archive")
        .arg("--format=zip")
        .arg("--prefix=curso-paralela/")
        .arg(format!(
            "--add-virtual-file=curso-paralela/Cargo.toml:{manifiesto}"
        ))
        .arg("-o")
        .arg(destino)
        .args([
            "HEAD",
            "--",
            "README.md",
            "Cargo.lock",
            "curso.toml",
            ".cargo",
            "exercises",
            "tests",
            "crates",
            "curso",
        ])
        .output()
        .map_err(|e| format!("no se pudo ejecutar git archive: {e}"))?;
    if !salida.status.success() {
        return Err(format!(
            "git archive falló: {}",
            String::from_utf8_lossy(&salida.stderr).trim()
        ));
    }
    Ok(())
}
