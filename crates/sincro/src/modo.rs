//! ¿Real o explorado? Cada primitiva lo decide al crearse.
//!
//! shuttle ejecuta todos los hilos de una exploración como corrutinas de un único hilo del
//! sistema, así que una marca local de ese hilo basta para saber si estamos dentro.

use crate::grafo::{self, Arista, Avisos, Foto};
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
    /// Quién tiene cada cerrojo explorado (por su dirección), y el número del cerrojo: las
    /// aristas «lo tiene» del grafo de esperas.
    static DUENOS: RefCell<HashMap<usize, (usize, u32)>> = RefCell::new(HashMap::new());
    /// Cerrojos y variables de condición creados en la ejecución en curso, para numerarlos.
    static CERROJOS: Cell<u32> = const { Cell::new(0) };
    static CONDICIONES: Cell<u32> = const { Cell::new(0) };
    /// Los `notify_one` sin recoger de cada variable de condición (ver [`Avisos`]).
    static AVISOS: RefCell<Avisos> = RefCell::new(Avisos::default());
    /// El ciclo de esperas del interbloqueo que paró la ejecución, en español.
    static CICLO: RefCell<Option<String>> = const { RefCell::new(None) };
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
    DUENOS.with(|d| d.borrow_mut().clear());
    AVISOS.with(|a| *a.borrow_mut() = Avisos::default());
    CERROJOS.set(0);
    CONDICIONES.set(0);
    LANZADOS.set(0);
}

/// Lo que espera un hilo explorado: para el informe (`que`) y para el grafo de esperas.
struct Espera {
    que: Cow<'static, str>,
    arista: Arista,
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
/// interbloqueo) y qué lo despierta (`arista`, en el grafo de esperas). `bloqueara`: si la
/// espera va a bloquear al hilo seguro.
///
/// Si va a bloquearlo y ningún hilo podrá avanzar (ver [`crate::grafo`]), es un interbloqueo:
/// la ejecución se para aquí, antes de bloquearse, y el arnés lo informa con
/// [`tomar_interbloqueo`]. Dejar que shuttle lo encuentre después imprimiría antes un aviso
/// suyo, en inglés.
pub(crate) fn esperando<R>(
    que: impl Into<Cow<'static, str>>,
    arista: Arista,
    bloqueara: bool,
    f: impl FnOnce() -> R,
) -> R {
    let Some(tarea) = empezar_espera(que, arista, bloqueara) else {
        return f();
    };
    let resultado = f();
    terminar_espera(tarea);
    resultado
}

/// Alguien acaba de avisar (`todos`: a todos) en la variable de condición `condicion`:
/// quienes esperaban en ella pueden estar ya despiertos, esperando el cerrojo. Se llama justo
/// después del aviso de shuttle, antes de que se ejecute ningún otro hilo: shuttle acaba de
/// poner ejecutables a los que avisó (ver [`Avisos::avisa`]).
pub(crate) fn avisados(condicion: usize, todos: bool) {
    let ejecutables: Vec<usize> = con_tareas(|t| {
        t.iter()
            .filter(|t| t.runnable())
            .map(|t| usize::from(t.id()))
            .collect()
    });
    ESPERAS.with(|e| {
        let mut e = e.borrow_mut();
        let esperas = e.iter_mut().map(|(t, espera)| (*t, &mut espera.arista));
        AVISOS.with(|a| {
            a.borrow_mut()
                .avisa(condicion, todos, esperas, |t| ejecutables.contains(&t))
        });
    });
}

/// La primera mitad de [`esperando`], para esperas que no son un cierre (el final de un
/// ámbito de hilos, que espera shuttle al salir de él): apunta la espera, para si es un
/// interbloqueo y devuelve la tarea, para [`terminar_espera`].
pub(crate) fn empezar_espera(
    que: impl Into<Cow<'static, str>>,
    arista: Arista,
    bloqueara: bool,
) -> Option<usize> {
    let tarea = tarea_actual()?;
    let espera = Espera {
        que: que.into(),
        arista,
    };
    ESPERAS.with(|e| e.borrow_mut().insert(tarea, espera));
    if bloqueara && nadie_podra_avanzar(tarea, true) {
        parar_por_interbloqueo(ciclo_desde(tarea));
    }
    Some(tarea)
}

/// La espera de `tarea` terminó. Si era la de un aviso, quizá ya no queda ninguno por recoger
/// (ver [`Avisos::vuelve`]).
pub(crate) fn terminar_espera(tarea: usize) {
    ESPERAS.with(|e| {
        let mut e = e.borrow_mut();
        if let Some(espera) = e.remove(&tarea) {
            let esperas = e.values_mut().map(|espera| &mut espera.arista);
            AVISOS.with(|a| a.borrow_mut().vuelve(&espera.arista, esperas));
        }
    });
}

/// Lo llama cada hilo explorado al terminar: si era el último que podía avanzar y los demás
/// esperan algo que ya no llegará (y nadie espera su final), es un interbloqueo.
pub fn al_terminar_hilo() {
    if let Some(tarea) = tarea_actual()
        && nadie_podra_avanzar(tarea, false)
    {
        parar_por_interbloqueo(None);
    }
}

/// Apunta que la tarea actual tiene el cerrojo `direccion` (número `numero`), o que ya no lo
/// tiene nadie.
pub(crate) fn cerrojo_tomado(direccion: usize, numero: u32, tomado: bool) {
    let tarea = tarea_actual();
    DUENOS.with(|d| {
        let mut d = d.borrow_mut();
        match tarea.filter(|_| tomado) {
            Some(t) => d.insert(direccion, (t, numero)),
            None => d.remove(&direccion),
        }
    });
}

/// Un número nuevo para un cerrojo (`cerrojo`) o una variable de condición creados en la
/// ejecución en curso: «cerrojo 1», «condición 2»… El mismo plan da los mismos números.
pub(crate) fn numero_nuevo(cerrojo: bool) -> u32 {
    let contador = if cerrojo { &CERROJOS } else { &CONDICIONES };
    contador.with(|c| {
        c.set(c.get() + 1);
        c.get()
    })
}

/// La foto del grafo de esperas, para `f`.
fn con_foto<R>(f: impl FnOnce(&Foto<'_>) -> R) -> R {
    let tareas: Vec<grafo::Tarea> = con_tareas(|t| {
        t.iter()
            .map(|t| grafo::Tarea {
                id: usize::from(t.id()),
                ejecutable: t.runnable(),
                terminada: t.finished(),
                separada: t.is_detached(),
            })
            .collect()
    });
    let esperas: HashMap<usize, Arista> = ESPERAS.with(|e| {
        e.borrow()
            .iter()
            .map(|(t, e)| (*t, e.arista.clone()))
            .collect()
    });
    let duenos: HashMap<usize, usize> =
        DUENOS.with(|d| d.borrow().iter().map(|(m, (t, _))| (*m, *t)).collect());
    f(&Foto {
        tareas: &tareas,
        esperas: &esperas,
        duenos: &duenos,
    })
}

/// Si, bloqueada o terminada `yo` (`sigo`: bloqueada), ninguna tarea podrá avanzar.
fn nadie_podra_avanzar(yo: usize, sigo: bool) -> bool {
    con_foto(|foto| foto.nadie_podra_avanzar(yo, sigo).unwrap_or(false))
}

/// El ciclo de esperas que pasa por `yo`, en español: «hilo 1 espera el cerrojo 2, que tiene
/// hilo 2; hilo 2 espera el cerrojo 1, que tiene hilo 1».
fn ciclo_desde(yo: usize) -> Option<String> {
    let ciclo = con_foto(|foto| foto.ciclo_desde(yo))?;
    let numero = |m: usize| DUENOS.with(|d| d.borrow().get(&m).map_or(0, |(_, n)| *n));
    let partes: Vec<String> = ciclo
        .into_iter()
        .map(|(t, arista, otro)| {
            let (quien, de) = (nombre_de_tarea(t), nombre_de_tarea(otro));
            match arista {
                Arista::Cerrojo(m) => format!(
                    "{quien} espera {}, que tiene {de}",
                    nombre_de_cerrojo(numero(m))
                ),
                _ => format!("{quien} espera a que termine {de}"),
            }
        })
        .collect();
    Some(partes.join("; "))
}

/// «el cerrojo 2», o «un cerrojo interno» para los de la mesa de los filósofos.
pub(crate) fn nombre_de_cerrojo(numero: u32) -> String {
    if numero == 0 {
        "un cerrojo interno".to_string()
    } else {
        format!("el cerrojo {numero}")
    }
}

/// Apunta las tareas sin terminar y pide parar (como [`fallo_en_hilo`]). Con otro
/// planificador que el del arnés, la espera sigue y shuttle encontrará el interbloqueo.
fn parar_por_interbloqueo(ciclo: Option<String>) {
    CICLO.with(|c| *c.borrow_mut() = ciclo);
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
    CICLO.with(|c| c.borrow_mut().take());
}

/// El ciclo de esperas del último interbloqueo que vio sincro, si lo cerró un ciclo.
pub fn tomar_ciclo() -> Option<String> {
    CICLO.with(|c| c.borrow_mut().take())
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
