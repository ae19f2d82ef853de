//! En «suma» no se exploran planificaciones: std es lo que se enseña.
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

pub fn suma_paralela(datos: &[u64], hilos: usize) -> u64 {
    let total = Arc::new(Mutex::new(0u64));
    let cuenta = AtomicU64::new(0);
    std::thread::scope(|s| {
        for trozo in datos.chunks(datos.len().div_ceil(hilos.max(1)).max(1)) {
            let total = Arc::clone(&total);
            let cuenta = &cuenta;
            s.spawn(move || {
                let parcial: u64 = trozo.iter().sum();
                cuenta.fetch_add(1, Ordering::Relaxed);
                *total.lock().unwrap() += parcial;
            });
        }
    });
    let resultado = *total.lock().unwrap();
    resultado
}
