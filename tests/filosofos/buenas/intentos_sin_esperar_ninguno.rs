//! Correcta, aunque distinta de la referencia: intenta los dos tenedores sin esperar
//! ninguno (`intentar_tomar` también el izquierdo) y, si falla, cede el procesador un número
//! de veces al azar, sin que la espera crezca. La suite debe aceptarla.
//!
//! (Dormir un tiempo al azar con `thread::sleep` no valdría: al explorar planificaciones el
//! reloj no corre, todas las esperas duran lo mismo y la simetría no se rompe.)

#[allow(dead_code)]
#[path = "../../../solutions/filosofos/src/lib.rs"]
mod correcta;
pub use correcta::*;
use sincro::{azar, thread};

pub struct ConIntentos;

impl Protocolo for ConIntentos {
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R {
        loop {
            if let Some(izquierdo) = mesa.izquierdo(filosofo).intentar_tomar(filosofo) {
                if let Some(_derecho) = mesa.derecho(filosofo).intentar_tomar(filosofo) {
                    let _izquierdo = izquierdo;
                    return comida();
                }
            }
            for _ in 0..azar::numero(0..16) {
                thread::yield_now();
            }
        }
    }
}
