//! Error: `intentar_adquirir` escrito con `bool::then_some`, que evalúa su argumento
//! siempre: la guarda se crea también cuando el cerrojo está ocupado, y al destruirse (en
//! el acto, porque se devuelve `None`) libera el cerrojo que tiene otro hilo. El siguiente
//! que llegue entra con el primero aún dentro. `then(|| Guarda { .. })`, perezoso, sería
//! correcto.
//!
//! Debe fallar: explorar_giro_con_intentos

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
        while self
            .ocupado
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
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
        let libre = self
            .ocupado
            .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_ok();
        // ✗ `then_some` recibe la guarda ya construida, esté libre o no.
        libre.then_some(Guarda {
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
