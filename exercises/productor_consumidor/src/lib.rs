//! # Ejercicio: productor y consumidor
//!
//! Lee el capítulo «Productor y consumidor» del libro antes de empezar. Sustituye cada
//! `todo!()` por tu código y comprueba tu trabajo con:
//!
//! ```text
//! cargo test -p productor_consumidor
//! ```
//!
//! Usa las primitivas de `sincro` (`Mutex`, `Condvar`, `sincro::thread`), no las de
//! `std::sync`, en el búfer y en [`con_buffer`]: son las mismas, pero la suite puede
//! ejecutar tu código bajo un planificador que prueba miles de órdenes distintos de los
//! hilos y repetir el que falle. [`con_crossbeam`] y [`con_sync_channel`] usan los canales
//! de crossbeam y de `std` con hilos de `std::thread`.

// Quita esta línea cuando empieces: solo evita avisos de cosas aún sin usar.
#![allow(unused_imports, dead_code)]

use sincro::{Condvar, Mutex};
use std::collections::VecDeque;
use std::fmt;

/// Un búfer acotado para varios productores y varios consumidores, con cierre.
///
/// Como mucho `capacidad` elementos esperan dentro. Los elementos salen en el orden en que
/// entraron (FIFO), así que los de un mismo productor llegan en su orden.
///
/// Constrúyelo con un `Mutex` que proteja el estado (la cola de elementos y si está
/// cerrado) y dos `Condvar`: una donde duermen los productores mientras no hay sitio y otra
/// donde duermen los consumidores mientras no hay datos.
pub struct Buffer<T> {
    // Tus campos. Quita `_elementos` cuando pongas los tuyos: solo está para que compile.
    _elementos: std::marker::PhantomData<T>,
}

/// El error de [`Buffer::enviar`] en un búfer cerrado. Lleva dentro el elemento que no se
/// envió: nada se pierde sin que quien lo envió lo sepa.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorEnvio<T>(pub T);

impl<T> ErrorEnvio<T> {
    /// Devuelve el elemento que no se pudo enviar.
    pub fn into_inner(self) -> T {
        todo!()
    }
}

// El mensaje ya está escrito: la suite lo compara tal cual.
impl<T> fmt::Display for ErrorEnvio<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("el búfer está cerrado: el elemento no se envió y vuelve a quien lo envía")
    }
}

impl<T: fmt::Debug> std::error::Error for ErrorEnvio<T> {}

impl<T> Buffer<T> {
    /// Un búfer vacío y abierto en el que caben `capacidad` elementos.
    ///
    /// # Panics
    ///
    /// Si `capacidad` es 0, con un mensaje que hable de la capacidad: en un búfer sin sitio
    /// no se podría dejar nada. Para una cita (el productor espera a que un consumidor tome
    /// el elemento en mano) están `crossbeam::channel::bounded(0)` y
    /// `std::sync::mpsc::sync_channel(0)`.
    pub fn new(capacidad: usize) -> Self {
        let _ = capacidad;
        todo!("una cola vacía y sin cerrar en un Mutex, y las dos Condvar")
    }

    /// Cuántos elementos caben como mucho.
    pub fn capacidad(&self) -> usize {
        todo!()
    }

    /// Cuántos elementos hay dentro ahora mismo (puede cambiar en cuanto lo lees).
    pub fn ocupados(&self) -> usize {
        todo!()
    }

    /// Si alguien llamó ya a [`cerrar`](Self::cerrar).
    pub fn esta_cerrado(&self) -> bool {
        todo!()
    }

    /// Deja `elemento` al final del búfer, durmiendo mientras esté lleno.
    ///
    /// Si el búfer está cerrado, o se cierra mientras se espera sitio, devuelve
    /// `Err(ErrorEnvio(elemento))` con el elemento dentro.
    pub fn enviar(&self, elemento: T) -> Result<(), ErrorEnvio<T>> {
        let _ = elemento;
        todo!("espera mientras esté lleno y abierto; después deja el elemento y avisa")
    }

    /// Saca el elemento más antiguo, durmiendo mientras el búfer esté vacío y abierto.
    ///
    /// Devuelve `None` solo cuando el búfer está cerrado **y** vacío: lo que quedaba dentro
    /// al cerrar se entrega antes.
    pub fn recibir(&self) -> Option<T> {
        todo!("espera mientras esté vacío y abierto; después saca el primero y avisa")
    }

    /// Cierra el búfer: no admite más envíos y, cuando se vacíe, [`recibir`](Self::recibir)
    /// devuelve `None`. Despierta a todos los que esperan, productores y consumidores.
    /// Cerrar dos veces no hace nada más.
    pub fn cerrar(&self) {
        todo!()
    }
}

/// Un elemento del programa de ejemplo: quién lo produjo y su número de orden dentro de
/// ese productor (0, 1, 2...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Elemento {
    pub productor: usize,
    pub secuencia: usize,
}

/// El programa del tutorial original, con un final: `productores` hilos producen
/// `por_productor` elementos cada uno, `consumidores` hilos los consumen, y entre ellos hay
/// un búfer o canal de `capacidad` elementos.
///
/// El productor `p` (de 0 a `productores - 1`) envía, en orden,
/// `Elemento { productor: p, secuencia: 0 }`, `Elemento { productor: p, secuencia: 1 }`...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Programa {
    pub productores: usize,
    pub consumidores: usize,
    pub por_productor: usize,
    pub capacidad: usize,
}

/// Ejecuta el [`Programa`] con un [`Buffer`] y devuelve, para cada consumidor, los
/// elementos que recibió en el orden en que los recibió. Termina cuando los consumidores
/// han vaciado el búfer cerrado. Usa `sincro::thread::scope` para los hilos.
///
/// # Panics
///
/// Si `consumidores` es 0 (con un mensaje que hable del consumidor), o si `capacidad` es 0
/// (ver [`Buffer::new`]).
pub fn con_buffer(programa: Programa) -> Vec<Vec<Elemento>> {
    let _ = programa;
    todo!("lanza los consumidores y los productores; cierra cuando acaben los productores")
}

/// El mismo programa con `crossbeam::channel::bounded(capacidad)`. Con capacidad 0, el
/// canal es una cita: cada envío espera a que un consumidor tome el elemento.
///
/// # Panics
///
/// Si `consumidores` es 0.
pub fn con_crossbeam(programa: Programa) -> Vec<Vec<Elemento>> {
    let _ = programa;
    todo!("el cierre es soltar el último emisor")
}

/// El mismo programa con `std::sync::mpsc::sync_channel(capacidad)`. Su receptor no se
/// puede clonar: compártelo entre los consumidores dentro de un `std::sync::Mutex`. Con
/// capacidad 0, el canal es una cita.
///
/// # Panics
///
/// Si `consumidores` es 0.
pub fn con_sync_channel(programa: Programa) -> Vec<Vec<Elemento>> {
    let _ = programa;
    todo!()
}
