//! Error: la guarda no libera el cerrojo al destruirse (no tiene `Drop`); hay que llamar a
//! mano a `liberar`. Quien lo olvida, o entra en pánico, o sale antes con `?`, deja el
//! cerrojo ocupado para siempre, y el siguiente que lo pida gira sin fin.
//!
//! Debe fallar: la_guarda_libera_al_destruirse, un_cerrojo_de_giro_protege_su_dato

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
        self.ocupado
            .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
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

// ✗ Sin `impl Drop`: liberar es cosa de quien se acuerde.
impl<T> Guarda<'_, T> {
    pub fn liberar(self) {
        self.cerrojo.ocupado.store(false, Ordering::Release);
    }
}
