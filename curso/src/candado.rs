//! Uso exclusivo de algo entre procesos, con `flock(2)` sobre un archivo (`File::lock`).
//!
//! El núcleo suelta el candado cuando se cierra el archivo o muere el proceso que lo
//! tenía, así que no hay candados abandonados ni nada que adivinar: el contenido del
//! archivo no significa nada (un PID escrito en él, tampoco) y el archivo no se borra
//! nunca (borrarlo dejaría a dos procesos con candados distintos sobre el mismo nombre).

use crate::Resultado;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

/// Un candado tomado; se suelta al destruirse.
#[derive(Debug)]
pub struct Candado {
    _archivo: File,
}

/// Toma el candado de `ruta` (lo crea si no existe). Si otro lo tiene, llama a `al_esperar`
/// una vez y espera a que lo suelte.
pub fn tomar(ruta: &Path, al_esperar: impl FnOnce()) -> Resultado<Candado> {
    if let Some(carpeta) = ruta.parent() {
        std::fs::create_dir_all(carpeta)
            .map_err(|e| format!("no se pudo crear {}: {e}", carpeta.display()))?;
    }
    let archivo = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(ruta)
        .map_err(|e| format!("no se pudo abrir el candado {}: {e}", ruta.display()))?;
    match archivo.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            al_esperar();
            archivo
                .lock()
                .map_err(|e| format!("no se pudo tomar el candado {}: {e}", ruta.display()))?;
        }
        Err(TryLockError::Error(e)) => {
            return Err(format!(
                "no se pudo tomar el candado {}: {e}",
                ruta.display()
            ));
        }
    }
    Ok(Candado { _archivo: archivo })
}
