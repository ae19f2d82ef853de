//! Error: `iter()` donde iba `par_iter()`. El total es correcto, pero rayon no reparte nada.
//!
//! Debe fallar: suma_rayon_reparte_entre_varios_hilos

#[allow(dead_code)]
#[path = "../../../solutions/suma/src/lib.rs"]
mod correcta;
pub use correcta::{ErrorSuma, suma_hilos, suma_secuencial, sumas_por_tarea};

pub fn suma_rayon<T: Copy + Into<u64> + Sync>(datos: &[T]) -> u128 {
    datos.iter().map(|&x| u128::from(x.into())).sum()
}
