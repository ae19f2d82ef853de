//! Error: un "semáforo" que es en realidad un cerrojo. Cada permiso retiene un `Mutex`
//! interno mientras vive, así que con n > 1 permisos solo entra un hilo a la vez.
//!
//! Debe fallar: con_n_permisos_entran_n_hilos_a_la_vez
//! Motivo: el semáforo deja pasar de uno en uno

#[allow(dead_code)]
#[path = "../../../solutions/semaforos/src/lib.rs"]
mod correcta;
pub use correcta::*;
use sincro::{Mutex, MutexGuard};
use std::time::Duration;

pub struct Semaforo {
    interno: correcta::Semaforo,
    turno: Mutex<()>,
}

pub struct Permiso<'a> {
    _permiso: correcta::Permiso<'a>,
    _turno: MutexGuard<'a, ()>,
}

impl Semaforo {
    pub fn new(permisos: usize) -> Self {
        Self {
            interno: correcta::Semaforo::new(permisos),
            turno: Mutex::new(()),
        }
    }

    pub fn adquirir(&self) -> Permiso<'_> {
        let permiso = self.interno.adquirir();
        Permiso {
            _permiso: permiso,
            _turno: self.turno.lock(),
        }
    }

    pub fn intentar_adquirir(&self) -> Option<Permiso<'_>> {
        let permiso = self.interno.intentar_adquirir()?;
        Some(Permiso {
            _permiso: permiso,
            _turno: self.turno.try_lock()?,
        })
    }

    pub fn adquirir_con_limite(&self, limite: Duration) -> Option<Permiso<'_>> {
        let permiso = self.interno.adquirir_con_limite(limite)?;
        Some(Permiso {
            _permiso: permiso,
            _turno: self.turno.lock(),
        })
    }

    pub fn disponibles(&self) -> usize {
        self.interno.disponibles()
    }

    pub fn senalar(&self) {
        self.interno.senalar();
    }
}

impl Permiso<'_> {
    pub fn consumir(self) {
        let Permiso { _permiso, _turno } = self;
        _permiso.consumir();
    }
}
