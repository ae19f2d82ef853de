//! Una cita entre hilos con límite de tiempo.
//!
//! Sirve para comprobar, sin cronometrar nada, que el trabajo se reparte de verdad: cada hilo
//! que llega a la cita espera a que lleguen los demás. Si el código del alumno hace todo en un
//! solo hilo, la cita nunca se completa, caduca y la prueba lo dice.

use std::collections::HashSet;
use std::sync::{Condvar, Mutex};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

/// Cuánto espera un hilo a los demás antes de dar la cita por fallida.
const ESPERA: Duration = Duration::from_secs(5);

#[derive(Default)]
struct Estado {
    llegados: HashSet<ThreadId>,
    caducada: bool,
}

/// Cita de `esperados` hilos distintos.
pub struct Cita {
    esperados: usize,
    estado: Mutex<Estado>,
    cambio: Condvar,
}

impl Cita {
    /// Una cita que se completa cuando han llegado `esperados` hilos distintos.
    pub fn new(esperados: usize) -> Self {
        Self {
            esperados,
            estado: Mutex::new(Estado::default()),
            cambio: Condvar::new(),
        }
    }

    /// Registra el hilo actual. La primera vez que un hilo llega, espera (como mucho unos
    /// segundos) a que lleguen los demás; las siguientes veces no espera.
    pub fn llegar(&self) {
        let yo = thread::current().id();
        let mut estado = self.estado.lock().unwrap_or_else(|e| e.into_inner());
        if !estado.llegados.insert(yo) {
            return;
        }
        self.cambio.notify_all();
        let fin = Instant::now() + ESPERA;
        while estado.llegados.len() < self.esperados && !estado.caducada {
            let ahora = Instant::now();
            if ahora >= fin {
                // Nadie más vendrá: se suelta a todos para que la prueba termine y lo diga.
                estado.caducada = true;
                self.cambio.notify_all();
                break;
            }
            estado = self
                .cambio
                .wait_timeout(estado, fin - ahora)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Cuántos hilos distintos han llegado.
    pub fn hilos(&self) -> usize {
        self.estado
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .llegados
            .len()
    }

    /// Si algún hilo se cansó de esperar a los demás.
    pub fn caducada(&self) -> bool {
        self.estado
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .caducada
    }
}
