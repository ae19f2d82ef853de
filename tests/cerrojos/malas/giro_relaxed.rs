//! Error: el cerrojo de giro adquiere y libera con `Ordering::Relaxed`. La exclusión mutua
//! se cumple (el compare_exchange sigue siendo indivisible), pero nada ordena lo que un hilo
//! escribe en el dato con lo que lee el siguiente: es una carrera de datos. En un PC con x86
//! casi nunca se nota; el detector de la exploración la ve siempre.
//!
//! Debe fallar: explorar_giro_exclusion_mutua

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
        // ✗ Relaxed: entra, pero sin «ver» lo que escribió quien salió.
        while self
            .ocupado
            .compare_exchange_weak(false, true, Ordering::Relaxed, Ordering::Relaxed)
            .is_err()
        {
            sincro::hint::spin_loop();
        }
        Guarda {
            cerrojo: self,
            _no_send: PhantomData,
        }
    }

    pub fn intentar_adquirir(&self) -> Option<Guarda<'_, T>> {
        self.ocupado
            .compare_exchange(false, true, Ordering::Relaxed, Ordering::Relaxed)
            .ok()
            .map(|_| Guarda {
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
        // ✗ Relaxed: no publica lo escrito en la sección crítica.
        self.cerrojo.ocupado.store(false, Ordering::Relaxed);
    }
}
