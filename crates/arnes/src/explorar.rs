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

use crate::{con_limite_de, texto_de_panico, traducir};
use shuttle::scheduler::{PctScheduler, RandomScheduler, RoundRobinScheduler, Scheduler};
use shuttle::{Config, FailurePersistence, MaxSteps, Runner};
use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Ejecuciones por planificador. Los errores de los ejercicios aparecen en las primeras
/// decenas; mil dan un margen amplio y tardan menos de un segundo.
const EJECUCIONES: usize = 1000;
/// Semilla fija: la misma exploración siempre.
const SEMILLA: u64 = 0x5EED_C0DE;
/// Pasos máximos de una ejecución: más, y es que un hilo espera activamente para siempre.
const PASOS: usize = 20_000;
/// Variable de entorno para repetir una planificación: `nombre:plan`.
const REPETIR: &str = "CURSO_REPETIR";

thread_local! {
    static TRAZA: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Anota un paso en la traza de la ejecución explorada en curso (se muestra si falla).
pub fn anotar(paso: impl Into<String>) {
    if sincro::explorando() {
        TRAZA.with(|t| t.borrow_mut().push(paso.into()));
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
    preparar_shuttle();
    con_limite_de(Duration::from_secs(60), nombre, move || {
        let repetir = std::env::var(REPETIR).ok();
        match repetir
            .as_deref()
            .and_then(|v| v.split_once(':'))
            .filter(|(n, _)| *n == nombre)
        {
            Some((_, plan)) => {
                let plan = plan.to_string();
                intentar(nombre, pista_pasos, || {
                    let e = Arc::clone(&escenario);
                    sincro::con_exploracion(|| shuttle::replay(move || ejecutar(&*e), &plan))
                });
            }
            None => {
                for crear in planificadores {
                    intentar(nombre, pista_pasos, || {
                        let e = Arc::clone(&escenario);
                        let carpeta = carpeta_de_planes();
                        let mut config = Config::new();
                        config.failure_persistence = FailurePersistence::File(Some(carpeta));
                        config.max_steps = MaxSteps::FailAfter(PASOS);
                        config.silence_warnings = true;
                        sincro::con_exploracion(|| {
                            Runner::new(crear(), config).run(move || ejecutar(&*e))
                        });
                    });
                }
            }
        }
    });
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
    escenario();
}

/// Ejecuta una exploración; si falla, la convierte en un pánico con el informe en español.
fn intentar(nombre: &str, pista_pasos: Option<&str>, exploracion: impl FnOnce()) {
    let carpeta = carpeta_de_planes();
    let _ = std::fs::remove_dir_all(&carpeta);
    let _ = std::fs::create_dir_all(&carpeta);
    let Err(carga) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(exploracion)) else {
        return;
    };
    let texto = texto_de_panico(&*carga);
    let mut motivo = motivo(&texto);
    if let Some(pista) = pista_pasos.filter(|_| texto.starts_with("exceeded max_steps bound")) {
        motivo = format!("{motivo}\n{pista}");
    }
    let traza = TRAZA.with(|t| t.take());
    let plan = leer_plan(&carpeta);
    let mut informe = format!(
        "La exploración de planificaciones encontró una ejecución que falla:\n  {}\n",
        motivo.replace('\n', "\n  ")
    );
    if !traza.is_empty() {
        informe.push_str("\nLo que pasó en esa ejecución (últimos pasos):\n");
        let desde = traza.len().saturating_sub(30);
        for paso in &traza[desde..] {
            informe.push_str(&format!("  {paso}\n"));
        }
    }
    if let Some(plan) = plan {
        let paquete = std::env::var("CARGO_PKG_NAME").unwrap_or_else(|_| "<ejercicio>".into());
        informe.push_str(&format!(
            "\nPara repetir exactamente esa ejecución:\n  {REPETIR}='{nombre}:{plan}' cargo test -p {paquete} {nombre}\n"
        ));
    }
    panic!("{informe}");
}

/// Traduce los fallos propios de shuttle; deja tal cual los de las comprobaciones.
fn motivo(texto: &str) -> String {
    if let Some(resto) = texto.strip_prefix("deadlock! blocked tasks: [") {
        // «nombre (task id[, pending future]), nombre (task …)»: el nombre de cada hilo es lo
        // que precede a cada « (task », desde la última «, » anterior.
        let trozos: Vec<&str> = resto.split(" (task ").collect();
        let hilos: Vec<&str> = trozos[..trozos.len().saturating_sub(1)]
            .iter()
            .map(|t| t.rsplit(", ").next().unwrap_or(t))
            .collect();
        return format!(
            "interbloqueo: todos los hilos esperan y ninguno puede avanzar ({}). Suele ser un \
             aviso que nunca llega (un despertar perdido), un recurso que nunca se devuelve o \
             dos hilos que se esperan el uno al otro.",
            hilos.join(", ")
        );
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
    traducir(texto)
}

/// Una carpeta propia de esta exploración para que shuttle deje el plan que falla.
fn carpeta_de_planes() -> PathBuf {
    static CONTADOR: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static MIA: usize = CONTADOR.fetch_add(1, Ordering::Relaxed);
    }
    std::env::temp_dir().join(format!(
        "curso-planes-{}-{}",
        std::process::id(),
        MIA.with(|m| *m)
    ))
}

fn leer_plan(carpeta: &PathBuf) -> Option<String> {
    let entrada = std::fs::read_dir(carpeta).ok()?.flatten().next()?;
    let plan = std::fs::read_to_string(entrada.path()).ok()?;
    let _ = std::fs::remove_dir_all(carpeta);
    Some(plan.trim().to_string())
}

/// Lanza `n` hilos explorados llamados «hilo 1», «hilo 2»... que ejecutan `f(i)`, y espera
/// a todos. Solo dentro de [`explorar`]; los nombres aparecen en los informes de
/// interbloqueo.
pub fn hilos_explorados(n: usize, f: impl Fn(usize) + Send + Sync + 'static) {
    let f = Arc::new(f);
    let hilos: Vec<_> = (1..=n)
        .map(|i| {
            let f = Arc::clone(&f);
            sincro::thread::Builder::new()
                .name(format!("hilo {i}"))
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
