//! El perro guardián: ningún escenario puede colgar una prueba.

use crate::panico::{Detalle, fallar};
use contrato::Clase;
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
    con_limite_explicado(limite, nombre, || SUELE.to_string(), escenario)
}

/// Lo que suele significar que un escenario con hilos reales no termine.
const SUELE: &str = "Suele significar que hay hilos esperándose entre sí, que nadie despierta a \
                     un hilo dormido (despertar perdido) o que un bucle nunca acaba.";

/// Como [`con_limite_de`], con la explicación de un escenario que no termina hecha a medida
/// (`explicar` se llama solo si no termina): quien sabe más del escenario nombra solo las
/// causas posibles.
#[track_caller]
pub(crate) fn con_limite_explicado<R: Send + 'static>(
    limite: Duration,
    nombre: &str,
    explicar: impl FnOnce() -> String,
    escenario: impl FnOnce() -> R + Send + 'static,
) -> R {
    crate::instalar_gancho();
    let _en_curso = crate::salida::en_curso();
    let rx = lanzar_escenario(nombre, escenario);
    match rx.recv_timeout(limite) {
        Ok(Ok(valor)) => valor,
        Ok(Err(panico)) => std::panic::resume_unwind(panico),
        Err(_) => sin_terminar(nombre, limite, &explicar()),
    }
}

/// Como [`con_limite_de`], con un vigilante: mientras el escenario corre, cada pocos
/// milisegundos se llama a `vigilar`, y si devuelve `Some(diagnostico)` la prueba falla en el
/// acto con ese diagnóstico. Sirve para fallos que se ven desde fuera antes de agotar el
/// límite, como un ciclo en el grafo de esperas (un interbloqueo ya formado): la prueba lo
/// dice enseguida, y dice quién espera a quién, en lugar de colgarse.
///
/// Si se agota el límite sin diagnóstico, falla como [`con_limite_de`] («posible
/// interbloqueo»).
#[track_caller]
pub fn con_limite_vigilado<R: Send + 'static>(
    limite: Duration,
    nombre: &str,
    vigilar: impl Fn() -> Option<String>,
    escenario: impl FnOnce() -> R + Send + 'static,
) -> R {
    crate::instalar_gancho();
    let _en_curso = crate::salida::en_curso();
    let rx = lanzar_escenario(nombre, escenario);
    let fin = std::time::Instant::now() + limite;
    loop {
        match rx.recv_timeout(Duration::from_millis(20)) {
            Ok(Ok(valor)) => return valor,
            Ok(Err(panico)) => std::panic::resume_unwind(panico),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                panic!("el hilo del escenario «{nombre}» desapareció sin responder")
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        if let Some(diagnostico) = vigilar() {
            let detalle = Detalle {
                clase: Some(Clase::Interbloqueo),
                ..Detalle::default()
            };
            fallar(
                detalle,
                format!("«{nombre}» no puede terminar:\n{diagnostico}"),
            );
        }
        if std::time::Instant::now() >= fin {
            sin_terminar(nombre, limite, SUELE);
        }
    }
}

/// El fallo de un escenario que agotó su límite (clase [`Clase::Tiempo`] en el registro).
#[track_caller]
fn sin_terminar(nombre: &str, limite: Duration, explicacion: &str) -> ! {
    let detalle = Detalle {
        clase: Some(Clase::Tiempo),
        ..Detalle::default()
    };
    fallar(
        detalle,
        format!(
            "posible interbloqueo: «{nombre}» no terminó en {} s.\n{explicacion}",
            limite.as_secs()
        ),
    )
}

/// Lanza `escenario` en su hilo («escenario: nombre») y devuelve por dónde llegará su
/// resultado (o su pánico, capturado para propagarlo en el hilo de la prueba).
fn lanzar_escenario<R: Send + 'static>(
    nombre: &str,
    escenario: impl FnOnce() -> R + Send + 'static,
) -> mpsc::Receiver<thread::Result<R>> {
    let (tx, rx) = mpsc::channel();
    thread::Builder::new()
        .name(format!("escenario: {nombre}"))
        .spawn(move || {
            let resultado = std::panic::catch_unwind(std::panic::AssertUnwindSafe(escenario));
            let _ = tx.send(resultado);
        })
        .expect("no se pudo crear el hilo del escenario");
    rx
}
