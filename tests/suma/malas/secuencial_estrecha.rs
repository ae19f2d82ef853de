//! Error: la suma secuencial acumula en un `u64` y solo convierte el total a `u128`.
//!
//! Debe fallar: suma_secuencial_no_se_desborda

#[allow(dead_code)]
#[path = "../../../solutions/suma/src/lib.rs"]
mod correcta;
pub use correcta::{ErrorSuma, suma_hilos, suma_rayon, sumas_por_tarea};

pub fn suma_secuencial<T: Copy + Into<u64>>(datos: &[T]) -> u128 {
    u128::from(
        datos
            .iter()
            .fold(0u64, |acc, &x| acc.wrapping_add(x.into())),
    )
}
