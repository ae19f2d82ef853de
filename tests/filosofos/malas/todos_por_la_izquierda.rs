//! Error: el «orden global» no es tal: cada filósofo toma primero su tenedor izquierdo y
//! después el derecho, como la versión ingenua. Si los cinco toman el izquierdo a la vez,
//! cada uno espera el tenedor que tiene su vecino: un ciclo de esperas, un interbloqueo.
//!
//! Debe fallar: explorar_en_orden_sin_interbloqueo, el_orden_global_empieza_por_el_tenedor_menor
//! Motivo de explorar_en_orden_sin_interbloqueo: interbloqueo: todos los hilos esperan
//! Motivo de el_orden_global_empieza_por_el_tenedor_menor: no coincide con la instantánea oficial

#[allow(dead_code)]
#[path = "../../../solutions/filosofos/src/lib.rs"]
mod correcta;
pub use correcta::*;

pub struct EnOrden;

impl Protocolo for EnOrden {
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R {
        let _primero = mesa.izquierdo(filosofo).tomar(filosofo);
        let _segundo = mesa.derecho(filosofo).tomar(filosofo);
        comida()
    }
}
