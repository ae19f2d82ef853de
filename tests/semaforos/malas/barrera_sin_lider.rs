//! Error: la barrera espera bien, pero `esperar` devuelve siempre `false`: ningún hilo sabe
//! que es el último en llegar (el que debería, por ejemplo, preparar la ronda siguiente).
//!
//! Debe fallar: explorar_barrera_reutilizable, una_barrera_de_un_hilo_no_espera
//! Motivo de explorar_barrera_reutilizable: debe hacerlo en exactamente uno
//! Motivo de una_barrera_de_un_hilo_no_espera: debe volver en el acto y ser el líder

#[allow(dead_code)]
#[path = "../../../solutions/semaforos/src/lib.rs"]
mod correcta;
pub use correcta::*;

pub struct Barrera(correcta::Barrera);

impl Barrera {
    pub fn new(n: usize) -> Self {
        Self(correcta::Barrera::new(n))
    }

    pub fn esperar(&self) -> bool {
        self.0.esperar();
        false
    }
}
