//! Error: cada hilo acumula en un `u64`. Con totales grandes el acumulador se desborda
//! (un pánico en depuración, un resultado falso en una compilación optimizada).
//!
//! Debe fallar: suma_hilos_no_se_desborda

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
            .map(|trozo| s.spawn(move || trozo.iter().map(|&x| x.into()).sum::<u64>()))
            .collect();
        hs.into_iter().map(|h| u128::from(h.join().unwrap())).sum()
    }))
}
