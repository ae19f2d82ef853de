//! Las primitivas de sincronización que una entrega puede usar.
//!
//! En los ejercicios cuyas suites exploran planificaciones (los que dependen de `sincro`), el
//! planificador y el detector de carreras solo ven las primitivas de `sincro`: un
//! `std::sync::Mutex`, un atómico de `std`, un hilo de `std::thread`, un cerrojo de
//! `parking_lot` o un canal de `crossbeam` sincronizan a sus espaldas, y la suite daría por
//! buena una planificación que no ha explorado. Ahí solo se admiten si el enunciado los pide
//! (el esqueleto, la solución o la lista de [`super::PERMISOS`] los usan). En los demás
//! ejercicios, `std` es la herramienta que se enseña.

/// Lo que de `std::sync` no sincroniza nada por sí mismo: compartir y sus errores.
const SYNC_INOCUO: [&str; 6] = [
    "Arc",
    "Weak",
    "PoisonError",
    "TryLockError",
    "LockResult",
    "TryLockResult",
];

/// Crates de sincronización que el planificador no ve.
const CRATES: [&str; 5] = [
    "parking_lot",
    "crossbeam",
    "crossbeam_channel",
    "crossbeam_utils",
    "spin",
];

/// ¿Es `ruta` (ya resuelta) una primitiva de sincronización que `sincro` sustituye?
pub(super) fn vigilada(ruta: &[String]) -> bool {
    let s: Vec<&str> = ruta.iter().map(String::as_str).collect();
    match s.as_slice() {
        [r, ..] if CRATES.contains(r) => true,
        // `Ordering` solo nombra un orden de memoria (`sincro::atomic` reexporta el de std).
        [_, "sync", "atomic", "Ordering", ..] => false,
        [r, "sync", x, ..] if super::prohibido::RAICES.contains(r) => {
            *x != "*" && !SYNC_INOCUO.contains(x)
        }
        [r, "thread", x, ..] if super::prohibido::RAICES.contains(r) => *x != "*" && *x != "Result",
        [r, "cell", "UnsafeCell", ..] if super::prohibido::RAICES.contains(r) => true,
        _ => false,
    }
}

/// El motivo, con lo que hay que usar en su lugar.
pub(super) fn explicar(ruta: &[String]) -> String {
    let s: Vec<&str> = ruta.iter().map(String::as_str).collect();
    let en_su_lugar = match s.as_slice() {
        [_, "sync", "atomic", ..] => "sincro::atomic",
        [_, "sync", "Mutex" | "MutexGuard", ..] => "sincro::Mutex",
        [_, "sync", "Condvar", ..] => "sincro::Condvar",
        [_, "sync", ..] => "sincro::Mutex y sincro::Condvar",
        [_, "thread", ..] => "sincro::thread",
        [_, "cell", ..] => "sincro::cell::UnsafeCell",
        _ => "sincro::Mutex, sincro::Condvar, sincro::atomic y sincro::thread",
    };
    format!(
        "usa {}, que el planificador y el detector de carreras de la suite no ven: en este \
         ejercicio, usa {en_su_lugar}",
        ruta.join("::")
    )
}

/// Lo de `sincro` que solo usa el arnés: con ello, una entrega sabría si la suite está
/// explorando planificaciones y podría portarse bien solo entonces.
pub(super) fn del_arnes(ruta: &[String]) -> bool {
    ruta.first().is_some_and(|r| r == "sincro")
        && ruta.iter().any(|s| {
            matches!(
                s.as_str(),
                "explorando"
                    | "con_exploracion"
                    | "nueva_ejecucion"
                    | "modo"
                    | "al_terminar_hilo"
                    | "fallo_en_hilo"
                    | "ejecucion_parada"
                    | "olvidar_parada"
                    | "tomar_interbloqueo"
                    | "nombre_de_tarea"
                    | "espera_de_tarea"
                    | "hilo_explorado_actual"
            )
        })
}
