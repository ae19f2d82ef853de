//! Error: no comprueba `hilos == 0` y divide entre cero al calcular el tamaño del trozo.
//!
//! Debe fallar: suma_hilos_con_cero_hilos_es_un_error

#[allow(dead_code)]
#[path = "../../../solutions/suma/src/lib.rs"]
mod correcta;
pub use correcta::{ErrorSuma, suma_rayon, suma_secuencial, sumas_por_tarea};

pub fn suma_hilos<T: Copy + Into<u64> + Sync>(
    datos: &[T],
    hilos: usize,
) -> Result<u128, ErrorSuma> {
    let tam = datos.len().div_ceil(hilos).max(1);
    Ok(std::thread::scope(|s| {
        let hs: Vec<_> = datos
            .chunks(tam)
            .map(|t| s.spawn(move || suma_secuencial(t)))
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).sum()
    }))
}
