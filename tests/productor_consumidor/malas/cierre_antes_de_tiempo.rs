//! Error: `con_buffer` cierra el búfer en cuanto lanza los productores, sin esperar a que
//! terminen. Los envíos posteriores al cierre fallan y esos elementos no llegan nunca.
//!
//! Debe fallar: explorar_programa_con_buffer, con_buffer_entrega_todo_en_orden

#[allow(dead_code)]
#[path = "../../../solutions/productor_consumidor/src/lib.rs"]
mod correcta;
pub use correcta::{Buffer, Elemento, ErrorEnvio, Programa, con_crossbeam, con_sync_channel};

pub fn con_buffer(programa: Programa) -> Vec<Vec<Elemento>> {
    assert!(
        programa.consumidores > 0,
        "hace falta al menos un consumidor"
    );
    let buffer = Buffer::new(programa.capacidad);
    sincro::thread::scope(|s| {
        let consumidores: Vec<_> = (0..programa.consumidores)
            .map(|_| {
                let buffer = &buffer;
                s.spawn(move || {
                    let mut recibidos = Vec::new();
                    while let Some(elemento) = buffer.recibir() {
                        recibidos.push(elemento);
                    }
                    recibidos
                })
            })
            .collect();
        for productor in 0..programa.productores {
            let buffer = &buffer;
            s.spawn(move || {
                for secuencia in 0..programa.por_productor {
                    // El error se ignora: el elemento se pierde en silencio.
                    let _ = buffer.enviar(Elemento {
                        productor,
                        secuencia,
                    });
                }
            });
        }
        buffer.cerrar();
        consumidores
            .into_iter()
            .map(|c| c.join().unwrap())
            .collect()
    })
}
