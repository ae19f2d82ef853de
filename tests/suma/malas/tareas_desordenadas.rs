//! Error: devuelve los resultados en el orden en que acaban las tareas, no en el de
//! `tareas`.
//!
//! Debe fallar: sumas_por_tarea_respeta_el_orden_de_las_tareas

#[allow(dead_code)]
#[path = "../../../solutions/suma/src/lib.rs"]
mod correcta;
pub use correcta::{ErrorSuma, suma_hilos, suma_rayon, suma_secuencial};

pub fn sumas_por_tarea<F: Fn(u64) -> u64 + Sync>(
    tareas: &[u64],
    hilos: usize,
    valor: F,
) -> Result<Vec<u128>, ErrorSuma> {
    let mut resultados = correcta::sumas_por_tarea(tareas, hilos, valor)?;
    // Como si acabaran antes las tareas más cortas.
    resultados.sort_unstable();
    Ok(resultados)
}
