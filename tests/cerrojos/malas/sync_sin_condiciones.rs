//! Error: los dos cerrojos prometen ser `Sync` para cualquier `T` (`unsafe impl<T> Sync`),
//! sin exigir `T: Send`. Compila, y el compilador deja de proteger a quien los usa: un
//! `CerrojoGiro<Rc<u8>>` compartido entre hilos permitiría clonar el `Rc` en un hilo y
//! soltarlo en otro, con su contador no atómico. La suite lo comprueba con tipos concretos.
//!
//! Debe fallar: el_cerrojo_de_giro_es_sync_solo_si_el_dato_es_send, el_cerrojo_de_tiques_es_sync_solo_si_el_dato_es_send

#[allow(dead_code)]
#[path = "../../../solutions/cerrojos/src/lib.rs"]
mod correcta;
pub use correcta::{Banco, ErrorTransferencia, Guarda, GuardaTiques, Reservas};

pub struct CerrojoGiro<T>(correcta::CerrojoGiro<T>);

// ✗ Sin condición sobre T.
unsafe impl<T> Sync for CerrojoGiro<T> {}

impl<T> CerrojoGiro<T> {
    pub fn new(valor: T) -> Self {
        Self(correcta::CerrojoGiro::new(valor))
    }

    pub fn adquirir(&self) -> Guarda<'_, T> {
        self.0.adquirir()
    }

    pub fn intentar_adquirir(&self) -> Option<Guarda<'_, T>> {
        self.0.intentar_adquirir()
    }

    pub fn into_inner(self) -> T {
        self.0.into_inner()
    }
}

pub struct CerrojoTiques<T>(correcta::CerrojoTiques<T>);

// ✗ Sin condición sobre T.
unsafe impl<T> Sync for CerrojoTiques<T> {}

impl<T> CerrojoTiques<T> {
    pub fn new(valor: T) -> Self {
        Self(correcta::CerrojoTiques::new(valor))
    }

    pub fn adquirir(&self) -> GuardaTiques<'_, T> {
        self.0.adquirir()
    }

    pub fn turnos_esperando(&self) -> usize {
        self.0.turnos_esperando()
    }

    pub fn into_inner(self) -> T {
        self.0.into_inner()
    }
}
