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
//! Cada `buscar` debe aparecer exactamente una vez en la solución (contando todos los
//! archivos de su `src`): si la solución cambia y la mutación deja de encajar, la
//! verificación lo dice en lugar de probar otra cosa.

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

/// Aplica la mutación a una copia de la solución de `ejercicio` (todos los archivos de su
/// carpeta `src`, por si la biblioteca tiene módulos) en
/// `target/curso/mutantes/<ejercicio>/<nombre>/` y devuelve la ruta de su `lib.rs`.
pub fn generar(ejercicio: &Ejercicio, archivo: &Path, mutacion: &Mutacion) -> Resultado<PathBuf> {
    let solucion = ejercicio.solucion();
    let carpeta = solucion.parent().expect("lib.rs está en una carpeta");
    let mut archivos = leer_rs(carpeta)?;
    let nombre = archivo
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    for (i, cambio) in mutacion.cambio.iter().enumerate() {
        let veces: usize = archivos
            .iter()
            .map(|(_, texto)| texto.matches(&cambio.buscar).count())
            .sum();
        if veces != 1 {
            return Err(format!(
                "la mutación «{nombre}» (cambio {}) busca un texto que aparece {veces} veces en \
                 la solución, y debe aparecer exactamente una: actualízala",
                i + 1
            ));
        }
        for (_, texto) in archivos.iter_mut() {
            *texto = texto.replacen(&cambio.buscar, &cambio.poner, 1);
        }
    }
    let destino = crate::banco::provisional()
        .join("mutantes")
        .join(&ejercicio.nombre)
        .join(&nombre);
    let _ = std::fs::remove_dir_all(&destino);
    let raiz_de_la_solucion = solucion
        .strip_prefix(carpeta)
        .expect("lib.rs está dentro de su carpeta")
        .to_path_buf();
    for (relativa, texto) in &mut archivos {
        if *relativa == raiz_de_la_solucion {
            texto.insert_str(
                0,
                &format!("//! Mutante generado de la solución: {}\n", mutacion.error),
            );
        }
        let ruta = destino.join(&*relativa);
        std::fs::create_dir_all(ruta.parent().expect("tiene carpeta"))
            .map_err(|e| format!("no se pudo crear la carpeta de mutantes: {e}"))?;
        std::fs::write(&ruta, texto.as_bytes())
            .map_err(|e| format!("no se pudo escribir {}: {e}", ruta.display()))?;
    }
    Ok(destino.join(raiz_de_la_solucion))
}

/// Los archivos `.rs` de `carpeta` y sus subcarpetas, con su ruta relativa a `carpeta` y su
/// texto.
fn leer_rs(carpeta: &Path) -> Resultado<Vec<(PathBuf, String)>> {
    crate::archivos_rs(carpeta)
        .into_iter()
        .map(|ruta| {
            let texto = std::fs::read_to_string(&ruta)
                .map_err(|e| format!("no se pudo leer {}: {e}", ruta.display()))?;
            let relativa = ruta.strip_prefix(carpeta).expect("dentro de la carpeta");
            Ok((relativa.to_path_buf(), texto))
        })
        .collect()
}
