//! Exploración de planificaciones con shuttle.
//!
//! Un escenario (unos pocos hilos que usan las primitivas de `sincro`) se ejecuta miles de
//! veces, cada vez con un orden distinto de los pasos de los hilos, elegido por un
//! planificador aleatorio y por uno PCT (que busca errores que necesitan pocos cambios de
//! hilo en momentos concretos). Las semillas son fijas: la exploración es la misma en cada
//! ejecución, así que una suite nunca es intermitente.
//!
//! Si un orden rompe una propiedad (una comprobación del escenario falla, los hilos se
//! bloquean todos, o la ejecución no termina), la prueba falla con el motivo en español, lo
//! que pasó en esa ejecución y la orden exacta para repetirla.

use crate::cronograma::Contexto;
use crate::interbloqueo::{informe_de_interbloqueo, tareas_bloqueadas};
use crate::limite::con_limite_explicado;
use crate::panico::{Detalle, fallar};
use crate::{planes, texto_de_panico, traducir};
use contrato::{Clase, variables};
use shuttle::scheduler::{
    PctScheduler, RandomScheduler, ReplayScheduler, RoundRobinScheduler, Schedule, Scheduler, Task,
    TaskId,
};
use shuttle::{Config, FailurePersistence, MaxSteps, Runner};
use shuttle_engine::runtime::execution::CurrentSchedule;
use shuttle_engine::scheduler::serialization::serialize_schedule;
use sincro::cronica::Operacion;
use std::cell::RefCell;
use std::mem::ManuallyDrop;
use std::panic::Location;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Ejecuciones por planificador. Los errores de los ejercicios aparecen en las primeras
/// decenas; mil dan un margen amplio y tardan menos de un segundo.
const EJECUCIONES: usize = 1000;
/// Semilla fija: la misma exploración siempre.
const SEMILLA: u64 = 0x5EED_C0DE;
/// Pasos máximos de una ejecución: más, y es que un hilo espera activamente para siempre.
const PASOS: usize = 20_000;

thread_local! {
    static TRAZA: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Anota un paso en la traza de la ejecución explorada en curso (se muestra si falla).
pub fn anotar(paso: impl Into<String>) {
    if sincro::explorando() {
        let paso = paso.into();
        if sincro::cronica::grabando() {
            sincro::cronica::apuntar(|| Operacion::Anotacion(paso.clone()));
        }
        TRAZA.with(|t| t.borrow_mut().push(paso));
    }
}

/// Explora las planificaciones de `escenario`. `nombre` debe ser el nombre de la prueba:
/// es el que se usa en la orden para repetir un fallo.
#[track_caller]
pub fn explorar(nombre: &'static str, escenario: impl Fn() + Send + Sync + 'static) {
    let planificadores: Vec<Planificador> = vec![
        Box::new(|| Box::new(RandomScheduler::new_from_seed(SEMILLA, EJECUCIONES))),
        Box::new(|| Box::new(PctScheduler::new_from_seed(SEMILLA, 3, EJECUCIONES))),
    ];
    explorar_con(nombre, planificadores, None, escenario);
}

/// Explora `escenario` con planificadores **justos**, que no dejan a ningún hilo sin avanzar:
/// primero por turnos (`RoundRobinScheduler`: cada hilo da un paso y cede al siguiente, todos
/// al mismo ritmo; cada ejecución cambia solo el azar de [`sincro::azar`]) y después al azar
/// paso a paso (sin PCT, que a propósito deja parado a un hilo mucho tiempo).
///
/// Sirve para dos propiedades de vivacidad que la exploración normal no puede juzgar:
///
/// - **Bloqueo activo**: hilos que reintentan en simetría, cediéndose el paso para siempre.
///   Con todos al mismo paso, una ejecución que no termina en el límite de pasos falla, y el
///   informe lo llama bloqueo activo.
/// - **Inanición**: como ningún hilo se queda sin turno, un hilo que no consigue nada
///   mientras los demás avanzan es culpa del código, no del planificador.
#[track_caller]
pub fn explorar_por_turnos(nombre: &'static str, escenario: impl Fn() + Send + Sync + 'static) {
    let planificadores: Vec<Planificador> = vec![
        Box::new(|| Box::new(RoundRobinScheduler::new(EJECUCIONES_POR_TURNOS))),
        Box::new(|| {
            Box::new(RandomScheduler::new_from_seed(
                SEMILLA,
                EJECUCIONES_POR_TURNOS,
            ))
        }),
    ];
    let pista = "Con un planificador justo, eso suele ser un bloqueo activo: los hilos reintentan \
                 en simetría (todos toman, todos fallan, todos sueltan, todos vuelven a empezar) y \
                 ninguno avanza. Una espera al azar entre intentos rompe la simetría.";
    explorar_con(nombre, planificadores, Some(pista), escenario);
}

/// Ejecuciones por planificador en [`explorar_por_turnos`]: sus escenarios son más largos.
const EJECUCIONES_POR_TURNOS: usize = 200;

type Planificador = Box<dyn Fn() -> Box<dyn Scheduler + Send> + Send>;

#[track_caller]
fn explorar_con(
    nombre: &'static str,
    planificadores: Vec<Planificador>,
    pista_pasos: Option<&'static str>,
    escenario: impl Fn() + Send + Sync + 'static,
) {
    let escenario = Arc::new(escenario);
    // El lugar de la prueba, para los fallos que no son de ningún hilo (un interbloqueo).
    let lugar = Location::caller();
    preparar_shuttle();
    // El último hilo al que el planificador dio paso: si la exploración no termina, es el
    // que la tiene parada.
    let ultimo: Arc<Mutex<Option<String>>> = Arc::default();
    let visto = Arc::clone(&ultimo);
    let explicar = move || atascada(visto.lock().unwrap_or_else(|e| e.into_inner()).take());
    con_limite_explicado(limite_de_exploracion(), nombre, explicar, move || {
        let ejecutar_con = |planificador: Box<dyn Scheduler + Send>| {
            let e = Arc::clone(&escenario);
            let callado = Callado::new(planificador, Arc::clone(&ultimo));
            sincro::con_exploracion(|| {
                Runner::new(callado, configuracion()).run(move || ejecutar(&*e))
            });
        };
        // Repite un plan: para dibujar la ejecución que falla.
        let repetir = |plan: &str| ejecutar_con(Box::new(ReplayScheduler::new_from_encoded(plan)));
        match plan_pedido(nombre) {
            Some(Ok(plan)) => intentar(nombre, lugar, pista_pasos, false, &repetir, || {
                ejecutar_con(Box::new(ReplayScheduler::new_from_encoded(&plan)))
            }),
            Some(Err(motivo)) => panic!("{motivo}"),
            None => {
                for crear in planificadores {
                    intentar(nombre, lugar, pista_pasos, true, &repetir, || {
                        ejecutar_con(crear())
                    });
                }
            }
        }
    });
}

/// Cuánto puede durar una exploración entera. `ARNES_LIMITE_EXPLORACION` (segundos) lo
/// cambia: solo para las pruebas del propio arnés, que no esperan un minuto para ver el
/// informe de una exploración atascada.
fn limite_de_exploracion() -> Duration {
    let segundos = std::env::var("ARNES_LIMITE_EXPLORACION")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    Duration::from_secs(segundos)
}

/// Por qué no termina una exploración: shuttle ya convierte en fallo un interbloqueo entre
/// hilos explorados y un bucle que cede el paso sin fin, así que solo queda un hilo que no
/// vuelve nunca al planificador.
fn atascada(hilo: Option<String>) -> String {
    let donde = hilo
        .map(|h| format!(" dentro de «{h}»"))
        .unwrap_or_default();
    format!(
        "La exploración se quedó parada{donde}: el planificador solo cambia de hilo en las \
         operaciones de sincro, y ese hilo no vuelve a ninguna. Suele ser una espera en una \
         primitiva de std::sync (o de otra biblioteca) que el planificador no ve, en vez de la \
         de sincro, o un bucle que espera sin ninguna operación de sincro."
    )
}

/// La configuración de cada exploración: el plan que falla no se imprime ni se guarda (lo
/// guarda el arnés, en español y en su sitio), y sin los avisos de shuttle (como el de los
/// órdenes de memoria: aquí los comprueba el detector de carreras de `sincro`).
fn configuracion() -> Config {
    let mut config = Config::new();
    config.failure_persistence = FailurePersistence::None;
    config.max_steps = MaxSteps::FailAfter(PASOS);
    config.silence_warnings = true;
    config
}

/// El plan que pide repetir [`variables::REPETIR`] para la prueba `nombre`, si lo pide: la
/// forma corta `nombre` (el plan se lee de su archivo) o la de siempre, `nombre:plan`.
fn plan_pedido(nombre: &str) -> Option<Result<String, String>> {
    let valor = std::env::var(variables::REPETIR).ok()?;
    match valor.split_once(':') {
        Some((n, plan)) => (n == nombre).then(|| Ok(plan.to_string())),
        None => (valor == nombre).then(|| planes::leer(nombre)),
    }
}

/// Un planificador de shuttle que para la ejecución cuando un hilo entra en pánico (ver
/// `sincro::fallo_en_hilo`) y que, si la exploración falla, no se destruye: el aleatorio de
/// shuttle imprime al destruirse, en inglés, cómo repetir el fallo con sus herramientas, y
/// eso taparía la orden del curso. Se pierde un planificador por prueba que falla.
/// También apunta el nombre del último hilo al que dio paso, para explicar una exploración
/// que no termina.
struct Callado<S: Scheduler> {
    planificador: ManuallyDrop<S>,
    ultimo: Arc<Mutex<Option<String>>>,
    ultima_tarea: Option<TaskId>,
}

impl<S: Scheduler> Callado<S> {
    fn new(planificador: S, ultimo: Arc<Mutex<Option<String>>>) -> Self {
        Self {
            planificador: ManuallyDrop::new(planificador),
            ultimo,
            ultima_tarea: None,
        }
    }
}

impl<S: Scheduler> Drop for Callado<S> {
    fn drop(&mut self) {
        if !std::thread::panicking() && !sincro::ejecucion_parada() {
            // SAFETY: se destruye una sola vez, aquí, y nadie lo usa después.
            unsafe { ManuallyDrop::drop(&mut self.planificador) }
        }
    }
}

impl<S: Scheduler> Scheduler for Callado<S> {
    fn new_execution(&mut self) -> Option<Schedule> {
        if sincro::ejecucion_parada() {
            return None;
        }
        self.ultima_tarea = None;
        self.planificador.new_execution()
    }

    fn next_task(
        &mut self,
        ejecutables: &[&Task],
        actual: Option<TaskId>,
        cediendo: bool,
    ) -> Option<TaskId> {
        if sincro::ejecucion_parada() {
            // Un hilo entró en pánico: la ejecución se para aquí (sincro::fallo_en_hilo).
            return None;
        }
        let elegida = self.planificador.next_task(ejecutables, actual, cediendo);
        if elegida != self.ultima_tarea {
            // Solo al cambiar de hilo: el nombre se busca pocas veces.
            self.ultima_tarea = elegida;
            let nombre = elegida.map(|t| sincro::nombre_de_tarea(usize::from(t)));
            *self.ultimo.lock().unwrap_or_else(|e| e.into_inner()) = nombre;
        }
        elegida
    }

    fn next_u64(&mut self) -> u64 {
        self.planificador.next_u64()
    }
}

/// shuttle instala su gancho de pánico (en inglés) la primera vez que explora. Una
/// exploración vacía lo instala ya, y se vuelve a poner el del curso.
fn preparar_shuttle() {
    static UNA_VEZ: std::sync::Once = std::sync::Once::new();
    UNA_VEZ.call_once(|| {
        crate::instalar_gancho();
        Runner::new(RandomScheduler::new_from_seed(SEMILLA, 1), Config::new()).run(|| {});
        crate::panico::reinstalar_gancho();
    });
}

fn ejecutar(escenario: &(impl Fn() + ?Sized)) {
    TRAZA.with(|t| t.borrow_mut().clear());
    sincro::nueva_ejecucion();
    if let Err(carga) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(escenario)) {
        sincro::fallo_en_hilo(carga);
    }
    sincro::al_terminar_hilo();
}

/// Ejecuta una exploración; si falla, la convierte en un pánico con el informe en español:
/// primero qué propiedad se rompió y qué suele significar, después la orden corta para
/// repetirlo y la página que la dibuja, y al final lo que pasó en esa ejecución. `guardar`:
/// guardar el plan que falla (no al repetir uno). `repetir`: repite un plan (para dibujarlo).
fn intentar(
    nombre: &str,
    lugar: &Location<'static>,
    pista_pasos: Option<&str>,
    guardar: bool,
    repetir: &dyn Fn(&str),
    exploracion: impl FnOnce(),
) {
    sincro::olvidar_parada();
    crate::panico::tomar_fallo_explorado();
    let resultado = std::panic::catch_unwind(std::panic::AssertUnwindSafe(exploracion));
    let parada = sincro::ejecucion_parada();
    sincro::olvidar_parada();
    // Un interbloqueo que vio sincro al esperar, el fallo de un hilo (lo apuntó el gancho) o
    // el de shuttle (interbloqueo, pasos).
    let interbloqueo = sincro::tomar_interbloqueo();
    let ciclo = sincro::tomar_ciclo();
    let (fallo, texto) = match resultado {
        Ok(()) if !parada => return,
        Ok(()) if interbloqueo.is_some() => (None, String::new()),
        Ok(()) => match crate::panico::tomar_fallo_explorado() {
            Some(fallo) => (Some(fallo.clone()), fallo.texto),
            None => (None, "un hilo explorado entró en pánico".to_string()),
        },
        Err(carga) => (None, texto_de_panico(&*carga)),
    };
    // El plan de la ejecución que falla: shuttle lo deja anotado hasta la siguiente.
    let plan = serialize_schedule(&CurrentSchedule::get_schedule());
    let mut motivo = match interbloqueo {
        Some(tareas) => informe_de_interbloqueo(tareas.into_iter().map(Some).collect(), ciclo),
        None => motivo(&texto),
    };
    if let Some(pista) = pista_pasos.filter(|_| texto.starts_with("exceeded max_steps bound")) {
        motivo = format!("{motivo}\n{pista}");
    }
    let clase = if fallo.is_some() {
        crate::panico::clase_de(&texto)
    } else if texto.starts_with("exceeded max_steps bound") {
        Clase::Tiempo
    } else if motivo.starts_with("interbloqueo") {
        Clase::Interbloqueo
    } else {
        Clase::Propiedad
    };
    // Un todo!() falla en cualquier planificación: no hay ninguna que repetir.
    let orden =
        (clase != Clase::SinImplementar).then(|| orden_para_repetir(nombre, &plan, guardar));
    let mut traza = String::new();
    let pasos = TRAZA.with(|t| t.take());
    if !pasos.is_empty() {
        traza.push_str("\n\nLo que pasó en esa ejecución (últimos pasos):");
        for paso in &pasos[pasos.len().saturating_sub(30)..] {
            traza.push_str(&format!("\n  {paso}"));
        }
    }
    // La página: la misma ejecución, repetida con la crónica encendida y dibujada.
    let pagina = orden.as_ref().and_then(|orden| {
        let contexto = Contexto {
            prueba: nombre,
            plan: &plan,
            mensaje: &motivo,
            repetir: orden,
            hilo: fallo.as_ref().map(|f| f.hilo.as_str()),
        };
        crate::cronograma::dibujar(&contexto, repetir)
    });
    // La ruta de la página va delante de la traza, también en el registro: así sale en la
    // primera pantalla de `cargo curso probar`, que añade la orden para repetir al final.
    let dibujo = pagina
        .as_ref()
        .map(|p| {
            format!(
                "\n\nEsa ejecución, dibujada hilo a hilo (ábrela en el navegador):\n  {}",
                p.display()
            )
        })
        .unwrap_or_default();
    let detalle = Detalle {
        clase: Some(clase),
        hilo: fallo.as_ref().map(|f| f.hilo.clone()),
        lugar: Some(
            fallo.map_or_else(|| format!("{}:{}", lugar.file(), lugar.line()), |f| f.lugar),
        ),
        mensaje: Some(format!("{motivo}{dibujo}{traza}")),
        repetir: orden,
        pagina: pagina.as_ref().map(|p| p.display().to_string()),
    };
    let orden = detalle
        .repetir
        .as_ref()
        .map(|r| format!("\n\nPara repetir exactamente esa ejecución:\n  {r}"))
        .unwrap_or_default();
    fallar(detalle, format!("{motivo}{orden}{dibujo}{traza}"));
}

/// La orden que repite la ejecución que falla. El plan se guarda en su archivo y la orden
/// solo nombra la prueba; si no se puede guardar, la orden lleva el plan entero.
fn orden_para_repetir(nombre: &str, plan: &str, guardar: bool) -> String {
    let paquete = crate::registro::paquete();
    let repetir = variables::REPETIR;
    if !guardar || planes::guardar(nombre, plan).is_some() {
        // Si la herramienta eligió la carpeta de planes, la orden también tiene que elegirla.
        let planes = std::env::var(variables::PLANES)
            .map(|p| format!("{}='{p}' ", variables::PLANES))
            .unwrap_or_default();
        format!("{planes}{repetir}={nombre} cargo test -p {paquete} {nombre}")
    } else {
        format!("{repetir}='{nombre}:{plan}' cargo test -p {paquete} {nombre}")
    }
}

/// Traduce los fallos propios de shuttle; deja tal cual los de las comprobaciones.
fn motivo(texto: &str) -> String {
    if let Some(resto) = texto.strip_prefix("deadlock! blocked tasks: [") {
        return informe_de_interbloqueo(tareas_bloqueadas(resto), None);
    }
    if texto.contains("tried to acquire a Mutex it already holds") {
        return "interbloqueo: un hilo intentó tomar un Mutex que ya tenía tomado, y se espera a \
                sí mismo para siempre."
            .into();
    }
    if texto.starts_with("exceeded max_steps bound") {
        return format!(
            "la ejecución dio más de {PASOS} pasos sin terminar: algún hilo espera activamente \
             (un bucle que no duerme) a algo que no llega."
        );
    }
    const SIN_PLAN: [&str; 5] = [
        "schedule ended early",
        "scheduled task is not runnable",
        "expected context switch",
        "expected random choice",
        "invalid schedule",
    ];
    if SIN_PLAN.iter().any(|p| texto.starts_with(p)) {
        return format!(
            "la ejecución repetida no sigue el plan guardado: el código o la prueba cambiaron \
             desde que falló (o el plan no es de esta prueba). Ejecuta la prueba sin {} para \
             explorar de nuevo.",
            variables::REPETIR
        );
    }
    traducir(texto)
}

/// Lanza `n` hilos explorados llamados «hilo 1», «hilo 2»... que ejecutan `f(i)`, y espera
/// a todos. Solo dentro de [`explorar`]; los nombres aparecen en los informes de
/// interbloqueo.
pub fn hilos_explorados(n: usize, f: impl Fn(usize) + Send + Sync + 'static) {
    hilos_explorados_llamados(1..=n, |i| format!("hilo {i}"), f);
}

/// Como [`hilos_explorados`], con los índices y los nombres que diga quien llama (por
/// ejemplo, «filósofo 0» a «filósofo 4»): un hilo explorado por cada índice, que ejecuta
/// `f(índice)`, y se espera a todos.
pub fn hilos_explorados_llamados(
    indices: impl IntoIterator<Item = usize>,
    nombre: impl Fn(usize) -> String,
    f: impl Fn(usize) + Send + Sync + 'static,
) {
    let f = Arc::new(f);
    let hilos: Vec<_> = indices
        .into_iter()
        .map(|i| {
            let f = Arc::clone(&f);
            sincro::thread::Builder::new()
                .name(nombre(i))
                .spawn(move || f(i))
                .expect("no se pudo crear un hilo explorado")
        })
        .collect();
    for hilo in hilos {
        if let Err(carga) = hilo.join() {
            std::panic::resume_unwind(carga);
        }
    }
}
