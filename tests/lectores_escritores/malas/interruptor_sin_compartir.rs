//! Error: la traducción literal del original en Python. El «interruptor» de los lectores (el
//! primero que entra cierra la sala a los escritores, el último que sale la abre) cuenta los
//! lectores en una variable que cada hilo tiene por separado, como las variables globales de
//! cada proceso en Python. Cada lector se cree el primero y cierra la sala él solo: los
//! lectores nunca leen a la vez.
//!
//! Debe fallar: los_lectores_leen_a_la_vez, una_traza_de_un_solo_hilo
//! Motivo de los_lectores_leen_a_la_vez: el cerrojo los hace leer de uno en uno
//! Motivo de una_traza_de_un_solo_hilo: no coincide con la instantánea oficial

#[allow(dead_code)]
#[path = "../../../solutions/lectores_escritores/src/lib.rs"]
mod correcta;
pub use correcta::*;
use sincro::{Condvar, Mutex};
use std::cell::{Cell, UnsafeCell};
use std::ops::{Deref, DerefMut};

thread_local! {
    // `lectores = 0` en el módulo de Python: una copia por proceso (aquí, por hilo).
    static LECTORES: Cell<usize> = const { Cell::new(0) };
}

pub struct CerrojoLE<T> {
    politica: Politica,
    /// El semáforo binario de la sala: `true` si está cerrada.
    sala_cerrada: Mutex<bool>,
    abierta: Condvar,
    valor: UnsafeCell<T>,
}

unsafe impl<T: Send + Sync> Sync for CerrojoLE<T> {}

pub struct GuardaLectura<'a, T> {
    cerrojo: &'a CerrojoLE<T>,
}

pub struct GuardaEscritura<'a, T> {
    cerrojo: &'a CerrojoLE<T>,
}

impl<T> CerrojoLE<T> {
    pub fn new(valor: T, politica: Politica) -> Self {
        Self {
            politica,
            sala_cerrada: Mutex::new(false),
            abierta: Condvar::new(),
            valor: UnsafeCell::new(valor),
        }
    }

    pub fn politica(&self) -> Politica {
        self.politica
    }

    fn cerrar_sala(&self) {
        let mut cerrada = self.sala_cerrada.lock();
        while *cerrada {
            self.abierta.wait(&mut cerrada);
        }
        *cerrada = true;
    }

    fn abrir_sala(&self) {
        *self.sala_cerrada.lock() = false;
        self.abierta.notify_all();
    }

    pub fn leer(&self) -> GuardaLectura<'_, T> {
        LECTORES.set(LECTORES.get() + 1);
        if LECTORES.get() == 1 {
            self.cerrar_sala();
        }
        GuardaLectura { cerrojo: self }
    }

    pub fn escribir(&self) -> GuardaEscritura<'_, T> {
        self.cerrar_sala();
        GuardaEscritura { cerrojo: self }
    }

    pub fn foto(&self) -> Foto {
        Foto {
            lectores: LECTORES.get(),
            escritor: false,
            lectores_esperando: 0,
            escritores_esperando: 0,
        }
    }

    pub fn into_inner(self) -> T {
        self.valor.into_inner()
    }
}

impl<T> Deref for GuardaLectura<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        unsafe { &*self.cerrojo.valor.get() }
    }
}

impl<T> Deref for GuardaEscritura<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        unsafe { &*self.cerrojo.valor.get() }
    }
}

impl<T> DerefMut for GuardaEscritura<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        unsafe { &mut *self.cerrojo.valor.get() }
    }
}

impl<T> Drop for GuardaLectura<'_, T> {
    fn drop(&mut self) {
        LECTORES.set(LECTORES.get() - 1);
        if LECTORES.get() == 0 {
            self.cerrojo.abrir_sala();
        }
    }
}

impl<T> Drop for GuardaEscritura<'_, T> {
    fn drop(&mut self) {
        self.cerrojo.abrir_sala();
    }
}
