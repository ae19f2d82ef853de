//! Números al azar que la exploración de planificaciones controla.
//!
//! Un reintento con espera aleatoria (por ejemplo, el de los filósofos que sueltan el tenedor
//! y lo vuelven a intentar) necesita azar. Con hilos reales, un generador sencillo local de
//! cada hilo basta. Al explorar, el azar tiene que salir del planificador de shuttle: así
//! una planificación que falla se repite exactamente, con los mismos números.

use crate::modo::explorando;
use std::cell::Cell;
use std::ops::Range;

thread_local! {
    static ESTADO: Cell<u64> = Cell::new(semilla());
}

/// Un número al azar en `rango` (el final no se incluye), como `rand::Rng::gen_range`.
///
/// Entra en pánico si el rango está vacío.
pub fn numero(rango: Range<u64>) -> u64 {
    assert!(
        rango.start < rango.end,
        "azar::numero: el rango {rango:?} está vacío"
    );
    if explorando() {
        use shuttle::rand::Rng;
        shuttle::rand::thread_rng().gen_range(rango)
    } else {
        rango.start + siguiente() % (rango.end - rango.start)
    }
}

/// xorshift64*: rápido, sin dependencias y de sobra para repartir esperas.
fn siguiente() -> u64 {
    ESTADO.with(|estado| {
        let mut x = estado.get();
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        estado.set(x);
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    })
}

/// Una semilla distinta en cada hilo y en cada ejecución del programa (nunca cero).
fn semilla() -> u64 {
    use std::hash::BuildHasher;
    std::collections::hash_map::RandomState::new().hash_one(std::thread::current().id()) | 1
}

#[cfg(test)]
mod pruebas {
    use super::numero;

    #[test]
    fn los_numeros_caen_dentro_del_rango_y_varian() {
        let vistos: std::collections::HashSet<u64> = (0..1000).map(|_| numero(3..8)).collect();
        assert!(vistos.iter().all(|v| (3..8).contains(v)));
        assert_eq!(
            vistos.len(),
            5,
            "en 1000 tiradas deberían salir los 5 valores"
        );
    }
}
