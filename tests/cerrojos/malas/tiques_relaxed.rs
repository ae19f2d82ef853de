//! Error: el cerrojo de tiques espera su turno con una lectura `Relaxed` y lo cede con un
//! `fetch_add` `Relaxed`. Los turnos se respetan, pero el hilo que entra no tiene garantizado
//! ver lo que escribió en el dato el que salió: carrera de datos. La exploración, con su
//! detector, la encuentra aunque en x86 el programa parezca funcionar.
//!
//! Debe fallar: explorar_tiques_exclusion_mutua

#[allow(dead_code)]
#[path = "../../../solutions/cerrojos/src/lib.rs"]
mod correcta;
pub use correcta::{Banco, CerrojoGiro, ErrorTransferencia, Guarda, Reservas};
use sincro::atomic::{AtomicUsize, Ordering};
use sincro::cell::UnsafeCell;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

pub struct CerrojoTiques<T> {
    siguiente: AtomicUsize,
    turno: AtomicUsize,
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
            turno: AtomicUsize::new(0),
            dato: UnsafeCell::new(valor),
        }
    }

    pub fn adquirir(&self) -> GuardaTiques<'_, T> {
        let mio = self.siguiente.fetch_add(1, Ordering::Relaxed);
        // ✗ Relaxed: ve su número, pero no lo que escribió quien salió.
        while self.turno.load(Ordering::Relaxed) != mio {
            sincro::hint::spin_loop();
        }
        GuardaTiques {
            cerrojo: self,
            _no_send: PhantomData,
        }
    }

    pub fn turnos_esperando(&self) -> usize {
        let turno = self.turno.load(Ordering::SeqCst);
        let siguiente = self.siguiente.load(Ordering::SeqCst);
        siguiente.wrapping_sub(turno).saturating_sub(1)
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
        // ✗ Relaxed: no publica lo escrito en la sección crítica.
        self.cerrojo.turno.fetch_add(1, Ordering::Relaxed);
    }
}
