//! # `sincro`: las primitivas de sincronización de los ejercicios
//!
//! Los ejercicios de sincronización (semáforos, cerrojos, lectores y escritores,
//! productor-consumidor, filósofos) usan estas primitivas en lugar de las de `std::sync`.
//! Se usan igual, con dos diferencias pensadas para aprender:
//!
//! - **Sin envenenamiento**: `lock()` devuelve la guarda directamente, como `parking_lot`.
//!   Un hilo que entra en pánico con el `Mutex` tomado no bloquea a los demás.
//! - **`Condvar::wait(&mut guarda)`** espera sobre la guarda que ya tienes, sin moverla.
//!
//! Normalmente son las de la biblioteca estándar. Cuando una prueba del curso **explora
//! planificaciones** (con [shuttle](https://docs.rs/shuttle)), las mismas llamadas pasan por
//! un planificador que decide qué hilo avanza en cada paso, prueba miles de órdenes distintos
//! y, si uno rompe una propiedad, lo puede repetir exactamente. En ese modo, además,
//! `Condvar::wait` puede despertar sin que nadie avise (un *despertar espurio*, que la
//! biblioteca estándar también permite): por eso la espera va siempre dentro de un `while`.
//!
//! Para los cerrojos hechos a mano hay atómicos ([`atomic`]) y [`cell::UnsafeCell`]. Al
//! explorar, un detector de carreras de datos comprueba que los órdenes de memoria
//! (`Acquire`, `Release`...) ordenan de verdad los accesos al dato protegido: shuttle ejecuta
//! cada orden de los hilos con consistencia secuencial, y sin el detector un cerrojo con
//! `Relaxed` parecería correcto.
//!
//! Para el capítulo de interbloqueo hay también [`azar`] (números al azar que la exploración
//! controla y repite) y [`mesa`] (los tenedores instrumentados de los filósofos, que saben
//! quién los tiene y quién los espera).
//!
//! Usa solo estas primitivas en tu código de sincronización: las de `std::sync` no las ve el
//! planificador.

pub mod atomic;
pub mod azar;
mod carreras;
pub mod cell;
mod condvar;
#[doc(hidden)]
pub mod cronica;
mod grafo;
pub mod hint;
pub mod mesa;
mod modo;
mod mutex;
pub mod thread;

pub use condvar::{Condvar, WaitTimeoutResult};
pub use mutex::{Mutex, MutexGuard};

#[doc(hidden)]
pub use modo::{
    al_terminar_hilo, con_exploracion, ejecucion_parada, espera_de_tarea, explorando,
    fallo_en_hilo, hilo_explorado_actual, nombre_de_tarea, nueva_ejecucion, olvidar_parada,
    tomar_ciclo, tomar_interbloqueo,
};
