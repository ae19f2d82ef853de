// Compartir estado con punteros crudos: el detector de carreras no ve esos accesos.
pub struct Contador {
    valor: *mut usize,
}

pub fn sumar(c: &Contador) -> usize {
    let p = &raw const c.valor;
    p as usize
}
