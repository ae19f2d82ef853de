//! Carga de CPU de fondo para `cargo curso verificar --con-carga`: las pruebas deben dar el
//! mismo veredicto con los núcleos ocupados por otros programas.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

/// Un hilo girando por núcleo, hasta que se suelta.
pub struct Carga {
    parar: Arc<AtomicBool>,
    hilos: Vec<JoinHandle<()>>,
}

impl Carga {
    pub fn iniciar() -> Self {
        let nucleos = std::thread::available_parallelism().map_or(2, |n| n.get());
        let parar = Arc::new(AtomicBool::new(false));
        let hilos = (0..nucleos)
            .map(|_| {
                let parar = Arc::clone(&parar);
                std::thread::spawn(move || {
                    while !parar.load(Ordering::Relaxed) {
                        std::hint::spin_loop();
                    }
                })
            })
            .collect();
        println!("(carga de fondo: {nucleos} hilos girando)");
        Carga { parar, hilos }
    }
}

impl Drop for Carga {
    fn drop(&mut self) {
        self.parar.store(true, Ordering::Relaxed);
        for hilo in self.hilos.drain(..) {
            let _ = hilo.join();
        }
    }
}
