//! Error: reparte las tareas por adelantado en bloques contiguos, uno por hilo. Si la
//! tarea larga cae con otras en el mismo bloque, los demás hilos se quedan ociosos.
//!
//! Debe fallar: sumas_por_tarea_reparte_la_carga_dinamicamente
//! Motivo: las tareas se repartieron por adelantado

#[allow(dead_code)]
#[path = "../../../solutions/suma/src/lib.rs"]
mod correcta;
pub use correcta::*;

pub fn sumas_por_tarea<F: Fn(u64) -> u64 + Sync>(
    tareas: &[u64],
    hilos: usize,
    valor: F,
) -> Result<Vec<u128>, ErrorSuma> {
    if hilos == 0 {
        return Err(ErrorSuma::CeroHilos);
    }
    if tareas.is_empty() {
        return Ok(Vec::new());
    }
    let tam = tareas.len().div_ceil(hilos);
    let valor = &valor;
    Ok(std::thread::scope(|s| {
        let hs: Vec<_> = tareas
            .chunks(tam)
            .map(|bloque| {
                s.spawn(move || {
                    bloque
                        .iter()
                        .map(|&n| (1..=n).map(|k| u128::from(valor(k))).sum::<u128>())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        hs.into_iter().flat_map(|h| h.join().unwrap()).collect()
    }))
}
