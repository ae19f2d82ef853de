//! Herramientas del curso.
//!
//! Todo gira en torno a una idea (DESIGN.md §1): cada ejercicio tiene **una** suite oficial
//! que se ejecuta contra **cualquier** implementación de su API. [`banco`] monta un crate
//! provisional con el `lib.rs` elegido y la suite oficial original; [`ejecucion`] corre cada
//! prueba en su propio proceso con límite de tiempo; [`verificacion`] comprueba que la
//! suite tiene dientes (la solución pasa, el esqueleto y las implementaciones erróneas
//! fallan).

pub mod banco;
pub mod buscador;
pub mod calificacion;
pub mod catalogo;
pub mod ejecucion;
pub mod graficos;
pub mod informe;
pub mod integridad;
pub mod libro;
pub mod medidas;
pub mod mutantes;
pub mod resultados;
pub mod verificacion;

use std::path::PathBuf;

/// La raíz del repositorio del curso (donde está `curso.toml`).
pub fn raiz() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("el crate `curso` vive dentro del repositorio")
        .to_path_buf()
}

/// Un error de las herramientas, ya redactado para quien lo lee.
pub type Resultado<T> = Result<T, String>;
