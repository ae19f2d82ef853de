//! Error: `con_crossbeam` reparte clones del emisor a los productores pero no suelta el
//! original. El canal nunca se cierra: los consumidores vacían lo enviado y se quedan
//! esperando para siempre un elemento que no llegará.
//!
//! Debe fallar: con_crossbeam_entrega_todo_en_orden

#[allow(dead_code)]
#[path = "../../../solutions/productor_consumidor/src/lib.rs"]
mod correcta;
pub use correcta::{Buffer, Elemento, ErrorEnvio, Programa, con_buffer, con_sync_channel};

pub fn con_crossbeam(programa: Programa) -> Vec<Vec<Elemento>> {
    assert!(
        programa.consumidores > 0,
        "hace falta al menos un consumidor"
    );
    let (emisor, receptor) = crossbeam::channel::bounded(programa.capacidad);
    std::thread::scope(|s| {
        let consumidores: Vec<_> = (0..programa.consumidores)
            .map(|_| {
                let receptor = receptor.clone();
                s.spawn(move || receptor.iter().collect::<Vec<Elemento>>())
            })
            .collect();
        for productor in 0..programa.productores {
            let emisor = emisor.clone();
            s.spawn(move || {
                for secuencia in 0..programa.por_productor {
                    emisor
                        .send(Elemento {
                            productor,
                            secuencia,
                        })
                        .unwrap();
                }
            });
        }
        // Falta `drop(emisor)`: el original sigue vivo hasta el final de la función.
        consumidores
            .into_iter()
            .map(|c| c.join().unwrap())
            .collect()
    })
}
