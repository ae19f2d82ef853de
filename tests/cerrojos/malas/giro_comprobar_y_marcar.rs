//! Error: el cerrojo de giro comprueba que está libre con un `load` y lo marca ocupado con
//! un `store` aparte, en lugar de hacer las dos cosas en un solo paso con
//! `compare_exchange`. Dos hilos pueden ver `false` antes de que ninguno escriba `true`, y
//! entran los dos: comprobar y actuar, dentro del propio cerrojo.
//!
//! Debe fallar: explorar_giro_exclusion_mutua, explorar_giro_con_intentos

#[allow(dead_code)]
#[path = "../../../solutions/cerrojos/src/lib.rs"]
mod correcta;
pub use correcta::{Banco, CerrojoTiques, ErrorTransferencia, GuardaTiques, Reservas};
use sincro::atomic::{AtomicBool, Ordering};
use sincro::cell::UnsafeCell;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

pub struct CerrojoGiro<T> {
    ocupado: AtomicBool,
    dato: UnsafeCell<T>,
}

unsafe impl<T: Send> Sync for CerrojoGiro<T> {}

pub struct Guarda<'a, T> {
    cerrojo: &'a CerrojoGiro<T>,
    _no_send: PhantomData<*const ()>,
}

unsafe impl<T: Sync> Sync for Guarda<'_, T> {}

impl<T> CerrojoGiro<T> {
    pub fn new(valor: T) -> Self {
        Self {
            ocupado: AtomicBool::new(false),
            dato: UnsafeCell::new(valor),
        }
    }

    pub fn adquirir(&self) -> Guarda<'_, T> {
        // ✗ Comprobar...
        while self.ocupado.load(Ordering::Acquire) {
            sincro::hint::spin_loop();
        }
        // ...y actuar: entre las dos líneas, otro hilo puede haber visto lo mismo.
        self.ocupado.store(true, Ordering::Release);
        Guarda {
            cerrojo: self,
            _no_send: PhantomData,
        }
    }

    pub fn intentar_adquirir(&self) -> Option<Guarda<'_, T>> {
        if self.ocupado.load(Ordering::Acquire) {
            return None;
        }
        self.ocupado.store(true, Ordering::Release);
        Some(Guarda {
            cerrojo: self,
            _no_send: PhantomData,
        })
    }

    pub fn into_inner(self) -> T {
        self.dato.into_inner()
    }
}

impl<T> Deref for Guarda<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        unsafe { &*self.cerrojo.dato.get() }
    }
}

impl<T> DerefMut for Guarda<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        unsafe { &mut *self.cerrojo.dato.get() }
    }
}

impl<T> Drop for Guarda<'_, T> {
    fn drop(&mut self) {
        self.cerrojo.ocupado.store(false, Ordering::Release);
    }
}
