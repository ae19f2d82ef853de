//! Error: las vallas del cerrojo de giro, en el lado equivocado. `fence(Acquire)` va
//! antes del `swap` que gana el cerrojo, y `fence(Release)` después del `store` que lo
//! suelta: así no ordenan nada. La valla de adquisición solo recibe lo que vieron las
//! lecturas `Relaxed` anteriores a ella, y la de liberación solo publica con las escrituras
//! posteriores. Es una carrera de datos que x86 casi nunca deja ver; el detector de la
//! exploración la ve siempre.
//! Debe fallar: explorar_giro_exclusion_mutua
//! Motivo: carrera de datos

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
        // ERROR: antes de ganar el cerrojo, la valla no recibe nada de quien lo soltó.
        fence(Acquire);
        while self.ocupado.swap(true, Relaxed) {
            sincro::hint::spin_loop();
        }
        Guarda {
            cerrojo: self,
            _no_send: PhantomData,
        }
    }

    pub fn intentar_adquirir(&self) -> Option<Guarda<'_, T>> {
        // Con `if`, no con `bool::then_some`: `then_some(Guarda { .. })` crearía la guarda
        // también cuando el cerrojo está ocupado, y al destruirla liberaría el cerrojo de
        // otro (ver malas/intentar_con_then_some.toml).
        fence(Acquire);
        if self.ocupado.swap(true, Relaxed) {
            None
        } else {
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
        self.cerrojo.ocupado.store(false, Relaxed);
        // ERROR: después de la escritura, la valla ya no publica nada con ella.
        fence(Release);
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
