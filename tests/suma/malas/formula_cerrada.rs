//! Error: un atajo con la fórmula de Gauss, n(n + 1) / 2, en lugar de sumar los términos.
//! Solo acierta cuando `valor` es la identidad, y no hace el trabajo que se mide.
//!
//! Debe fallar: sumas_por_tarea_llama_a_valor_una_vez_por_termino

#[allow(dead_code)]
#[path = "../../../solutions/suma/src/lib.rs"]
mod correcta;
pub use correcta::{ErrorSuma, suma_hilos, suma_rayon, suma_secuencial};

pub fn sumas_por_tarea<F: Fn(u64) -> u64 + Sync>(
    tareas: &[u64],
    hilos: usize,
    valor: F,
) -> Result<Vec<u128>, ErrorSuma> {
    let _ = valor;
    if hilos == 0 {
        return Err(ErrorSuma::CeroHilos);
    }
    Ok(tareas
        .iter()
        .map(|&n| u128::from(n) * (u128::from(n) + 1) / 2)
        .collect())
}
