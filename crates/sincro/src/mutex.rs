//! `Mutex` sin envenenamiento, real o explorado.

use crate::carreras::{self, Reloj};
use crate::modo::explorando;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{PoisonError, TryLockError};

/// Un cerrojo explorado que no tiene nadie.
const NADIE: usize = usize::MAX;

/// Exclusión mutua: protege un valor `T` al que solo accede quien tiene la guarda.
pub struct Mutex<T> {
    imp: Imp<T>,
}

// La variante explorada es más grande, pero solo existe dentro de una exploración.
#[allow(clippy::large_enum_variant)]
enum Imp<T> {
    Real(std::sync::Mutex<T>),
    /// Con el reloj de quien lo soltó por última vez, para el detector de carreras, y la
    /// tarea que lo tiene ([`NADIE`] si está libre), para ver un interbloqueo antes de
    /// esperarlo.
    Explorado(
        shuttle::sync::Mutex<T>,
        std::sync::Mutex<Reloj>,
        AtomicUsize,
    ),
}

/// La guarda de un [`Mutex`]: da acceso al valor y libera el cerrojo al destruirse.
pub struct MutexGuard<'a, T> {
    pub(crate) mutex: &'a Mutex<T>,
    // `Option` para que `Condvar::wait` pueda tomar la guarda interna y devolverla.
    pub(crate) imp: Option<GuardaImp<'a, T>>,
}

pub(crate) enum GuardaImp<'a, T> {
    Real(std::sync::MutexGuard<'a, T>),
    Explorado(shuttle::sync::MutexGuard<'a, T>),
}

impl<T> Mutex<T> {
    /// Un `Mutex` nuevo que protege `valor`.
    pub fn new(valor: T) -> Self {
        let imp = if explorando() {
            Imp::Explorado(
                shuttle::sync::Mutex::new(valor),
                Default::default(),
                AtomicUsize::new(NADIE),
            )
        } else {
            Imp::Real(std::sync::Mutex::new(valor))
        };
        Self { imp }
    }

    /// Adquiere el cerrojo, esperando si otro hilo lo tiene.
    pub fn lock(&self) -> MutexGuard<'_, T> {
        MutexGuard {
            mutex: self,
            imp: Some(self.guarda()),
        }
    }

    pub(crate) fn guarda(&self) -> GuardaImp<'_, T> {
        match &self.imp {
            Imp::Real(m) => GuardaImp::Real(m.lock().unwrap_or_else(PoisonError::into_inner)),
            Imp::Explorado(m, _, dueno) => {
                // Espera de verdad si lo tiene otra tarea.
                let dueno = dueno.load(Ordering::Relaxed);
                let bloqueara = dueno != NADIE && Some(dueno) != crate::modo::tarea_actual();
                let g = crate::modo::esperando(
                    "espera un cerrojo (Mutex::lock)",
                    Some(self.recurso()),
                    None,
                    bloqueara,
                    || m.lock(),
                );
                let g = GuardaImp::Explorado(g.unwrap_or_else(PoisonError::into_inner));
                self.al_tomar();
                g
            }
        }
    }

    /// Este cerrojo como recurso que se espera (por su dirección).
    pub(crate) fn recurso(&self) -> crate::modo::Recurso {
        crate::modo::Recurso::Cerrojo(std::ptr::from_ref(self).addr())
    }

    /// Al explorar: tomar el cerrojo es adquirir lo que publicó quien lo soltó.
    pub(crate) fn al_tomar(&self) {
        if let Imp::Explorado(_, reloj, dueno) = &self.imp {
            carreras::adquirir(&reloj.lock().unwrap());
            let tarea = crate::modo::tarea_actual().unwrap_or(NADIE);
            dueno.store(tarea, Ordering::Relaxed);
        }
    }

    /// Al explorar: soltar el cerrojo publica lo que sabe este hilo.
    pub(crate) fn al_soltar(&self) {
        if let Imp::Explorado(_, reloj, dueno) = &self.imp {
            *reloj.lock().unwrap() = carreras::liberar();
            dueno.store(NADIE, Ordering::Relaxed);
        }
    }

    /// Adquiere el cerrojo si está libre; si no, devuelve `None` sin esperar.
    pub fn try_lock(&self) -> Option<MutexGuard<'_, T>> {
        let imp = match &self.imp {
            Imp::Real(m) => match m.try_lock() {
                Ok(g) => GuardaImp::Real(g),
                Err(TryLockError::Poisoned(e)) => GuardaImp::Real(e.into_inner()),
                Err(TryLockError::WouldBlock) => return None,
            },
            Imp::Explorado(m, ..) => match m.try_lock() {
                Ok(g) => GuardaImp::Explorado(g),
                Err(TryLockError::Poisoned(e)) => GuardaImp::Explorado(e.into_inner()),
                Err(TryLockError::WouldBlock) => return None,
            },
        };
        self.al_tomar();
        Some(MutexGuard {
            mutex: self,
            imp: Some(imp),
        })
    }

    /// Acceso directo al valor: con `&mut self` nadie más puede tenerlo.
    pub fn get_mut(&mut self) -> &mut T {
        match &mut self.imp {
            Imp::Real(m) => m.get_mut().unwrap_or_else(PoisonError::into_inner),
            Imp::Explorado(m, ..) => m.get_mut().unwrap_or_else(PoisonError::into_inner),
        }
    }

    /// Consume el `Mutex` y devuelve el valor.
    pub fn into_inner(self) -> T {
        match self.imp {
            Imp::Real(m) => m.into_inner().unwrap_or_else(PoisonError::into_inner),
            Imp::Explorado(m, ..) => m.into_inner().unwrap_or_else(PoisonError::into_inner),
        }
    }
}

impl<T: Default> Default for Mutex<T> {
    fn default() -> Self {
        Self::new(T::default())
    }
}

impl<T> std::fmt::Debug for Mutex<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Mutex { .. }")
    }
}

impl<T> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        if self.imp.is_some() {
            self.mutex.al_soltar();
        }
    }
}

impl<T> Deref for MutexGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        match self.imp.as_ref().expect("guarda en uso") {
            GuardaImp::Real(g) => g,
            GuardaImp::Explorado(g) => g,
        }
    }
}

impl<T> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        match self.imp.as_mut().expect("guarda en uso") {
            GuardaImp::Real(g) => g,
            GuardaImp::Explorado(g) => g,
        }
    }
}
