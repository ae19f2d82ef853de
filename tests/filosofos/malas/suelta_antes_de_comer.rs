//! Error: `if mesa.derecho(f).intentar_tomar(f).is_some()` comprueba que el tenedor
//! derecho estaba libre, pero el `EnMano` que devuelve no se guarda en ninguna variable: se
//! destruye en el acto y el tenedor vuelve a la mesa. El filósofo come con un solo tenedor,
//! y su vecino puede comer a la vez con el otro extremo del mismo.
//!
//! Debe fallar: cada_version_come_con_dos_tenedores_y_los_suelta, explorar_intentos_sin_interbloqueo
//! Motivo: Hay que comer con los dos tenedores tomados

#[allow(dead_code)]
#[path = "../../../solutions/filosofos/src/lib.rs"]
mod correcta;
pub use correcta::*;
use sincro::{azar, thread};

pub struct ConIntentos;

impl Protocolo for ConIntentos {
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R {
        loop {
            let izquierdo = mesa.izquierdo(filosofo).tomar(filosofo);
            if mesa.derecho(filosofo).intentar_tomar(filosofo).is_some() {
                let _izquierdo = izquierdo;
                return comida();
            }
            drop(izquierdo);
            for _ in 0..azar::numero(0..8) {
                thread::yield_now();
            }
        }
    }
}
