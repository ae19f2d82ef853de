//! Error: leer toma el cerrojo en exclusiva, como si fuera escribir. Es correcto (nunca hay
//! un escritor acompañado) pero los lectores ya no leen a la vez, que era todo el propósito:
//! es un `Mutex` con otro nombre.
//!
//! Debe fallar: los_lectores_leen_a_la_vez, con_preferencia_de_lectores_el_lector_no_espera_al_escritor
//! Motivo de los_lectores_leen_a_la_vez: el cerrojo los hace leer de uno en uno
//! Motivo de con_preferencia_de_lectores_el_lector_no_espera_al_escritor: que el lector 2 entre o espere, y nunca lo vio

#[allow(dead_code)]
#[path = "../../../solutions/lectores_escritores/src/lib.rs"]
mod correcta;
pub use correcta::*;
use std::ops::Deref;

pub struct CerrojoLE<T>(correcta::CerrojoLE<T>);

pub struct GuardaLectura<'a, T>(correcta::GuardaEscritura<'a, T>);

impl<T> CerrojoLE<T> {
    pub fn new(valor: T, politica: Politica) -> Self {
        Self(correcta::CerrojoLE::new(valor, politica))
    }

    pub fn politica(&self) -> Politica {
        self.0.politica()
    }

    pub fn leer(&self) -> GuardaLectura<'_, T> {
        GuardaLectura(self.0.escribir())
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

impl<T> Deref for GuardaLectura<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
