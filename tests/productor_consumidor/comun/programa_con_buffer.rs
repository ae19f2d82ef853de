//! `con_buffer` escrito sobre el `Buffer` del módulo que incluye este archivo. Lo comparten
//! las implementaciones de `buenas/` que solo cambian el búfer: así la prueba del programa
//! completo ejercita también su búfer, no el de la solución.

use super::{Buffer, Elemento, Programa};

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
        let productores: Vec<_> = (0..programa.productores)
            .map(|productor| {
                let buffer = &buffer;
                s.spawn(move || {
                    for secuencia in 0..programa.por_productor {
                        let elemento = Elemento {
                            productor,
                            secuencia,
                        };
                        if buffer.enviar(elemento).is_err() {
                            panic!("enviar falló en un búfer abierto");
                        }
                    }
                })
            })
            .collect();
        for productor in productores {
            productor
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
        }
        buffer.cerrar();
        consumidores
            .into_iter()
            .map(|c| c.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
