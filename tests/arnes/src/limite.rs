//! El perro guardián: ningún escenario puede colgar una prueba.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// Tiempo máximo de un escenario. Es generoso a propósito: un escenario correcto termina en
/// milisegundos incluso con la CPU cargada; solo un interbloqueo o un despertar perdido lo
/// agotan.
pub const LIMITE: Duration = Duration::from_secs(10);

/// Ejecuta `escenario` con el límite [`LIMITE`]. Ver [`con_limite_de`].
#[track_caller]
pub fn con_limite<R: Send + 'static>(
    nombre: &str,
    escenario: impl FnOnce() -> R + Send + 'static,
) -> R {
    con_limite_de(LIMITE, nombre, escenario)
}

/// Ejecuta `escenario` en un hilo aparte y espera como mucho `limite`.
///
/// - Si termina, devuelve su resultado.
/// - Si entra en pánico, propaga el mismo pánico (con su mensaje).
/// - Si no termina a tiempo, falla con «posible interbloqueo». El hilo atascado se
///   abandona: no hay forma segura de matarlo, y el proceso de pruebas terminará igual.
#[track_caller]
pub fn con_limite_de<R: Send + 'static>(
    limite: Duration,
    nombre: &str,
    escenario: impl FnOnce() -> R + Send + 'static,
) -> R {
    crate::instalar_gancho();
    let (tx, rx) = mpsc::channel();
    thread::Builder::new()
        .name(format!("escenario: {nombre}"))
        .spawn(move || {
            let resultado = std::panic::catch_unwind(std::panic::AssertUnwindSafe(escenario));
            let _ = tx.send(resultado);
        })
        .expect("no se pudo crear el hilo del escenario");
    match rx.recv_timeout(limite) {
        Ok(Ok(valor)) => valor,
        Ok(Err(panico)) => std::panic::resume_unwind(panico),
        Err(_) => panic!(
            "posible interbloqueo: «{nombre}» no terminó en {} s.\n\
             Suele significar que hay hilos esperándose entre sí, que nadie despierta a un \
             hilo dormido (despertar perdido) o que un bucle nunca acaba.",
            limite.as_secs()
        ),
    }
}
