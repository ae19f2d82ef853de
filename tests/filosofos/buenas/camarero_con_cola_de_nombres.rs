//! Correcta, aunque distinta de la referencia: el camarero guarda en una cola quién espera
//! (en lugar de dar números) y sienta siempre al primero de la cola si hay silla. Es el
//! mismo orden de llegada: la suite debe aceptarla.

#[allow(dead_code)]
#[path = "../../../solutions/filosofos/src/lib.rs"]
mod correcta;
pub use correcta::*;
use sincro::{Condvar, Mutex};
use std::collections::VecDeque;

struct Sala {
    libres: usize,
    cola: VecDeque<usize>,
}

pub struct Camarero {
    sala: Mutex<Sala>,
    cambio: Condvar,
}

#[must_use]
pub struct Silla<'a> {
    camarero: &'a Camarero,
}

impl Camarero {
    pub fn new(filosofos: usize) -> Self {
        Self {
            sala: Mutex::new(Sala {
                libres: filosofos.saturating_sub(1).max(1),
                cola: VecDeque::new(),
            }),
            cambio: Condvar::new(),
        }
    }

    pub fn sentarse(&self, filosofo: usize) -> Silla<'_> {
        let mut sala = self.sala.lock();
        sala.cola.push_back(filosofo);
        self.cambio.wait_while(&mut sala, |s| {
            s.libres == 0 || s.cola.front() != Some(&filosofo)
        });
        sala.cola.pop_front();
        sala.libres -= 1;
        self.cambio.notify_all();
        Silla { camarero: self }
    }

    pub fn libres(&self) -> usize {
        self.sala.lock().libres
    }
}

impl Drop for Silla<'_> {
    fn drop(&mut self) {
        self.camarero.sala.lock().libres += 1;
        self.camarero.cambio.notify_all();
    }
}

impl Protocolo for Camarero {
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R {
        let _silla = self.sentarse(filosofo);
        let _izquierdo = mesa.izquierdo(filosofo).tomar(filosofo);
        let _derecho = mesa.derecho(filosofo).tomar(filosofo);
        comida()
    }
}
