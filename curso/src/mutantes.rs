//! Implementaciones erróneas escritas como **mutaciones** de la solución de referencia.
//!
//! Muchas implementaciones erróneas son la solución con una sola cosa cambiada: un `while`
//! que pasa a ser `if`, un `Release` que pasa a ser `Relaxed`. Escribirlas como copias
//! repetiría cientos de líneas; escribirlas como mutación deja a la vista exactamente el
//! error. Un archivo `tests/<ejercicio>/malas/<nombre>.toml`:
//!
//! ```toml
//! error = "if en lugar de while alrededor de la espera"
//! debe_fallar = ["explorar_exclusion_con_dos_permisos"]
//!
//! [[cambio]]
//! buscar = "while estado.permisos == 0 {"
//! poner = "if estado.permisos == 0 {"
//! ```
//!
//! Cada `buscar` debe aparecer exactamente una vez en la solución: si la solución cambia y
//! la mutación deja de encajar, la verificación lo dice en lugar de probar otra cosa.

use crate::Resultado;
use crate::catalogo::Ejercicio;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
pub struct Mutacion {
    /// El error que introduce, en una frase.
    pub error: String,
    /// Las pruebas que deben fallar con ella.
    pub debe_fallar: Vec<String>,
    pub cambio: Vec<Cambio>,
}

#[derive(Debug, Deserialize)]
pub struct Cambio {
    pub buscar: String,
    pub poner: String,
}

pub fn leer(archivo: &Path) -> Resultado<Mutacion> {
    let texto = std::fs::read_to_string(archivo)
        .map_err(|e| format!("no se pudo leer {}: {e}", archivo.display()))?;
    toml::from_str(&texto)
        .map_err(|e| format!("{} no es una mutación válida: {e}", archivo.display()))
}

/// Aplica la mutación a la solución de `ejercicio` y escribe el resultado en
/// `target/curso/mutantes/<ejercicio>/<nombre>.rs`, que devuelve.
pub fn generar(ejercicio: &Ejercicio, archivo: &Path, mutacion: &Mutacion) -> Resultado<PathBuf> {
    let solucion = ejercicio.solucion();
    let mut texto = std::fs::read_to_string(&solucion)
        .map_err(|e| format!("no se pudo leer {}: {e}", solucion.display()))?;
    let nombre = archivo
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    for (i, cambio) in mutacion.cambio.iter().enumerate() {
        let veces = texto.matches(&cambio.buscar).count();
        if veces != 1 {
            return Err(format!(
                "la mutación «{nombre}» (cambio {}) busca un texto que aparece {veces} veces en \
                 la solución, y debe aparecer exactamente una: actualízala",
                i + 1
            ));
        }
        texto = texto.replacen(&cambio.buscar, &cambio.poner, 1);
    }
    let destino = crate::banco::provisional()
        .join("mutantes")
        .join(&ejercicio.nombre)
        .join(format!("{nombre}.rs"));
    std::fs::create_dir_all(destino.parent().expect("tiene carpeta"))
        .map_err(|e| format!("no se pudo crear la carpeta de mutantes: {e}"))?;
    let cabecera = format!("//! Mutante generado de la solución: {}\n", mutacion.error);
    std::fs::write(&destino, cabecera + &texto)
        .map_err(|e| format!("no se pudo escribir {}: {e}", destino.display()))?;
    Ok(destino)
}
