//! Error: "suma en paralelo" en el hilo que llama. El resultado es correcto, pero no hay
//! paralelismo alguno.
//!
//! Debe fallar: suma_hilos_usa_tantos_hilos_como_se_piden

#[allow(dead_code)]
#[path = "../../../solutions/suma/src/lib.rs"]
mod correcta;
pub use correcta::{ErrorSuma, suma_rayon, suma_secuencial, sumas_por_tarea};

pub fn suma_hilos<T: Copy + Into<u64> + Sync>(
    datos: &[T],
    hilos: usize,
) -> Result<u128, ErrorSuma> {
    if hilos == 0 {
        return Err(ErrorSuma::CeroHilos);
    }
    Ok(suma_secuencial(datos))
}
