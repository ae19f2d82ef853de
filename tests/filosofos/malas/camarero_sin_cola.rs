//! Error: el camarero solo cuenta sillas libres, sin orden de llegada: se sienta quien
//! encuentre una silla libre al mirar. Un filósofo que se levanta y vuelve a pedir sitio
//! enseguida puede quitársela una y otra vez al que llevaba rato esperando: inanición.
//!
//! Debe fallar: explorar_el_camarero_no_deja_a_nadie_sin_comer
//! Motivo: no había comido ni una vez

#[allow(dead_code)]
#[path = "../../../solutions/filosofos/src/lib.rs"]
mod correcta;
pub use correcta::*;
use sincro::{Condvar, Mutex};

pub struct Camarero {
    libres: Mutex<usize>,
    cambio: Condvar,
}

pub struct Silla<'a> {
    camarero: &'a Camarero,
}

impl Camarero {
    pub fn new(filosofos: usize) -> Self {
        Self {
            libres: Mutex::new(filosofos.saturating_sub(1).max(1)),
            cambio: Condvar::new(),
        }
    }

    pub fn sentarse(&self, _filosofo: usize) -> Silla<'_> {
        let mut libres = self.libres.lock();
        while *libres == 0 {
            self.cambio.wait(&mut libres);
        }
        *libres -= 1;
        Silla { camarero: self }
    }

    pub fn libres(&self) -> usize {
        *self.libres.lock()
    }
}

impl Drop for Silla<'_> {
    fn drop(&mut self) {
        *self.camarero.libres.lock() += 1;
        self.camarero.cambio.notify_one();
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
