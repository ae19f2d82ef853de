//! El lado del arnés del contrato con `cargo curso`: un [`Registro`] por cada fallo que el
//! arnés informa, añadido como una línea al archivo de [`variables::REGISTRO`] (si lo hay).

use contrato::{Registro, variables};
use std::io::Write;

/// Añade `registro` al archivo del registro. Sin la variable, no hace nada; si no se puede
/// escribir, tampoco: el informe en la salida de error ya está hecho.
pub(crate) fn registrar(registro: &Registro) {
    let Some(ruta) = std::env::var_os(variables::REGISTRO) else {
        return;
    };
    let mut linea = registro.a_linea();
    linea.push('\n');
    // Una sola escritura con O_APPEND: las líneas de hilos distintos no se mezclan.
    if let Ok(mut archivo) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(ruta)
    {
        let _ = archivo.write_all(linea.as_bytes());
    }
}

/// El paquete que hay que nombrar en una orden `cargo test -p …`: el que fija la herramienta,
/// o el que fija `cargo test`.
pub(crate) fn paquete() -> String {
    std::env::var(variables::EJERCICIO)
        .or_else(|_| std::env::var("CARGO_PKG_NAME"))
        .unwrap_or_else(|_| "<ejercicio>".to_string())
}

/// El nombre del hilo actual, para los informes.
pub(crate) fn hilo_actual() -> String {
    std::thread::current()
        .name()
        .unwrap_or("sin nombre")
        .to_string()
}
