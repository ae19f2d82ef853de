//! Error: una barrera sin segundo torniquete. La cuenta solo vuelve a cero cuando han salido
//! todos, así que un hilo rápido que sale y vuelve a llegar encuentra la cuenta aún llena y
//! pasa la ronda siguiente sin esperar a nadie: da la vuelta a los lentos.
//!
//! Debe fallar: explorar_barrera_reutilizable, estres_barrera_reutilizable
//! Motivo de explorar_barrera_reutilizable: un hilo rápido ha dado la vuelta
//! Motivo de estres_barrera_reutilizable: posible interbloqueo

#[allow(dead_code)]
#[path = "../../../solutions/semaforos/src/lib.rs"]
mod correcta;
pub use correcta::*;
use sincro::{Condvar, Mutex};

#[derive(Default)]
struct Cuentas {
    llegados: usize,
    salidos: usize,
}

pub struct Barrera {
    n: usize,
    cuentas: Mutex<Cuentas>,
    cambio: Condvar,
}

impl Barrera {
    pub fn new(n: usize) -> Self {
        Self {
            n: n.max(1),
            cuentas: Mutex::new(Cuentas::default()),
            cambio: Condvar::new(),
        }
    }

    pub fn esperar(&self) -> bool {
        let mut c = self.cuentas.lock();
        c.llegados += 1;
        let lider = c.llegados == self.n;
        if lider {
            self.cambio.notify_all();
        }
        while c.llegados < self.n {
            self.cambio.wait(&mut c);
        }
        c.salidos += 1;
        if c.salidos == self.n {
            *c = Cuentas::default();
        }
        lider
    }
}
