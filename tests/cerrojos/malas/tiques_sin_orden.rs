//! Error: un «cerrojo de tiques» que reparte números pero no los usa para entrar: todos los
//! que esperan compiten con un compare_exchange sobre una bandera, como en el cerrojo de
//! giro. La exclusión mutua se cumple y los números sirven para contar a los que esperan,
//! pero entra el más rápido, no el primero que llegó: un hilo con mala suerte puede perder
//! siempre (inanición).
//!
//! Debe fallar: explorar_tiques_por_orden_de_llegada

#[allow(dead_code)]
#[path = "../../../solutions/cerrojos/src/lib.rs"]
mod correcta;
pub use correcta::{Banco, CerrojoGiro, ErrorTransferencia, Guarda, Reservas};
use sincro::atomic::{AtomicBool, AtomicUsize, Ordering};
use sincro::cell::UnsafeCell;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

pub struct CerrojoTiques<T> {
    siguiente: AtomicUsize,
    atendidos: AtomicUsize,
    ocupado: AtomicBool,
    dato: UnsafeCell<T>,
}

unsafe impl<T: Send> Sync for CerrojoTiques<T> {}

pub struct GuardaTiques<'a, T> {
    cerrojo: &'a CerrojoTiques<T>,
    _no_send: PhantomData<*const ()>,
}

impl<T> CerrojoTiques<T> {
    pub fn new(valor: T) -> Self {
        Self {
            siguiente: AtomicUsize::new(0),
            atendidos: AtomicUsize::new(0),
            ocupado: AtomicBool::new(false),
            dato: UnsafeCell::new(valor),
        }
    }

    pub fn adquirir(&self) -> GuardaTiques<'_, T> {
        // Toma número... y no lo vuelve a mirar.
        self.siguiente.fetch_add(1, Ordering::Relaxed);
        // ✗ Entra quien gane la carrera, no quien tenga el número más bajo.
        while self
            .ocupado
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            sincro::hint::spin_loop();
        }
        GuardaTiques {
            cerrojo: self,
            _no_send: PhantomData,
        }
    }

    pub fn turnos_esperando(&self) -> usize {
        let atendidos = self.atendidos.load(Ordering::SeqCst);
        let siguiente = self.siguiente.load(Ordering::SeqCst);
        siguiente.wrapping_sub(atendidos).saturating_sub(1)
    }

    pub fn into_inner(self) -> T {
        self.dato.into_inner()
    }
}

impl<T> Deref for GuardaTiques<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        unsafe { &*self.cerrojo.dato.get() }
    }
}

impl<T> DerefMut for GuardaTiques<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        unsafe { &mut *self.cerrojo.dato.get() }
    }
}

impl<T> Drop for GuardaTiques<'_, T> {
    fn drop(&mut self) {
        self.cerrojo.atendidos.fetch_add(1, Ordering::Relaxed);
        self.cerrojo.ocupado.store(false, Ordering::Release);
    }
}
