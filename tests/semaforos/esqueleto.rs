//! # Ejercicio: semáforos
//!
//! Lee el capítulo «Semáforos» del libro antes de empezar. Sustituye cada `todo!()` por tu
//! código y comprueba tu trabajo con:
//!
//! ```text
//! cargo test -p semaforos
//! ```
//!
//! Usa las primitivas de `sincro` (`Mutex`, `Condvar`, `sincro::thread`), no las de
//! `std::sync`: son las mismas, pero la suite puede ejecutar tu código bajo un planificador
//! que prueba miles de órdenes distintos de los hilos y repetir el que falle.

// Quita esta línea cuando empieces: solo evita avisos de cosas aún sin usar.
#![allow(unused_imports, dead_code)]

use sincro::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// Un semáforo contador: como mucho `permisos` hilos a la vez tienen un [`Permiso`].
///
/// Constrúyelo con un `Mutex` que proteja el número de permisos libres y una `Condvar`
/// donde duerman los hilos que esperan uno.
pub struct Semaforo {
    // Tus campos.
}

/// Un permiso de un [`Semaforo`]. Se devuelve al semáforo al destruirse (`Drop`), también
/// si el hilo que lo tiene entra en pánico.
#[must_use = "si no guardas el permiso, se devuelve en el acto"]
pub struct Permiso<'a> {
    semaforo: &'a Semaforo,
}

impl Semaforo {
    /// Un semáforo con `permisos` permisos. Con 0 es un semáforo de señal: nadie pasa hasta
    /// que alguien llame a [`senalar`](Self::senalar).
    pub fn new(permisos: usize) -> Self {
        let _ = permisos;
        todo!("guarda los permisos en un Mutex y crea la Condvar")
    }

    /// Toma un permiso, durmiendo mientras no haya ninguno libre.
    pub fn adquirir(&self) -> Permiso<'_> {
        todo!("espera en la Condvar mientras no haya permisos; después toma uno")
    }

    /// Toma un permiso si hay alguno libre; si no, devuelve `None` sin esperar.
    pub fn intentar_adquirir(&self) -> Option<Permiso<'_>> {
        todo!()
    }

    /// Como [`adquirir`](Self::adquirir), pero sin esperar más de `limite`: devuelve `None`
    /// si se agota el tiempo, y entonces no se lleva ningún permiso.
    pub fn adquirir_con_limite(&self, limite: Duration) -> Option<Permiso<'_>> {
        let _ = limite;
        todo!("calcula el instante final una vez y espera con wait_for lo que quede")
    }

    /// Cuántos permisos hay libres ahora mismo.
    pub fn disponibles(&self) -> usize {
        todo!()
    }

    /// Añade un permiso y despierta a un hilo que espere, si lo hay (la operación V de
    /// Dijkstra). La usa [`Permiso`] al destruirse; también sirve para dar una señal en un
    /// semáforo que empezó con 0 permisos.
    pub fn senalar(&self) {
        todo!("suma el permiso y avisa, en la misma sección crítica")
    }
}

impl Permiso<'_> {
    /// Consume el permiso sin devolverlo: para semáforos de señal, donde quien adquiere no
    /// es quien libera. (Pista: `std::mem::forget`.)
    pub fn consumir(self) {
        todo!()
    }
}

impl Drop for Permiso<'_> {
    fn drop(&mut self) {
        todo!("devuelve el permiso al semáforo")
    }
}

/// Un multiplex: como mucho `n` hilos a la vez ejecutan la sección crítica.
pub struct Multiplex {
    semaforo: Semaforo,
}

impl Multiplex {
    /// Un multiplex para `n` hilos a la vez: un semáforo con `n` permisos.
    pub fn new(n: usize) -> Self {
        Self {
            semaforo: Semaforo::new(n),
        }
    }

    /// Ejecuta `f` con un permiso del semáforo y devuelve su resultado. El permiso vuelve al
    /// terminar, también si `f` entra en pánico.
    pub fn ejecutar<R>(&self, f: impl FnOnce() -> R) -> R {
        let _ = f;
        todo!()
    }
}

/// Una barrera reutilizable para `n` hilos: ninguno pasa hasta que han llegado todos, y la
/// misma barrera sirve para muchas rondas seguidas.
pub struct Barrera {
    // Tus campos: por ejemplo, una cuenta en un Mutex y dos semáforos de señal
    // (dos «torniquetes»), o una Condvar y un número de ronda.
}

impl Barrera {
    /// Una barrera para `n` hilos (`n == 0` se trata como 1).
    pub fn new(n: usize) -> Self {
        let _ = n;
        todo!()
    }

    /// Espera a que lleguen los `n` hilos de esta ronda. Devuelve `true` en exactamente un
    /// hilo por ronda (el último en llegar) y `false` en los demás. Un hilo rápido que vuelve
    /// a llegar no puede pasar la ronda siguiente hasta que los demás lleguen también a ella.
    pub fn esperar(&self) -> bool {
        todo!()
    }
}

/// El ejemplo del tutorial original, bien hecho: `procesos` hilos añaden
/// `"Datos del proceso i"` (i desde 1) a una lista **compartida** de verdad, y un semáforo
/// binario (`Semaforo::new(1)`) garantiza que solo uno la toca a la vez. Devuelve la lista.
/// Lanza los hilos con `sincro::thread::scope`.
pub fn recurso_compartido(procesos: usize) -> Vec<String> {
    let _ = procesos;
    todo!()
}
