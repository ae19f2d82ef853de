//! ¿Real o explorado? Cada primitiva lo decide al crearse.
//!
//! shuttle ejecuta todos los hilos de una exploración como corrutinas de un único hilo del
//! sistema, así que una marca local de ese hilo basta para saber si estamos dentro.

use std::cell::Cell;

thread_local! {
    static EXPLORANDO: Cell<bool> = const { Cell::new(false) };
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
}
