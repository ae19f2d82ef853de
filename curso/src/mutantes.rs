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
//! motivo = "desbordamiento al restar"
//!
//! [[cambio]]
//! buscar = "while estado.permisos == 0 {"
//! poner = "if estado.permisos == 0 {"
//! ```
//!
//! `motivo` es un trozo del mensaje con que debe fallar cada prueba de `debe_fallar`: la
//! mutación tiene que caer por el error que anuncia, no por otro. Si cada prueba lo dice a su
//! manera, una tabla: `motivo = { prueba_a = "se perdió", prueba_b = "esperado" }`.
//!
//! Cada `buscar` debe aparecer exactamente una vez en la solución (contando todos los
//! archivos de su `src`): si la solución cambia y la mutación deja de encajar, la
//! verificación lo dice en lugar de probar otra cosa.

use crate::Resultado;
use crate::catalogo::Ejercicio;

mod conmutador;
pub use conmutador::{Conmutadas, VARIABLE as VARIABLE_MUTANTE, conmutar};

/// La etiqueta, en el banco, de la copia conmutada de las mutaciones de un ejercicio.
pub const ETIQUETA_CONMUTADAS: &str = "mutantes_conmutados";

/// La copia conmutada de todas las mutaciones de `ejercicio` (las de `malas/*.toml`, en el
/// orden de la verificación: los mismos números y el mismo texto, así que lo compilado por
/// una orden le sirve a la otra).
pub fn conmutar_todas(ejercicio: &Ejercicio) -> Resultado<Option<Conmutadas>> {
    let mut mutaciones = Vec::new();
    for mala in ejercicio.malas()? {
        if mala.extension().is_some_and(|e| e == "toml") {
            mutaciones.push((nombre_de(&mala), leer(&mala)?));
        }
    }
    let prestadas: Vec<(String, &Mutacion)> =
        mutaciones.iter().map(|(n, m)| (n.clone(), m)).collect();
    conmutar(ejercicio, &prestadas)
}
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mutacion {
    /// El error que introduce, en una frase.
    pub error: String,
    /// Las pruebas que deben fallar con ella.
    pub debe_fallar: Vec<String>,
    /// Un trozo del mensaje con el que debe fallar cada una de esas pruebas: la razón por la
    /// que la suite la rechaza. Sin él, una mutación que fallara por otra cosa (no compila, o
    /// un límite de tiempo de rebote) pasaría por buena. Un texto para todas, o una tabla
    /// `{ prueba = "texto" }` si cada una lo dice a su manera.
    pub motivo: Option<Motivo>,
    pub cambio: Vec<Cambio>,
}

/// El motivo anunciado: uno para todas las pruebas o uno por prueba.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Motivo {
    Todas(String),
    PorPrueba(std::collections::BTreeMap<String, String>),
}

impl Motivo {
    /// El trozo de mensaje que se espera de `prueba`, si se anunció.
    pub fn de(&self, prueba: &str) -> Option<&str> {
        match self {
            Motivo::Todas(texto) => Some(texto),
            Motivo::PorPrueba(tabla) => tabla.get(prueba).map(String::as_str),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
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
    let solucion = Solucion::leer(ejercicio)?;
    let mut archivos = aplicar(&solucion, &nombre_de(archivo), mutacion)?;
    let destino = ejercicio.mutantes().join(nombre_de(archivo));
    let cabecera = format!("//! Mutante generado de la solución: {}\n", mutacion.error);
    for (relativa, texto) in &mut archivos {
        if *relativa == solucion.raiz {
            texto.insert_str(0, &cabecera);
        }
    }
    escribir_copia(&destino, &archivos)?;
    Ok(destino.join(&solucion.raiz))
}

/// El nombre de una mutación: el de su archivo sin extensión.
pub fn nombre_de(archivo: &Path) -> String {
    archivo
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// Los archivos de la solución de referencia de un ejercicio, con su ruta relativa a la
/// carpeta de la biblioteca, y cuál de ellos es la raíz del crate.
pub(crate) struct Solucion {
    pub(crate) archivos: Vec<(PathBuf, String)>,
    pub(crate) raiz: PathBuf,
}

impl Solucion {
    pub(crate) fn leer(ejercicio: &Ejercicio) -> Resultado<Solucion> {
        let lib = ejercicio.solucion();
        let carpeta = lib.parent().expect("lib.rs está en una carpeta");
        Ok(Solucion {
            archivos: leer_rs(carpeta)?,
            raiz: lib
                .strip_prefix(carpeta)
                .expect("lib.rs está dentro de su carpeta")
                .to_path_buf(),
        })
    }
}

/// Los archivos de la solución con los cambios de la mutación `nombre` aplicados. Cada texto
/// buscado debe aparecer exactamente una vez: si la solución cambia y la mutación deja de
/// encajar, se dice en lugar de probar otra cosa.
pub(crate) fn aplicar(
    solucion: &Solucion,
    nombre: &str,
    mutacion: &Mutacion,
) -> Resultado<Vec<(PathBuf, String)>> {
    let mut archivos = solucion.archivos.clone();
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
    Ok(archivos)
}

/// Escribe una copia de la biblioteca en `destino` y borra lo que quedara allí de una versión
/// anterior con otros archivos.
pub(crate) fn escribir_copia(destino: &Path, archivos: &[(PathBuf, String)]) -> Resultado<()> {
    for (relativa, texto) in archivos {
        let ruta = destino.join(relativa);
        std::fs::create_dir_all(ruta.parent().expect("tiene carpeta"))
            .map_err(|e| format!("no se pudo crear la carpeta de mutantes: {e}"))?;
        escribir_si_cambia(&ruta, texto)?;
    }
    for sobra in crate::archivos(destino) {
        let relativa = sobra.strip_prefix(destino).expect("dentro de la carpeta");
        if !archivos.iter().any(|(r, _)| r == relativa) {
            let _ = std::fs::remove_file(&sobra);
        }
    }
    Ok(())
}

/// Escribe `texto` en `ruta` solo si no lo tiene ya. Cargo decide si recompila por la fecha
/// de los archivos: reescribir un mutante idéntico en cada verificación lo recompilaría (y su
/// suite) cada vez, y eso era casi todo el tiempo de una verificación repetida.
fn escribir_si_cambia(ruta: &Path, texto: &str) -> Resultado<()> {
    if std::fs::read(ruta).is_ok_and(|actual| actual == texto.as_bytes()) {
        return Ok(());
    }
    std::fs::write(ruta, texto.as_bytes())
        .map_err(|e| format!("no se pudo escribir {}: {e}", ruta.display()))
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
