//! Error: el de Python, traducido a Rust. Cada hilo añade sus datos a su propia copia de la
//! lista (como cada proceso a su copia de la variable global) y la lista original se queda
//! vacía. Compila sin quejas porque aquí copiar es explícito: `clone()`.
//!
//! Debe fallar: recurso_compartido_recoge_los_datos_de_todos, explorar_recurso_compartido
//! Motivo de recurso_compartido_recoge_los_datos_de_todos: no coincide con la instantánea oficial
//! Motivo de explorar_recurso_compartido: la lista compartida tras tres procesos

#[allow(dead_code)]
#[path = "../../../solutions/semaforos/src/lib.rs"]
mod correcta;
pub use correcta::*;

pub fn recurso_compartido(procesos: usize) -> Vec<String> {
    let semaforo = Semaforo::new(1);
    let lista: Vec<String> = Vec::new();
    sincro::thread::scope(|s| {
        for i in 1..=procesos {
            let (semaforo, mut copia) = (&semaforo, lista.clone());
            s.spawn(move || {
                let _permiso = semaforo.adquirir();
                copia.push(format!("Datos del proceso {i}"));
            });
        }
    });
    lista
}
