//! Error: comprueba que hay permisos en una sección crítica y lo resta en otra. Entre las
//! dos, otro hilo puede llevarse el mismo permiso: condición de carrera de comprobar y actuar.
//!
//! Debe fallar: explorar_exclusion_con_dos_permisos

#[allow(dead_code)]
#[path = "../../../solutions/semaforos/src/lib.rs"]
mod correcta;
pub use correcta::{Barrera, Multiplex, recurso_compartido};
use sincro::{Condvar, Mutex};
use std::time::{Duration, Instant};

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
        {
            let mut p = self.permisos.lock();
            while *p == 0 {
                self.cambio.wait(&mut p);
            }
        } // Aquí se suelta el cerrojo: otro hilo puede ver el mismo permiso.
        let mut p = self.permisos.lock();
        *p = p.saturating_sub(1);
        Permiso { semaforo: self }
    }

    pub fn adquirir_con_limite(&self, limite: Duration) -> Option<Permiso<'_>> {
        let fin = Instant::now() + limite;
        let mut p = self.permisos.lock();
        while *p == 0 {
            let ahora = Instant::now();
            if ahora >= fin {
                return None;
            }
            self.cambio.wait_for(&mut p, fin - ahora);
        }
        *p -= 1;
        Some(Permiso { semaforo: self })
    }

    pub fn senalar(&self) {
        *self.permisos.lock() += 1;
        self.cambio.notify_one();
    }

    pub fn intentar_adquirir(&self) -> Option<Permiso<'_>> {
        let mut p = self.permisos.lock();
        if *p == 0 {
            return None;
        }
        *p -= 1;
        Some(Permiso { semaforo: self })
    }

    pub fn disponibles(&self) -> usize {
        *self.permisos.lock()
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
