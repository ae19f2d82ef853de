//! Error: la guarda no lleva ningún campo que le quite `Send`, así que se puede enviar a
//! otro hilo (y, con `T: Send`, compartir: `Guarda<Cell<u8>>` es `Sync`). El cerrojo
//! funciona, pero la guarda promete más que `std::sync::MutexGuard`: que otro hilo libere lo
//! que este adquirió, o que dos hilos lean y escriban la misma `Cell` a la vez.
//!
//! Debe fallar: las_guardas_no_se_envian_a_otro_hilo

#[allow(dead_code)]
#[path = "../../../solutions/cerrojos/src/lib.rs"]
mod correcta;
pub use correcta::{Banco, CerrojoTiques, ErrorTransferencia, GuardaTiques, Reservas};
use sincro::atomic::{AtomicBool, Ordering};
use sincro::cell::UnsafeCell;
use std::ops::{Deref, DerefMut};

pub struct CerrojoGiro<T> {
    ocupado: AtomicBool,
    dato: UnsafeCell<T>,
}

unsafe impl<T: Send> Sync for CerrojoGiro<T> {}

// ✗ Solo la referencia al cerrojo: la guarda es Send y Sync si el cerrojo es Sync.
pub struct Guarda<'a, T> {
    cerrojo: &'a CerrojoGiro<T>,
}

impl<T> CerrojoGiro<T> {
    pub fn new(valor: T) -> Self {
        Self {
            ocupado: AtomicBool::new(false),
            dato: UnsafeCell::new(valor),
        }
    }

    pub fn adquirir(&self) -> Guarda<'_, T> {
        while self
            .ocupado
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            sincro::hint::spin_loop();
        }
        Guarda { cerrojo: self }
    }

    pub fn intentar_adquirir(&self) -> Option<Guarda<'_, T>> {
        self.ocupado
            .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
            .ok()
            .map(|_| Guarda { cerrojo: self })
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
