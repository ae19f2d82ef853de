//! Error: en la versión con intentos, el segundo tenedor también se toma esperando
//! (`tomar` en lugar de `intentar_tomar`). Entonces nadie suelta lo que tiene mientras
//! espera, y vuelve a ser la versión ingenua: puede interbloquearse.
//!
//! Debe fallar: explorar_intentos_sin_interbloqueo
//! Motivo: interbloqueo: todos los hilos esperan

#[allow(dead_code)]
#[path = "../../../solutions/filosofos/src/lib.rs"]
mod correcta;
pub use correcta::*;

pub struct ConIntentos;

impl Protocolo for ConIntentos {
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R {
        let _izquierdo = mesa.izquierdo(filosofo).tomar(filosofo);
        let _derecho = mesa.derecho(filosofo).tomar(filosofo);
        comida()
    }
}
