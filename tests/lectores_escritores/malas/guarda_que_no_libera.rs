//! Error: la guarda de escritura no sale del cerrojo al destruirse (como un `Drop` vacío).
//! Tras la primera escritura, el cerrojo cree que sigue habiendo un escritor dentro: nadie
//! más entra nunca, tampoco tras un pánico.
//!
//! Debe fallar: una_traza_de_un_solo_hilo, las_guardas_salen_del_cerrojo_al_destruirse, la_guarda_sale_aunque_el_hilo_entre_en_panico
//! Motivo de una_traza_de_un_solo_hilo: posible interbloqueo
//! Motivo de las_guardas_salen_del_cerrojo_al_destruirse: el Drop de la guarda debe sacar al escritor
//! Motivo de la_guarda_sale_aunque_el_hilo_entre_en_panico: las guardas deben salir del cerrojo al destruirse

#[allow(dead_code)]
#[path = "../../../solutions/lectores_escritores/src/lib.rs"]
mod correcta;
pub use correcta::*;
use std::mem::ManuallyDrop;
use std::ops::{Deref, DerefMut};

pub struct CerrojoLE<T>(correcta::CerrojoLE<T>);

pub struct GuardaEscritura<'a, T>(ManuallyDrop<correcta::GuardaEscritura<'a, T>>);

impl<T> CerrojoLE<T> {
    pub fn new(valor: T, politica: Politica) -> Self {
        Self(correcta::CerrojoLE::new(valor, politica))
    }

    pub fn politica(&self) -> Politica {
        self.0.politica()
    }

    pub fn leer(&self) -> GuardaLectura<'_, T> {
        self.0.leer()
    }

    pub fn escribir(&self) -> GuardaEscritura<'_, T> {
        // Nunca se ejecuta el `Drop` de la guarda de verdad.
        GuardaEscritura(ManuallyDrop::new(self.0.escribir()))
    }

    pub fn foto(&self) -> Foto {
        self.0.foto()
    }

    pub fn into_inner(self) -> T {
        self.0.into_inner()
    }
}

impl<T> Deref for GuardaEscritura<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for GuardaEscritura<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}
