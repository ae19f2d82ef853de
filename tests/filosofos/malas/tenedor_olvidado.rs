//! Error: el camarero come bien, pero al terminar «guarda» el tenedor derecho con
//! `std::mem::forget`, que destruye el `EnMano` sin ejecutar su `Drop`: el tenedor no vuelve
//! nunca a la mesa, y el vecino que lo necesite lo esperará para siempre.
//!
//! Debe fallar: cada_version_come_con_dos_tenedores_y_los_suelta, explorar_camarero_sin_interbloqueo
//! Motivo: los tenedores se sueltan al acabar

#[allow(dead_code)]
#[path = "../../../solutions/filosofos/src/lib.rs"]
mod correcta;
pub use correcta::*;

pub struct Camarero(correcta::Camarero);

impl Camarero {
    pub fn new(filosofos: usize) -> Self {
        Self(correcta::Camarero::new(filosofos))
    }

    pub fn sentarse(&self, filosofo: usize) -> Silla<'_> {
        self.0.sentarse(filosofo)
    }

    pub fn libres(&self) -> usize {
        self.0.libres()
    }
}

impl Protocolo for Camarero {
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R {
        let _silla = self.sentarse(filosofo);
        let _izquierdo = mesa.izquierdo(filosofo).tomar(filosofo);
        let derecho = mesa.derecho(filosofo).tomar(filosofo);
        let resultado = comida();
        std::mem::forget(derecho);
        resultado
    }
}
