//! # Ejercicio: lectores y escritores
//!
//! Lee el capítulo «Lectores y escritores» del libro antes de empezar. Sustituye cada
//! `todo!()` por tu código y comprueba tu trabajo con:
//!
//! ```text
//! cargo test -p lectores_escritores
//! ```
//!
//! Usa las primitivas de `sincro` (`Mutex`, `Condvar`, `sincro::thread`), no las de
//! `std::sync`: son las mismas, pero la suite puede ejecutar tu código bajo un planificador
//! que prueba miles de órdenes distintos de los hilos y repetir el que falle.
//!
//! El valor protegido ya está en una `UnsafeCell`, y las guardas ya saben dar `&T` y
//! `&mut T`: esa parte es `unsafe` y viene hecha. Tu trabajo es el protocolo que hace
//! verdad lo que promete el comentario `SEGURIDAD` de `unsafe impl Sync`.

// Quita esta línea cuando empieces: solo evita avisos de cosas aún sin usar.
#![allow(unused_imports, dead_code)]

use sincro::{Condvar, Mutex};
use std::cell::UnsafeCell;
use std::ops::{Deref, DerefMut};

/// Quién pasa primero cuando lectores y escritores compiten por el cerrojo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Politica {
    /// Preferencia por los lectores: un lector solo espera si hay un escritor dentro, y los
    /// lectores que esperan pasan antes que los escritores que esperan. Un flujo continuo
    /// de lectores puede dejar a un escritor en inanición.
    Lectores,
    /// Preferencia por los escritores: en cuanto un escritor espera, ningún lector nuevo
    /// entra. Un flujo continuo de escritores puede dejar a los lectores en inanición.
    Escritores,
    /// Justa: se entra por orden de llegada (los lectores seguidos entran juntos). Nadie
    /// pasa hambre.
    Justa,
}

/// Una foto del estado del cerrojo, para las pruebas y la depuración: puede cambiar en
/// cuanto la tomas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Foto {
    /// Lectores dentro (con una [`GuardaLectura`] viva).
    pub lectores: usize,
    /// Si hay un escritor dentro (con una [`GuardaEscritura`] viva).
    pub escritor: bool,
    /// Hilos dormidos dentro de [`CerrojoLE::leer`] porque la política no les deja entrar.
    pub lectores_esperando: usize,
    /// Hilos dormidos dentro de [`CerrojoLE::escribir`] porque la política no les deja entrar.
    pub escritores_esperando: usize,
}

/// Un cerrojo de lectores y escritores que protege un valor `T`: muchos lectores a la vez,
/// o un solo escritor, según la [`Politica`] elegida al crearlo.
///
/// Constrúyelo con un `sincro::Mutex` que proteja el estado (cuántos lectores hay dentro,
/// si hay un escritor, cuántos esperan...) y una `sincro::Condvar` donde duerman los hilos
/// que no pueden entrar todavía.
pub struct CerrojoLE<T> {
    politica: Politica,
    valor: UnsafeCell<T>,
    // Tus campos.
}

// SEGURIDAD: `UnsafeCell` no es `Sync` porque no sabe quién accede al valor. Aquí lo sabe el
// protocolo (tu código): solo las guardas acceden a `valor`; una `GuardaEscritura` existe
// solo cuando no hay ninguna otra guarda, y las `GuardaLectura` solo dan `&T`. Compartir el
// cerrojo entre hilos reparte `&T` entre ellos (exige `T: Sync`) y deja que otro hilo
// escriba, y por tanto mueva, el valor (exige `T: Send`): lo mismo que pide
// `std::sync::RwLock`.
unsafe impl<T: Send + Sync> Sync for CerrojoLE<T> {}

/// Permiso de lectura: da `&T` y deja entrar a otros lectores a la vez. Sale del cerrojo
/// al destruirse, también durante un pánico.
#[must_use = "si no guardas la guarda, sales del cerrojo en el acto"]
pub struct GuardaLectura<'a, T> {
    cerrojo: &'a CerrojoLE<T>,
}

/// Permiso de escritura: da `&mut T` y excluye a todos los demás. Sale del cerrojo al
/// destruirse, también durante un pánico.
#[must_use = "si no guardas la guarda, sales del cerrojo en el acto"]
pub struct GuardaEscritura<'a, T> {
    cerrojo: &'a CerrojoLE<T>,
}

impl<T> CerrojoLE<T> {
    /// Un cerrojo nuevo que protege `valor` con la política `politica`.
    pub fn new(valor: T, politica: Politica) -> Self {
        let _ = (valor, politica);
        todo!("crea el estado en un Mutex y la Condvar; guarda el valor en UnsafeCell::new")
    }

    /// La política con la que se creó.
    pub fn politica(&self) -> Politica {
        self.politica
    }

    /// Entra a leer, esperando mientras la política no lo permita: con
    /// [`Politica::Lectores`], solo mientras haya un escritor dentro; con
    /// [`Politica::Escritores`], también mientras algún escritor espere; con
    /// [`Politica::Justa`], hasta que le toque por orden de llegada.
    pub fn leer(&self) -> GuardaLectura<'_, T> {
        todo!("espera en la Condvar mientras no puedas entrar; después cuéntate como lector")
    }

    /// Entra a escribir, esperando mientras haya alguien dentro o la política no lo
    /// permita: con [`Politica::Lectores`], los lectores que esperan pasan antes; con
    /// [`Politica::Justa`], hasta que le toque por orden de llegada.
    pub fn escribir(&self) -> GuardaEscritura<'_, T> {
        todo!("cuéntate como escritor que espera, espera en un while y después entra")
    }

    /// Una foto del estado del cerrojo (lectores y escritor dentro, hilos que esperan).
    pub fn foto(&self) -> Foto {
        todo!()
    }

    /// Consume el cerrojo y devuelve el valor.
    pub fn into_inner(self) -> T {
        self.valor.into_inner()
    }
}

impl<T> Deref for GuardaLectura<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SEGURIDAD: mientras viva esta guarda no hay escritor dentro (ver `unsafe impl Sync`).
        unsafe { &*self.cerrojo.valor.get() }
    }
}

impl<T> Deref for GuardaEscritura<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SEGURIDAD: mientras viva esta guarda es la única (ver `unsafe impl Sync`).
        unsafe { &*self.cerrojo.valor.get() }
    }
}

impl<T> DerefMut for GuardaEscritura<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SEGURIDAD: mientras viva esta guarda es la única, y `&mut self` impide pedir dos
        // `&mut T` a la vez a través de ella.
        unsafe { &mut *self.cerrojo.valor.get() }
    }
}

impl<T> Drop for GuardaLectura<'_, T> {
    fn drop(&mut self) {
        todo!("descuéntate como lector; si eras el último, avisa a quien espere")
    }
}

impl<T> Drop for GuardaEscritura<'_, T> {
    fn drop(&mut self) {
        todo!("marca que ya no hay escritor y avisa a quien espere")
    }
}
