//! ¿Real o explorado? Cada primitiva lo decide al crearse.
//!
//! shuttle ejecuta todos los hilos de una exploración como corrutinas de un único hilo del
//! sistema, así que una marca local de ese hilo basta para saber si estamos dentro.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

thread_local! {
    static EXPLORANDO: Cell<bool> = const { Cell::new(false) };
    /// Los nombres del curso de los hilos de la ejecución explorada en curso, por el número de
    /// tarea de shuttle. shuttle llama «main-thread» al principal y «<unknown>» a los hilos sin
    /// nombre; los informes del curso dicen «principal» y «hilo N».
    static NOMBRES: RefCell<HashMap<usize, String>> = RefCell::new(HashMap::new());
    /// Hilos lanzados en la ejecución en curso (para numerar los que no tienen nombre).
    static LANZADOS: Cell<usize> = const { Cell::new(0) };
    /// Qué espera cada hilo explorado bloqueado en una primitiva de `sincro`, por su número de
    /// tarea: si la ejecución acaba en interbloqueo, el informe lo dice hilo por hilo.
    static ESPERAS: RefCell<HashMap<usize, Cow<'static, str>>> = RefCell::new(HashMap::new());
    /// Un hilo explorado terminó en pánico y pidió parar la exploración (ver [`fallo_en_hilo`]).
    static PARADA: Cell<bool> = const { Cell::new(false) };
}

/// Lo llama un hilo explorado cuyo código entró en pánico, con el pánico ya capturado: pide
/// parar la ejecución y cede el paso. El planificador del arnés ve la parada y termina la
/// exploración sin que shuttle trate el pánico (shuttle lo anunciaría, en inglés, antes del
/// informe del curso). Con otro planificador, el pánico sigue su curso.
pub fn fallo_en_hilo(carga: Box<dyn std::any::Any + Send>) -> ! {
    PARADA.set(true);
    shuttle::thread::yield_now();
    std::panic::resume_unwind(carga)
}

/// Si un hilo explorado pidió parar (ver [`fallo_en_hilo`]).
pub fn ejecucion_parada() -> bool {
    PARADA.get()
}

/// Olvida la parada, antes de empezar otra exploración.
pub fn olvidar_parada() {
    PARADA.set(false);
}

/// Si el hilo actual está dentro de una exploración de planificaciones.
pub fn explorando() -> bool {
    EXPLORANDO.get()
}

/// Ejecuta `f` en modo exploración: las primitivas creadas dentro serán las de shuttle.
/// Lo usa el arnés de pruebas del curso; el código de los ejercicios no lo necesita.
pub fn con_exploracion<R>(f: impl FnOnce() -> R) -> R {
    struct Restaurar(bool);
    impl Drop for Restaurar {
        fn drop(&mut self) {
            EXPLORANDO.set(self.0);
        }
    }
    let _restaurar = Restaurar(EXPLORANDO.replace(true));
    f()
}

/// Al explorar, cada ejecución empieza sin historia (para el detector de carreras).
pub fn nueva_ejecucion() {
    crate::carreras::reiniciar();
    NOMBRES.with(|n| n.borrow_mut().clear());
    ESPERAS.with(|e| e.borrow_mut().clear());
    LANZADOS.set(0);
}

/// Al explorar: ejecuta `f` (una espera que puede bloquear al hilo) apuntando `que` espera el
/// hilo, para el informe de un interbloqueo.
pub(crate) fn esperando<R>(que: impl Into<Cow<'static, str>>, f: impl FnOnce() -> R) -> R {
    let Some(tarea) = shuttle::current::try_get_current_task().map(usize::from) else {
        return f();
    };
    ESPERAS.with(|e| e.borrow_mut().insert(tarea, que.into()));
    let resultado = f();
    ESPERAS.with(|e| e.borrow_mut().remove(&tarea));
    resultado
}

/// Qué esperaba la tarea `tarea` de la última ejecución explorada, si estaba en una espera de
/// `sincro`.
pub fn espera_de_tarea(tarea: usize) -> Option<String> {
    ESPERAS.with(|e| e.borrow().get(&tarea).map(|q| q.to_string()))
}

/// El nombre de un hilo explorado que se va a lanzar: el pedido o, si no tiene, «hilo N»
/// (el N-ésimo lanzado en la ejecución; `arnes::hilos_explorados` lanza «hilo 1»… primero).
pub(crate) fn nombre_de_hilo_nuevo(pedido: Option<String>) -> String {
    let n = LANZADOS.get() + 1;
    LANZADOS.set(n);
    pedido.unwrap_or_else(|| format!("hilo {n}"))
}

/// Lo llama cada hilo explorado al empezar: desde ahí se sabe su número de tarea.
pub(crate) fn registrar_hilo(nombre: String) {
    if let Some(tarea) = shuttle::current::try_get_current_task() {
        NOMBRES.with(|n| n.borrow_mut().insert(usize::from(tarea), nombre));
    }
}

/// El nombre del curso de la tarea `tarea` de la ejecución explorada en curso (o de la última).
pub fn nombre_de_tarea(tarea: usize) -> String {
    NOMBRES
        .with(|n| n.borrow().get(&tarea).cloned())
        .unwrap_or_else(|| match tarea {
            0 => "principal".to_string(),
            t => format!("hilo {t}"),
        })
}

/// El nombre del curso del hilo explorado que se ejecuta ahora, si hay uno. Nunca entra en
/// pánico (se puede llamar desde un gancho de pánico).
pub fn hilo_explorado_actual() -> Option<String> {
    let tarea = shuttle::current::try_get_current_task()?;
    NOMBRES
        .try_with(|n| n.try_borrow().ok()?.get(&usize::from(tarea)).cloned())
        .ok()
        .flatten()
        .or_else(|| Some(nombre_de_tarea(usize::from(tarea))))
}
