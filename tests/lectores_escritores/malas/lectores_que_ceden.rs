//! Error: la preferencia por lectores es en realidad justa: un lector nuevo espera al escritor
//! que espera aunque solo haya lectores dentro. Nadie pasa hambre, pero no es lo que la
//! política promete: un lector solo espera si hay un escritor dentro.
//!
//! Debe fallar: con_preferencia_de_lectores_el_lector_no_espera_al_escritor
//! Motivo: el lector 2 entra en el acto

#[allow(dead_code)]
#[path = "../../../solutions/lectores_escritores/src/lib.rs"]
mod correcta;
pub use correcta::*;

pub struct CerrojoLE<T>(correcta::CerrojoLE<T>, Politica);

impl<T> CerrojoLE<T> {
    pub fn new(valor: T, politica: Politica) -> Self {
        let real = match politica {
            Politica::Lectores => Politica::Justa,
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
