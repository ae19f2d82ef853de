//! Error: la política justa es en realidad preferencia por escritores: mientras algún escritor
//! espere, los lectores no entran, y un flujo continuo de escritores deja a un lector en
//! inanición (y los que llegan después adelantan a los que esperaban).
//!
//! Debe fallar: el_lector_no_pasa_hambre_con_politica_justa, con_politica_justa_se_entra_por_orden_de_llegada
//! Motivo de el_lector_no_pasa_hambre_con_politica_justa: el lector no llegó a entrar
//! Motivo de con_politica_justa_se_entra_por_orden_de_llegada: el lector llegó antes que el escritor 2

#[allow(dead_code)]
#[path = "../../../solutions/lectores_escritores/src/lib.rs"]
mod correcta;
pub use correcta::*;

pub struct CerrojoLE<T>(correcta::CerrojoLE<T>, Politica);

impl<T> CerrojoLE<T> {
    pub fn new(valor: T, politica: Politica) -> Self {
        let real = match politica {
            Politica::Justa => Politica::Escritores,
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
