//! `UnsafeCell` con vigilancia: al explorar, cada acceso se comprueba contra el detector de
//! carreras de datos (ver el módulo `carreras`).

use crate::carreras::{self, Accesos};
use crate::modo::explorando;
use std::sync::Mutex;

/// Como `std::cell::UnsafeCell`: el dato que protege un cerrojo hecho a mano. Al explorar,
/// cada [`get`](Self::get) cuenta como un acceso (de lectura o escritura, da igual) y falla si
/// no está ordenado con los accesos anteriores de otros hilos.
pub struct UnsafeCell<T> {
    valor: std::cell::UnsafeCell<T>,
    /// En una caja para que, sin explorar, la celda ocupe solo un puntero más que el dato.
    accesos: Option<Box<Mutex<Accesos>>>,
}

impl<T> UnsafeCell<T> {
    pub fn new(valor: T) -> Self {
        let accesos = explorando().then(|| Box::new(Mutex::new(Accesos::default())));
        Self {
            valor: std::cell::UnsafeCell::new(valor),
            accesos,
        }
    }

    /// Un puntero al dato. Quien lo desreferencia debe garantizar la exclusión mutua (por eso
    /// es `unsafe` usarlo); al explorar, además, se comprueba que hay sincronización.
    pub fn get(&self) -> *mut T {
        if let Some(accesos) = &self.accesos {
            if let Some(informe) = carreras::acceder(&mut accesos.lock().unwrap()) {
                panic!("{informe}");
            }
        }
        self.valor.get()
    }

    pub fn get_mut(&mut self) -> &mut T {
        self.valor.get_mut()
    }

    pub fn into_inner(self) -> T {
        self.valor.into_inner()
    }
}
