//! Error: los trozos miden `len / hilos` (redondeo hacia abajo), así que los últimos
//! `len % hilos` elementos no se suman nunca.
//!
//! Debe fallar: suma_hilos_lee_cada_elemento_exactamente_una_vez

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
    let tam = datos.len() / hilos;
    Ok(std::thread::scope(|s| {
        let hs: Vec<_> = (0..hilos)
            .map(|i| s.spawn(move || suma_secuencial(&datos[i * tam..(i + 1) * tam])))
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).sum()
    }))
}
