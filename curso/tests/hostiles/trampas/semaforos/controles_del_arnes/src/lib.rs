// El contrato con el arnés: el código del ejercicio no puede ni leerlo.
use contrato::variables;

pub fn en_la_suite() -> bool {
    !variables::EJERCICIO.is_empty()
}
