//! Error: el camarero no atiende por orden de llegada: cuando queda una silla libre, se la
//! da al filósofo de número más bajo que esté esperando. Nunca hay interbloqueo, pero el de
//! número más alto solo se sienta si ningún otro espera, y con filósofos que vuelven a tener
//! hambre enseguida, eso no pasa nunca: inanición.
//!
//! Debe fallar: explorar_el_camarero_no_deja_a_nadie_sin_comer
//! Motivo: no había comido ni una vez

#[allow(dead_code)]
#[path = "../../../solutions/filosofos/src/lib.rs"]
mod correcta;
pub use correcta::*;
use sincro::{Condvar, Mutex};
use std::collections::BTreeSet;

struct Sala {
    libres: usize,
    esperando: BTreeSet<usize>,
}

pub struct Camarero {
    sala: Mutex<Sala>,
    cambio: Condvar,
}

pub struct Silla<'a> {
    camarero: &'a Camarero,
}

impl Camarero {
    pub fn new(filosofos: usize) -> Self {
        Self {
            sala: Mutex::new(Sala {
                libres: filosofos.saturating_sub(1).max(1),
                esperando: BTreeSet::new(),
            }),
            cambio: Condvar::new(),
        }
    }

    pub fn sentarse(&self, filosofo: usize) -> Silla<'_> {
        let mut sala = self.sala.lock();
        sala.esperando.insert(filosofo);
        // Se sienta si hay silla y nadie de número menor espera.
        while sala.libres == 0 || sala.esperando.first() != Some(&filosofo) {
            self.cambio.wait(&mut sala);
        }
        sala.esperando.remove(&filosofo);
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
