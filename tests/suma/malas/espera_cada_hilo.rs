//! Error: espera a cada hilo (`join`) nada más lanzarlo. Hay varios hilos, pero nunca
//! trabajan a la vez: la suma es secuencial con un coste extra.
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
    if datos.is_empty() {
        return Ok(0);
    }
    let tam = datos.len().div_ceil(hilos);
    Ok(std::thread::scope(|s| {
        datos
            .chunks(tam)
            .map(|trozo| s.spawn(move || suma_secuencial(trozo)).join().unwrap())
            .sum()
    }))
}
