//! El reparto por tareas.

use std::collections::VecDeque;
use std::sync::Mutex;

use crate::ErrorSuma;

pub fn sumas_por_tarea<F>(tareas: &[u64], hilos: usize, valor: F) -> Result<Vec<u128>, ErrorSuma>
where
    F: Fn(u64) -> u64 + Sync,
{
    if hilos == 0 {
        return Err(ErrorSuma::CeroHilos);
    }
    let cola = Mutex::new((0..tareas.len()).collect::<VecDeque<usize>>());
    let resultados = Mutex::new(vec![0u128; tareas.len()]);
    std::thread::scope(|s| {
        for _ in 0..hilos.min(tareas.len()) {
            s.spawn(|| {
                loop {
                    let Some(i) = cola.lock().unwrap().pop_front() else {
                        break;
                    };
                    let mut suma = 0u128;
                    for k in 1..=tareas[i] {
                        suma += u128::from(valor(k));
                    }
                    resultados.lock().unwrap()[i] = suma;
                }
            });
        }
    });
    Ok(resultados.into_inner().unwrap())
}
