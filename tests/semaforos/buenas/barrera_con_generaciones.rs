//! Correcta, aunque distinta de la referencia: una barrera con `Mutex` y `Condvar` y un
//! número de generación en lugar de dos torniquetes. Quien espera no mira la cuenta (que el
//! último reinicia) sino si la generación cambió: un hilo rápido no puede colarse.

#[allow(dead_code)]
#[path = "../../../solutions/semaforos/src/lib.rs"]
mod correcta;
pub use correcta::*;
use sincro::{Condvar, Mutex};

pub struct Barrera {
    n: usize,
    estado: Mutex<(usize, u64)>,
    cambio: Condvar,
}

impl Barrera {
    pub fn new(n: usize) -> Self {
        Self {
            n: n.max(1),
            estado: Mutex::new((0, 0)),
            cambio: Condvar::new(),
        }
    }

    pub fn esperar(&self) -> bool {
        let mut e = self.estado.lock();
        let generacion = e.1;
        e.0 += 1;
        if e.0 == self.n {
            *e = (0, generacion + 1);
            self.cambio.notify_all();
            return true;
        }
        self.cambio.wait_while(&mut e, |e| e.1 == generacion);
        false
    }
}
