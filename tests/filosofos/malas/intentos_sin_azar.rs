//! Error: quien no consigue el segundo tenedor suelta el primero y lo vuelve a intentar
//! tras una espera **fija**. No hay interbloqueo, pero si todos avanzan al mismo paso, todos
//! toman el izquierdo, todos fallan el derecho, todos sueltan, todos esperan lo mismo... y
//! vuelta a empezar: un bloqueo activo. Los hilos trabajan sin parar y nadie come.
//!
//! Debe fallar: explorar_intentos_sin_bloqueo_activo
//! Motivo: bloqueo activo

#[allow(dead_code)]
#[path = "../../../solutions/filosofos/src/lib.rs"]
mod correcta;
pub use correcta::*;

pub struct ConIntentos;

impl Protocolo for ConIntentos {
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R {
        loop {
            let izquierdo = mesa.izquierdo(filosofo).tomar(filosofo);
            if let Some(_derecho) = mesa.derecho(filosofo).intentar_tomar(filosofo) {
                let _izquierdo = izquierdo;
                return comida();
            }
            drop(izquierdo);
            // La misma espera para todos: la simetría no se rompe nunca.
            for _ in 0..4 {
                sincro::thread::yield_now();
            }
        }
    }
}
