//! `Mutex` sin envenenamiento, real o explorado.

use crate::carreras::{self, Reloj};
use crate::cronica::{self, Operacion};
use crate::grafo::Arista;
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
    /// esperarlo, y su número en la ejecución («cerrojo 1»; 0 si es interno de sincro).
    Explorado(
        shuttle::sync::Mutex<T>,
        std::sync::Mutex<Reloj>,
        AtomicUsize,
        u32,
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
        Self::con_numero(valor, explorando().then(|| crate::modo::numero_nuevo(true)))
    }

    /// Un cerrojo de la propia sincro (el de la mesa de los filósofos): sin número, y fuera de
    /// la crónica, que ya cuenta la mesa con sus propias palabras.
    pub(crate) fn interno(valor: T) -> Self {
        Self::con_numero(valor, explorando().then_some(0))
    }

    /// Explorado (con su número) si hay `numero`; real si no.
    fn con_numero(valor: T, numero: Option<u32>) -> Self {
        let imp = if let Some(numero) = numero {
            Imp::Explorado(
                shuttle::sync::Mutex::new(valor),
                Default::default(),
                AtomicUsize::new(NADIE),
                numero,
            )
        } else {
            Imp::Real(std::sync::Mutex::new(valor))
        };
        Self { imp }
    }

    /// Adquiere el cerrojo, esperando si otro hilo lo tiene.
    pub fn lock(&self) -> MutexGuard<'_, T> {
        let imp = Some(self.guarda());
        if let Some(nombre) = self.nombre() {
            cronica::apuntar(|| Operacion::Toma(nombre));
        }
        MutexGuard { mutex: self, imp }
    }

    /// El nombre del cerrojo en la crónica («el cerrojo 1»), si la crónica está encendida y
    /// el cerrojo es explorado y no interno (apagada, no se gasta en formar el texto).
    pub(crate) fn nombre(&self) -> Option<String> {
        match &self.imp {
            Imp::Explorado(.., numero) if cronica::grabando() => cronica::cerrojo(*numero),
            _ => None,
        }
    }

    pub(crate) fn guarda(&self) -> GuardaImp<'_, T> {
        match &self.imp {
            Imp::Real(m) => GuardaImp::Real(m.lock().unwrap_or_else(PoisonError::into_inner)),
            Imp::Explorado(m, _, dueno, numero) => {
                // Espera de verdad si lo tiene otra tarea.
                let dueno = dueno.load(Ordering::Relaxed);
                let bloqueara = dueno != NADIE && Some(dueno) != crate::modo::tarea_actual();
                if bloqueara && let Some(nombre) = self.nombre() {
                    cronica::apuntar(|| Operacion::Pide(nombre));
                }
                let que = format!(
                    "espera {} (Mutex::lock)",
                    crate::modo::nombre_de_cerrojo(*numero)
                );
                let g = crate::modo::esperando(
                    que,
                    Arista::Cerrojo(self.direccion()),
                    bloqueara,
                    || m.lock(),
                );
                let g = GuardaImp::Explorado(g.unwrap_or_else(PoisonError::into_inner));
                self.al_tomar();
                g
            }
        }
    }

    /// Este cerrojo en el grafo de esperas: su dirección.
    pub(crate) fn direccion(&self) -> usize {
        std::ptr::from_ref(self).addr()
    }

    /// Al explorar: tomar el cerrojo es adquirir lo que publicó quien lo soltó.
    pub(crate) fn al_tomar(&self) {
        if let Imp::Explorado(_, reloj, dueno, numero) = &self.imp {
            carreras::adquirir(&reloj.lock().unwrap());
            let tarea = crate::modo::tarea_actual().unwrap_or(NADIE);
            dueno.store(tarea, Ordering::Relaxed);
            crate::modo::cerrojo_tomado(self.direccion(), *numero, true);
        }
    }

    /// Al explorar: soltar el cerrojo publica lo que sabe este hilo.
    pub(crate) fn al_soltar(&self) {
        if let Imp::Explorado(_, reloj, dueno, numero) = &self.imp {
            *reloj.lock().unwrap() = carreras::liberar();
            dueno.store(NADIE, Ordering::Relaxed);
            crate::modo::cerrojo_tomado(self.direccion(), *numero, false);
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
                Err(TryLockError::WouldBlock) => {
                    if let Some(objeto) = self.nombre() {
                        cronica::apuntar(|| Operacion::Intenta {
                            objeto,
                            logrado: false,
                        });
                    }
                    return None;
                }
            },
        };
        self.al_tomar();
        if let Some(objeto) = self.nombre() {
            cronica::apuntar(|| Operacion::Intenta {
                objeto,
                logrado: true,
            });
        }
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
            if let Some(nombre) = self.mutex.nombre() {
                cronica::apuntar(|| Operacion::Suelta(nombre));
            }
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
