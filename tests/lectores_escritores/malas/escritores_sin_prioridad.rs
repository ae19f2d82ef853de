//! Error: la preferencia por escritores es en realidad preferencia por lectores: un escritor
//! que espera no cierra la puerta a los lectores nuevos, y un flujo continuo de lectores lo
//! deja en inanición.
//!
//! Debe fallar: el_escritor_no_pasa_hambre_con_preferencia_de_escritores, con_preferencia_de_escritores_el_escritor_pasa_antes
//! Motivo de el_escritor_no_pasa_hambre_con_preferencia_de_escritores: inanición del escritor
//! Motivo de con_preferencia_de_escritores_el_escritor_pasa_antes: un escritor que espera cierra la puer

#[allow(dead_code)]
#[path = "../../../solutions/lectores_escritores/src/lib.rs"]
mod correcta;
pub use correcta::*;

pub struct CerrojoLE<T>(correcta::CerrojoLE<T>, Politica);

impl<T> CerrojoLE<T> {
    pub fn new(valor: T, politica: Politica) -> Self {
        let real = match politica {
            Politica::Escritores => Politica::Lectores,
            otra => otra,
        };
        Self(correcta::CerrojoLE::new(valor, real), politica)
    }

    pub fn politica(&self) -> Politica {
        self.1
    }

    pub fn leer(&self) -> GuardaLectura<'_, T> {
        self.0.leer()
    }

    pub fn escribir(&self) -> GuardaEscritura<'_, T> {
        self.0.escribir()
    }

    pub fn foto(&self) -> Foto {
        self.0.foto()
    }

    pub fn into_inner(self) -> T {
        self.0.into_inner()
    }
}
