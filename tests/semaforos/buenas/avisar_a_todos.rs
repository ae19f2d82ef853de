//! Correcta, aunque distinta de la referencia: sin contar quién espera, avisa siempre a todos
//! (`notify_all`) y espera con `wait_while`. Más lenta con muchos hilos, igual de correcta:
//! la suite debe aceptarla.

#[allow(dead_code)]
#[path = "../../../solutions/semaforos/src/lib.rs"]
mod correcta;
pub use correcta::*;
use sincro::{Condvar, Mutex};
use std::time::Duration;

pub struct Semaforo {
    permisos: Mutex<usize>,
    cambio: Condvar,
}

pub struct Permiso<'a> {
    semaforo: &'a Semaforo,
}

impl Semaforo {
    pub fn new(permisos: usize) -> Self {
        Self {
            permisos: Mutex::new(permisos),
            cambio: Condvar::new(),
        }
    }

    pub fn adquirir(&self) -> Permiso<'_> {
        let mut p = self.permisos.lock();
        self.cambio.wait_while(&mut p, |p| *p == 0);
        *p -= 1;
        Permiso { semaforo: self }
    }

    pub fn intentar_adquirir(&self) -> Option<Permiso<'_>> {
        let mut p = self.permisos.lock();
        (*p > 0).then(|| {
            *p -= 1;
            Permiso { semaforo: self }
        })
    }

    pub fn adquirir_con_limite(&self, limite: Duration) -> Option<Permiso<'_>> {
        let mut p = self.permisos.lock();
        if self
            .cambio
            .wait_while_for(&mut p, |p| *p == 0, limite)
            .timed_out()
        {
            return None;
        }
        *p -= 1;
        Some(Permiso { semaforo: self })
    }

    pub fn disponibles(&self) -> usize {
        *self.permisos.lock()
    }

    pub fn senalar(&self) {
        let mut p = self.permisos.lock();
        *p += 1;
        self.cambio.notify_all();
    }
}

impl Permiso<'_> {
    pub fn consumir(self) {
        std::mem::forget(self);
    }
}

impl Drop for Permiso<'_> {
    fn drop(&mut self) {
        self.semaforo.senalar();
    }
}
