//! Correcta, aunque distinta de la referencia: la versión de libro, sin contar quién
//! espera. Avisa con `notify_one` en cada envío y en cada recepción, haya quien espere o no
//! (más llamadas al sistema, igual de correcta). La suite debe aceptarla.

#[allow(dead_code)]
#[path = "../../../solutions/productor_consumidor/src/lib.rs"]
mod correcta;
pub use correcta::*;
#[path = "../comun/programa_con_buffer.rs"]
mod programa;
pub use programa::con_buffer;
use sincro::{Condvar, Mutex};
use std::collections::VecDeque;

struct Estado<T> {
    cola: VecDeque<T>,
    cerrado: bool,
}

pub struct Buffer<T> {
    capacidad: usize,
    estado: Mutex<Estado<T>>,
    hay_sitio: Condvar,
    hay_datos: Condvar,
}

impl<T> Buffer<T> {
    pub fn new(capacidad: usize) -> Self {
        assert!(
            capacidad > 0,
            "la capacidad de un Buffer debe ser al menos 1"
        );
        Self {
            capacidad,
            estado: Mutex::new(Estado {
                cola: VecDeque::new(),
                cerrado: false,
            }),
            hay_sitio: Condvar::new(),
            hay_datos: Condvar::new(),
        }
    }

    pub fn capacidad(&self) -> usize {
        self.capacidad
    }

    pub fn ocupados(&self) -> usize {
        self.estado.lock().cola.len()
    }

    pub fn esta_cerrado(&self) -> bool {
        self.estado.lock().cerrado
    }

    pub fn enviar(&self, elemento: T) -> Result<(), ErrorEnvio<T>> {
        let mut estado = self.estado.lock();
        while estado.cola.len() >= self.capacidad && !estado.cerrado {
            self.hay_sitio.wait(&mut estado);
        }
        if estado.cerrado {
            return Err(ErrorEnvio(elemento));
        }
        estado.cola.push_back(elemento);
        self.hay_datos.notify_one();
        Ok(())
    }

    pub fn recibir(&self) -> Option<T> {
        let mut estado = self.estado.lock();
        while estado.cola.is_empty() && !estado.cerrado {
            self.hay_datos.wait(&mut estado);
        }
        let elemento = estado.cola.pop_front();
        if elemento.is_some() {
            self.hay_sitio.notify_one();
        }
        elemento
    }

    pub fn cerrar(&self) {
        let mut estado = self.estado.lock();
        estado.cerrado = true;
        self.hay_datos.notify_all();
        self.hay_sitio.notify_all();
    }
}
