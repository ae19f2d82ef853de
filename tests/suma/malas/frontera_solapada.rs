//! Error: cada trozo incluye el primer elemento del siguiente (un rango `..=` donde iba
//! `..`), así que los elementos de las fronteras se suman dos veces.
//!
//! Debe fallar: suma_hilos_lee_cada_elemento_exactamente_una_vez, suma_hilos_coincide_con_la_secuencial

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
    if datos.is_empty() {
        return Ok(0);
    }
    let tam = datos.len().div_ceil(hilos);
    let trozos = datos.len().div_ceil(tam);
    Ok(std::thread::scope(|s| {
        let hs: Vec<_> = (0..trozos)
            .map(|i| {
                let fin = ((i + 1) * tam).min(datos.len() - 1);
                s.spawn(move || suma_secuencial(&datos[i * tam..=fin]))
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).sum()
    }))
}
