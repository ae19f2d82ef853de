//! Error: el camarero deja sentarse a los `n` filósofos. Con la mesa llena, los cinco
//! pueden tomar su tenedor izquierdo a la vez y esperar el derecho para siempre: el
//! camarero no impide el ciclo, solo lo ordena.
//!
//! Debe fallar: explorar_camarero_sin_interbloqueo, explorar_el_camarero_sienta_como_mucho_a_n_menos_1, el_camarero_sienta_a_n_menos_1_y_hace_esperar_al_siguiente
//! Motivo de explorar_camarero_sin_interbloqueo: interbloqueo: todos los hilos esperan
//! Motivo de explorar_el_camarero_sienta_como_mucho_a_n_menos_1: sillas libres al final
//! Motivo de el_camarero_sienta_a_n_menos_1_y_hace_esperar_al_siguiente: debe dejar como mucho 4 sentados

#[allow(dead_code)]
#[path = "../../../solutions/filosofos/src/lib.rs"]
mod correcta;
pub use correcta::*;

pub struct Camarero(correcta::Camarero);

impl Camarero {
    pub fn new(filosofos: usize) -> Self {
        // Una silla por filósofo: ¿qué podría salir mal?
        Self(correcta::Camarero::new(filosofos + 1))
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
        let _derecho = mesa.derecho(filosofo).tomar(filosofo);
        comida()
    }
}
