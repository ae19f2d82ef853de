//! Herramientas del curso.
//!
//! Todo gira en torno a una idea (ver «La arquitectura en una página» en `CONTRIBUIR.md`): cada ejercicio tiene **una** suite oficial
//! que se ejecuta contra **cualquier** implementación de su API. [`banco`] monta un crate
//! provisional con el `lib.rs` elegido y la suite oficial original; [`ejecucion`] corre cada
//! prueba en su propio proceso con límite de tiempo; [`verificacion`] comprueba que la
//! suite tiene dientes (la solución pasa, el esqueleto y las implementaciones erróneas
//! fallan).

pub mod aislamiento;
pub mod banco;
pub mod buscador;
pub mod calificacion;
pub mod candado;
pub mod catalogo;
pub mod cronogramas;
pub mod edicion;
pub mod ejecucion;
pub mod ensayo;
pub mod espacio;
pub mod graficos;
pub mod informe;
pub mod integridad;
pub mod juicio;
pub mod kit;
pub mod libro;
pub mod medidas;
pub mod mutantes;
pub mod reinicio;
pub mod requisitos;
pub mod resultados;
pub mod verificacion;

use std::path::{Path, PathBuf};

/// La raíz del repositorio del curso (donde está `curso.toml`): la primera carpeta, desde la
/// actual hacia arriba, que lo tenga. Así cada orden actúa sobre la copia del curso en la que
/// se ejecuta, aunque el ejecutable se compilara en otra (un directorio `target` compartido
/// entre varias copias). Solo si no hay ninguna se usa la copia en la que se compiló.
pub fn raiz() -> PathBuf {
    static RAIZ: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    RAIZ.get_or_init(|| {
        let actual = std::env::current_dir().ok();
        actual
            .iter()
            .flat_map(|c| c.ancestors())
            .find(|c| c.join("curso.toml").is_file() && c.join("Cargo.toml").is_file())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .parent()
                    .expect("el crate `curso` vive dentro del repositorio")
                    .to_path_buf()
            })
    })
    .clone()
}

/// Carpeta de todo lo provisional de las herramientas (`target/curso`). Las rutas de cada
/// ejercicio dentro de ella las da [`catalogo::Ejercicio`].
pub fn provisional() -> PathBuf {
    raiz().join("target/curso")
}

/// Un número a la española: `decimales` cifras tras la coma decimal.
pub fn decimal_es(valor: f64, decimales: usize) -> String {
    format!("{valor:.decimales$}").replace('.', ",")
}

/// Un error de las herramientas, ya redactado para quien lo lee.
pub type Resultado<T> = Result<T, String>;

/// Los archivos de `carpeta` y sus subcarpetas, ordenados (las carpetas que no se pueden
/// leer se saltan).
pub(crate) fn archivos(carpeta: &Path) -> Vec<PathBuf> {
    let mut todos = Vec::new();
    let mut pendientes = vec![carpeta.to_path_buf()];
    while let Some(dir) = pendientes.pop() {
        for ruta in std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
        {
            if ruta.is_dir() {
                pendientes.push(ruta)
            } else {
                todos.push(ruta)
            }
        }
    }
    todos.sort();
    todos
}

/// Los archivos `.rs` de `carpeta` y sus subcarpetas.
pub(crate) fn archivos_rs(carpeta: &Path) -> Vec<PathBuf> {
    archivos(carpeta)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect()
}
