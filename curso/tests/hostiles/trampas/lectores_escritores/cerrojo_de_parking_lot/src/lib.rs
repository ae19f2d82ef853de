// Un cerrojo de lectura y escritura hecho: ni el planificador ni el detector lo ven.
use parking_lot::RwLock;

pub struct Recurso<T> {
    dato: RwLock<T>,
}
