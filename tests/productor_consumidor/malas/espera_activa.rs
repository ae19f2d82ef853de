//! Error: el consumidor espera activamente. En lugar de dormir en la variable de condición,
//! suelta el cerrojo, cede el procesador y vuelve a mirar, una y otra vez: no pierde
//! elementos, pero quema un núcleo entero mientras el búfer está vacío.
//!
//! Debe fallar: un_consumidor_con_el_buffer_vacio_duerme

#[allow(dead_code)]
#[path = "../../../solutions/productor_consumidor/src/lib.rs"]
mod correcta;
pub use correcta::{Elemento, ErrorEnvio, Programa, con_crossbeam, con_sync_channel};
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
        loop {
            let mut estado = self.estado.lock();
            if let Some(elemento) = estado.cola.pop_front() {
                self.hay_sitio.notify_one();
                return Some(elemento);
            }
            if estado.cerrado {
                return None;
            }
            drop(estado);
            sincro::thread::yield_now();
        }
    }

    pub fn cerrar(&self) {
        let mut estado = self.estado.lock();
        estado.cerrado = true;
        self.hay_datos.notify_all();
        self.hay_sitio.notify_all();
    }
}
