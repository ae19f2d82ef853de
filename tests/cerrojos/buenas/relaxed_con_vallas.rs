//! Correcta, aunque distinta de la referencia: todos los atómicos con `Ordering::Relaxed`, y
//! la sincronización la ponen las vallas. Tras ganar el cerrojo, `fence(Acquire)`; antes de
//! soltarlo, `fence(Release)`. Una valla de liberación seguida de una escritura `Relaxed`
//! publica como una escritura `Release`, y una lectura `Relaxed` seguida de una valla de
//! adquisición recibe como una lectura `Acquire`: no hay carrera de datos. El detector de la
//! exploración modela las vallas, así que la suite debe aceptarla.

#[allow(dead_code)]
#[path = "../../../solutions/cerrojos/src/lib.rs"]
mod correcta;
pub use correcta::*;
use sincro::atomic::{
    AtomicBool, AtomicUsize, Ordering::Acquire, Ordering::Relaxed, Ordering::Release,
    Ordering::SeqCst, fence,
};
use sincro::cell::UnsafeCell;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

pub struct CerrojoGiro<T> {
    ocupado: AtomicBool,
    dato: UnsafeCell<T>,
}

// SAFETY: un solo hilo a la vez llega al dato; las vallas ordenan los accesos.
unsafe impl<T: Send> Sync for CerrojoGiro<T> {}

pub struct Guarda<'a, T> {
    cerrojo: &'a CerrojoGiro<T>,
    _no_send: PhantomData<*const ()>,
}

impl<T> CerrojoGiro<T> {
    pub fn new(valor: T) -> Self {
        Self {
            ocupado: AtomicBool::new(false),
            dato: UnsafeCell::new(valor),
        }
    }

    pub fn adquirir(&self) -> Guarda<'_, T> {
        // `swap` devuelve el valor anterior: si era `false`, lo hemos cambiado nosotros.
        while self.ocupado.swap(true, Relaxed) {
            sincro::hint::spin_loop();
        }
        // Lo que publicó quien soltó el cerrojo, visible desde aquí.
        fence(Acquire);
        Guarda {
            cerrojo: self,
            _no_send: PhantomData,
        }
    }

    pub fn intentar_adquirir(&self) -> Option<Guarda<'_, T>> {
        // Con `if`, no con `bool::then_some`: `then_some(Guarda { .. })` crearía la guarda
        // también cuando el cerrojo está ocupado, y al destruirla liberaría el cerrojo de
        // otro (ver malas/intentar_con_then_some.toml).
        if self.ocupado.swap(true, Relaxed) {
            None
        } else {
            fence(Acquire);
            Some(Guarda {
                cerrojo: self,
                _no_send: PhantomData,
            })
        }
    }

    pub fn into_inner(self) -> T {
        self.dato.into_inner()
    }
}

impl<T> Deref for Guarda<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: tenemos el cerrojo.
        unsafe { &*self.cerrojo.dato.get() }
    }
}

impl<T> DerefMut for Guarda<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: tenemos el cerrojo.
        unsafe { &mut *self.cerrojo.dato.get() }
    }
}

impl<T> Drop for Guarda<'_, T> {
    fn drop(&mut self) {
        // Lo escrito en la sección crítica, publicado por la escritura que sigue.
        fence(Release);
        self.cerrojo.ocupado.store(false, Relaxed);
    }
}

pub struct CerrojoTiques<T> {
    siguiente: AtomicUsize,
    turno: AtomicUsize,
    dato: UnsafeCell<T>,
}

// SAFETY: como el de giro.
unsafe impl<T: Send> Sync for CerrojoTiques<T> {}

pub struct GuardaTiques<'a, T> {
    cerrojo: &'a CerrojoTiques<T>,
    mio: usize,
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
        let mio = self.siguiente.fetch_add(1, Relaxed);
        while self.turno.load(Relaxed) != mio {
            sincro::hint::spin_loop();
        }
        fence(Acquire);
        GuardaTiques {
            cerrojo: self,
            mio,
            _no_send: PhantomData,
        }
    }

    pub fn turnos_esperando(&self) -> usize {
        let turno = self.turno.load(SeqCst);
        self.siguiente
            .load(SeqCst)
            .wrapping_sub(turno)
            .saturating_sub(1)
    }

    pub fn into_inner(self) -> T {
        self.dato.into_inner()
    }
}

impl<T> Deref for GuardaTiques<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: es nuestro turno.
        unsafe { &*self.cerrojo.dato.get() }
    }
}

impl<T> DerefMut for GuardaTiques<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: es nuestro turno.
        unsafe { &mut *self.cerrojo.dato.get() }
    }
}

impl<T> Drop for GuardaTiques<'_, T> {
    fn drop(&mut self) {
        // La guarda recuerda su número: el turno siguiente es el suyo más uno.
        fence(Release);
        self.cerrojo.turno.store(self.mio.wrapping_add(1), Relaxed);
    }
}
