//! ¿Real o explorado? Cada primitiva lo decide al crearse.
//!
//! shuttle ejecuta todos los hilos de una exploración como corrutinas de un único hilo del
//! sistema, así que una marca local de ese hilo basta para saber si estamos dentro.

use shuttle::scheduler::{Task, TaskId};
use shuttle_engine::runtime::execution::ExecutionState;
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
    static ESPERAS: RefCell<HashMap<usize, Espera>> = RefCell::new(HashMap::new());
    /// Las tareas sin terminar de la ejecución que se paró por un interbloqueo (ver
    /// [`esperando`]).
    static INTERBLOQUEO: RefCell<Option<Vec<usize>>> = const { RefCell::new(None) };
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

/// Lo que espera un hilo explorado.
struct Espera {
    que: Cow<'static, str>,
    /// Lo que, si otro hilo lo suelta, despierta a este (ver [`Recurso`]).
    recurso: Option<Recurso>,
}

/// Lo que despierta a un hilo que espera.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Recurso {
    /// Un cerrojo (su dirección): lo espera quien quiere tomarlo y quien espera en una
    /// variable de condición (tras el aviso, vuelve a tomarlo).
    Cerrojo(usize),
    /// El final de una tarea: lo espera quien la espera con `join`.
    Hilo(usize),
}

/// La tarea de shuttle que se ejecuta ahora, si hay una.
pub(crate) fn tarea_actual() -> Option<usize> {
    shuttle::current::try_get_current_task().map(usize::from)
}

/// Recorre las tareas de la ejecución en curso (vacío fuera de una).
fn con_tareas<R: Default>(f: impl FnOnce(Vec<&Task>) -> R) -> R {
    ExecutionState::try_with(|estado| {
        let tareas = (0..).map(TaskId::from).map_while(|id| estado.try_get(id));
        f(tareas.collect())
    })
    .unwrap_or_default()
}

/// Si la tarea `tarea` de la ejecución en curso ya terminó.
pub(crate) fn tarea_terminada(tarea: usize) -> bool {
    con_tareas(|t| {
        t.iter()
            .any(|t| usize::from(t.id()) == tarea && t.finished())
    })
}

/// Al explorar: ejecuta `f`, una espera, apuntando qué espera el hilo (para el informe de un
/// interbloqueo) y qué lo despierta (`recurso`). `suelta`: el cerrojo que la espera suelta
/// (una variable de condición). `bloqueara`: si la espera va a bloquear al hilo seguro.
///
/// Si va a bloquearlo y ningún otro hilo puede avanzar (ni podrá al soltarse `suelta`), es
/// un interbloqueo: la ejecución se para aquí, antes de bloquearse, y el arnés lo informa con
/// [`tomar_interbloqueo`]. Dejar que shuttle lo encuentre después imprimiría antes un aviso
/// suyo, en inglés. Es la conclusión a la que llegaría shuttle: un hilo bloqueado solo lo
/// despierta otro que avance.
pub(crate) fn esperando<R>(
    que: impl Into<Cow<'static, str>>,
    recurso: Option<Recurso>,
    suelta: Option<Recurso>,
    bloqueara: bool,
    f: impl FnOnce() -> R,
) -> R {
    let Some(tarea) = tarea_actual() else {
        return f();
    };
    let espera = Espera {
        que: que.into(),
        recurso,
    };
    ESPERAS.with(|e| e.borrow_mut().insert(tarea, espera));
    if bloqueara && nadie_podra_avanzar(tarea, true, suelta) {
        parar_por_interbloqueo();
    }
    let resultado = f();
    ESPERAS.with(|e| e.borrow_mut().remove(&tarea));
    resultado
}

/// Lo llama cada hilo explorado al terminar: si era el último que podía avanzar y los demás
/// esperan algo que ya no llegará (y nadie espera su final), es un interbloqueo.
pub fn al_terminar_hilo() {
    if let Some(tarea) = tarea_actual()
        && nadie_podra_avanzar(tarea, false, Some(Recurso::Hilo(tarea)))
    {
        parar_por_interbloqueo();
    }
}

/// Si, bloqueada o terminada `yo` (`sigo`: bloqueada, sin terminar), ninguna tarea podría
/// avanzar y queda alguna sin terminar de las que shuttle espera (no separadas), todas en
/// esperas de sincro. Quien espera lo que `yo` suelta sí podrá.
fn nadie_podra_avanzar(yo: usize, sigo: bool, suelta: Option<Recurso>) -> bool {
    let conocidas: Vec<usize> = ESPERAS.with(|e| e.borrow().keys().copied().collect());
    let (otra_ejecutable, queda_alguna, todas_conocidas) = con_tareas(|tareas| {
        let otras = || tareas.iter().filter(|t| usize::from(t.id()) != yo);
        let sin_terminar = || otras().filter(|t| !t.finished() && !t.is_detached());
        let yo_quedo = sigo
            && tareas
                .iter()
                .any(|t| usize::from(t.id()) == yo && !t.is_detached());
        (
            otras().any(|t| t.runnable()),
            yo_quedo || sin_terminar().next().is_some(),
            sin_terminar().all(|t| conocidas.contains(&usize::from(t.id()))),
        )
    });
    // Una tarea que espera algo que sincro no ve (el final de un ámbito de hilos, por
    // ejemplo) quizá la despierte esta: eso lo decide shuttle.
    if !todas_conocidas {
        return false;
    }
    let otra_lo_espera = suelta.is_some_and(|r| {
        ESPERAS.with(|e| {
            e.borrow()
                .iter()
                .any(|(t, espera)| *t != yo && espera.recurso == Some(r))
        })
    });
    !otra_ejecutable && queda_alguna && !otra_lo_espera
}

/// Apunta las tareas sin terminar y pide parar (como [`fallo_en_hilo`]). Con otro
/// planificador que el del arnés, la espera sigue y shuttle encontrará el interbloqueo.
fn parar_por_interbloqueo() {
    let vivas = con_tareas(|t| {
        t.iter()
            .filter(|t| !t.finished())
            .map(|t| usize::from(t.id()))
            .collect::<Vec<_>>()
    });
    INTERBLOQUEO.with(|i| *i.borrow_mut() = Some(vivas));
    PARADA.set(true);
    shuttle::thread::yield_now();
    PARADA.set(false);
    INTERBLOQUEO.with(|i| i.borrow_mut().take());
}

/// Las tareas sin terminar de la ejecución que se paró por un interbloqueo, si se paró por
/// eso.
pub fn tomar_interbloqueo() -> Option<Vec<usize>> {
    INTERBLOQUEO.with(|i| i.borrow_mut().take())
}

/// Qué esperaba la tarea `tarea` de la última ejecución explorada, si estaba en una espera de
/// `sincro`.
pub fn espera_de_tarea(tarea: usize) -> Option<String> {
    ESPERAS.with(|e| e.borrow().get(&tarea).map(|espera| espera.que.to_string()))
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
