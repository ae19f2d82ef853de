//! Dónde se guardan los planes de las planificaciones que fallan: un archivo por prueba, para
//! que la orden que repite el fallo sea corta (`CURSO_REPETIR=<prueba> cargo test …`) en vez de
//! llevar cientos de caracteres de plan.

use contrato::variables;
use std::path::{Path, PathBuf};

/// `<carpeta de planes>/<prueba>.plan`.
pub(crate) fn ruta(prueba: &str) -> PathBuf {
    carpeta().join(format!("{prueba}.plan"))
}

/// La carpeta de [`variables::PLANES`] o, sin ella,
/// `<directorio de compilación>/curso/planes/<ejercicio>`.
fn carpeta() -> PathBuf {
    if let Some(carpeta) = std::env::var_os(variables::PLANES) {
        return PathBuf::from(carpeta);
    }
    directorio_de_compilacion()
        .join("curso")
        .join("planes")
        .join(crate::registro::paquete())
}

/// El directorio de compilación de cargo (`target/`), desde el ejecutable de la prueba
/// (`target/debug/deps/<prueba>-<hash>`): el primer antepasado con el `CACHEDIR.TAG` que cargo
/// deja en él; si no aparece, dos niveles por encima de `deps/`.
fn directorio_de_compilacion() -> PathBuf {
    let ejecutable = std::env::current_exe().unwrap_or_default();
    if let Some(dir) = ejecutable
        .ancestors()
        .find(|d| d.join("CACHEDIR.TAG").is_file())
    {
        return dir.to_path_buf();
    }
    ejecutable
        .ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_else(std::env::temp_dir)
}

/// Guarda el plan; devuelve su ruta, o `None` si no se pudo escribir.
pub(crate) fn guardar(prueba: &str, plan: &str) -> Option<PathBuf> {
    let ruta = ruta(prueba);
    std::fs::create_dir_all(ruta.parent()?).ok()?;
    std::fs::write(&ruta, plan).ok()?;
    Some(ruta)
}

/// Guarda la página que dibuja la ejecución que falla, junto al plan
/// (`<carpeta de planes>/<prueba>.html`); devuelve su ruta, o `None` si no se pudo escribir.
pub(crate) fn guardar_pagina(prueba: &str, pagina: &str) -> Option<PathBuf> {
    let ruta = carpeta().join(format!("{prueba}.html"));
    std::fs::create_dir_all(ruta.parent()?).ok()?;
    std::fs::write(&ruta, pagina).ok()?;
    Some(ruta)
}

/// El plan guardado de `prueba`, o un mensaje en español que dice por qué no está.
pub(crate) fn leer(prueba: &str) -> Result<String, String> {
    let ruta = ruta(prueba);
    std::fs::read_to_string(&ruta)
        .map(|plan| plan.trim().to_string())
        .map_err(|_| {
            format!(
                "no hay ningún plan guardado para «{prueba}» (se busca en {}).\n\
                 Ejecuta antes la prueba sin {}: si falla, guarda allí el plan de la ejecución \
                 que falla.",
                ruta.display(),
                variables::REPETIR
            )
        })
}
