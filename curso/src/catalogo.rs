//! `curso.toml`: la lista de ejercicios que leen todas las herramientas.

use crate::{Resultado, provisional, raiz};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Deserialize)]
pub struct Ejercicio {
    /// Nombre del crate del ejercicio y de sus carpetas.
    pub nombre: String,
    pub titulo: String,
    /// Página del libro, relativa a `book/src`.
    pub capitulo: String,
    pub pistas: String,
    pub puntos: u32,
    /// Lo que necesita del sistema además de Rust (ver [`crate::requisitos`]): `["mpi"]`.
    #[serde(default)]
    pub requiere: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Catalogo {
    ejercicio: Vec<Ejercicio>,
}

impl Ejercicio {
    /// `exercises/<nombre>`: el crate del alumno.
    pub fn carpeta(&self) -> PathBuf {
        raiz().join("exercises").join(&self.nombre)
    }
    /// `tests/<nombre>`: la suite oficial y lo que la acompaña.
    pub fn pruebas(&self) -> PathBuf {
        raiz().join("tests").join(&self.nombre)
    }
    /// El `lib.rs` del alumno.
    pub fn lib_alumno(&self) -> PathBuf {
        self.carpeta().join("src/lib.rs")
    }
    /// El esqueleto original, intacto.
    pub fn esqueleto(&self) -> PathBuf {
        self.pruebas().join("esqueleto.rs")
    }
    /// La solución de referencia.
    pub fn solucion(&self) -> PathBuf {
        raiz()
            .join("solutions")
            .join(&self.nombre)
            .join("src/lib.rs")
    }
    /// La carpeta del capítulo en el libro (`book/src/suma/`), donde van sus medidas.
    pub fn carpeta_del_libro(&self) -> PathBuf {
        let capitulo = std::path::Path::new(&self.capitulo);
        raiz()
            .join("book/src")
            .join(capitulo.parent().unwrap_or(std::path::Path::new("")))
    }
    /// Las medidas publicadas de la referencia: `book/src/datos/<nombre>.json`.
    pub fn datos_del_libro(&self) -> PathBuf {
        raiz()
            .join("book/src/datos")
            .join(format!("{}.json", self.nombre))
    }
    /// `target/curso/banco/<nombre>`: los crates provisionales de cada implementación.
    pub fn banco(&self) -> PathBuf {
        provisional().join("banco").join(&self.nombre)
    }
    /// El candado que da el turno del banco (ver [`crate::banco::turno`]).
    pub fn candado(&self) -> PathBuf {
        provisional()
            .join("banco")
            .join(format!("{}.candado", self.nombre))
    }
    /// Dónde se guarda lo que imprimió cada prueba de la implementación `etiqueta`.
    pub fn salidas(&self, etiqueta: &str) -> PathBuf {
        provisional()
            .join("salidas")
            .join(&self.nombre)
            .join(etiqueta)
    }
    /// Dónde se generan los `lib.rs` de las mutaciones de la solución.
    pub fn mutantes(&self) -> PathBuf {
        provisional().join("mutantes").join(&self.nombre)
    }
    /// Cuánto tardó cada prueba la última vez que se verificó.
    pub fn duraciones(&self) -> PathBuf {
        provisional()
            .join("duraciones")
            .join(format!("{}.txt", self.nombre))
    }
    /// Las implementaciones erróneas conocidas, por nombre: completas
    /// (`tests/<nombre>/malas/*.rs`) o como mutaciones de la solución (`malas/*.toml`).
    pub fn malas(&self) -> Resultado<Vec<PathBuf>> {
        archivos_con(&self.pruebas().join("malas"), &["rs", "toml"])
    }
    /// Implementaciones correctas distintas de la referencia (`tests/<nombre>/buenas/*.rs`),
    /// que la suite debe aceptar. Pueden no existir.
    pub fn buenas(&self) -> Resultado<Vec<PathBuf>> {
        let carpeta = self.pruebas().join("buenas");
        if carpeta.exists() {
            archivos_con(&carpeta, &["rs"])
        } else {
            Ok(Vec::new())
        }
    }
}

fn archivos_con(carpeta: &std::path::Path, extensiones: &[&str]) -> Resultado<Vec<PathBuf>> {
    let mut archivos: Vec<PathBuf> = std::fs::read_dir(carpeta)
        .map_err(|e| format!("no se pudo leer {}: {e}", carpeta.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| extensiones.iter().any(|e| x == *e))
        })
        .collect();
    archivos.sort();
    Ok(archivos)
}

/// Todos los ejercicios, en el orden del curso.
pub fn ejercicios() -> Resultado<Vec<Ejercicio>> {
    let ruta = raiz().join("curso.toml");
    let texto = std::fs::read_to_string(&ruta)
        .map_err(|e| format!("no se pudo leer {}: {e}", ruta.display()))?;
    let catalogo: Catalogo =
        toml::from_str(&texto).map_err(|e| format!("curso.toml no es válido: {e}"))?;
    Ok(catalogo.ejercicio)
}

/// El ejercicio llamado `nombre`, o un error que lista los que hay.
pub fn ejercicio(nombre: &str) -> Resultado<Ejercicio> {
    let todos = ejercicios()?;
    let nombres: Vec<_> = todos.iter().map(|e| e.nombre.clone()).collect();
    todos
        .into_iter()
        .find(|e| e.nombre == nombre)
        .ok_or_else(|| {
            format!(
                "no hay ningún ejercicio llamado «{nombre}»; los hay: {}",
                nombres.join(", ")
            )
        })
}
