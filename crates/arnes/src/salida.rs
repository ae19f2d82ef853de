//! Nadie aprueba saliendo del proceso a mitad de una prueba.
//!
//! Un `process::exit(0)` dentro del código probado terminaría el proceso con éxito antes de
//! que la prueba acabe. Mientras haya un escenario en marcha ([`en_curso`]), una función
//! registrada con `atexit` (la llama la biblioteca de C al salir con `exit`, que es lo que
//! hace `process::exit`) lo impide: dice qué pasó y termina con un código de error.

use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Escenarios en marcha en este proceso.
static EN_CURSO: AtomicUsize = AtomicUsize::new(0);

/// Código de salida de un proceso que intentó salir a mitad de una prueba.
pub use contrato::codigos::SALIDA_PREMATURA as CODIGO_SALIDA_PREMATURA;

/// Marca un escenario en marcha hasta que se suelta la guarda (también si entra en pánico).
pub(crate) fn en_curso() -> Guarda {
    static REGISTRAR: Once = Once::new();
    REGISTRAR.call_once(registrar);
    EN_CURSO.fetch_add(1, Ordering::SeqCst);
    Guarda
}

pub(crate) struct Guarda;

impl Drop for Guarda {
    fn drop(&mut self) {
        EN_CURSO.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(unix)]
fn registrar() {
    unsafe extern "C" {
        fn atexit(funcion: extern "C" fn()) -> std::ffi::c_int;
        fn _exit(codigo: std::ffi::c_int) -> !;
    }

    extern "C" fn al_salir() {
        if EN_CURSO.load(Ordering::SeqCst) == 0 {
            return;
        }
        use std::io::Write;
        const MENSAJE: &str = "el proceso intentó terminar (process::exit) a mitad de una \
             prueba: la prueba no cuenta como superada. El código de un ejercicio nunca debe \
             salir del proceso.";
        let _ = std::io::stderr().write_all(format!("\n{MENSAJE}\n").as_bytes());
        crate::registro::registrar(&contrato::Registro {
            hilo: crate::registro::hilo_actual(),
            lugar: String::new(),
            clase: contrato::Clase::SalidaPrematura,
            mensaje: MENSAJE.to_string(),
            repetir: None,
            pagina: None,
        });
        // SAFETY: `_exit` termina el proceso en el acto, sin volver a entrar en `exit`.
        unsafe { _exit(CODIGO_SALIDA_PREMATURA) }
    }

    // SAFETY: `atexit` solo guarda el puntero; `al_salir` es una función `extern "C"` que
    // vive tanto como el programa y no entra en pánico.
    unsafe {
        atexit(al_salir);
    }
}

#[cfg(not(unix))]
fn registrar() {}
