//! Error: trozos de `len.div_ceil(hilos)` elementos con `chunks`. Parece correcto, pero con
//! 4 elementos y 3 hilos salen trozos de 2 + 2: solo trabajan 2 hilos de los 3 pedidos.
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
        let hs: Vec<_> = datos
            .chunks(tam)
            .map(|t| s.spawn(move || suma_secuencial(t)))
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).sum()
    }))
}
