//! Estrés con hilos reales y los programas completos.

use super::*;

pub(crate) fn estres_muchos_productores_y_consumidores() {
    for capacidad in [1, 2, 7] {
        con_limite("estrés: muchos productores y consumidores", move || {
            const PRODUCTORES: usize = 5;
            const CONSUMIDORES: usize = 4;
            const POR_PRODUCTOR: usize = 2000;
            let buffer = Buffer::new(capacidad);
            let terminados = AtomicUsize::new(0);
            let resultados = en_hilos(PRODUCTORES + CONSUMIDORES, |i| {
                let mut recibidos = Vec::new();
                if i < PRODUCTORES {
                    for secuencia in 0..POR_PRODUCTOR {
                        let e = Elemento {
                            productor: i,
                            secuencia,
                        };
                        comprobar_igual(buffer.enviar(e), Ok(()), "enviar en un búfer abierto");
                        if secuencia % 64 == 0 {
                            comprobar_ocupacion(&buffer, "un productor");
                        }
                    }
                    if terminados.fetch_add(1, Ordering::SeqCst) + 1 == PRODUCTORES {
                        buffer.cerrar();
                    }
                } else {
                    while let Some(e) = buffer.recibir() {
                        recibidos.push(e);
                        // Cede el procesador para mezclar más los hilos.
                        if recibidos.len() % 8 == 0 {
                            std::thread::yield_now();
                            comprobar_ocupacion(&buffer, "un consumidor");
                        }
                    }
                }
                recibidos
            });
            comprobar_entrega(
                PRODUCTORES,
                POR_PRODUCTOR,
                &resultados[PRODUCTORES..],
                &format!("estrés con capacidad {capacidad}"),
            );
        });
    }
}

pub(crate) fn estres_cerrar_mientras_se_envia() {
    con_limite("estrés: cerrar mientras se envía", || {
        for ronda in 0..150 {
            let buffer = Buffer::new(2);
            let recibidos_total = AtomicUsize::new(0);
            let corte = 20 + ronda % 40;
            // Hilos 0 a 2: productores sin fin; 3 y 4: consumidores. Cierra el consumidor
            // que recibe el elemento número `corte`, con los productores aún enviando.
            let resultados = en_hilos(5, |i| {
                let (mut aceptados, mut devueltos, mut recibidos) =
                    (Vec::new(), Vec::new(), Vec::new());
                if i < 3 {
                    for secuencia in 0.. {
                        let e = Elemento {
                            productor: i,
                            secuencia,
                        };
                        match buffer.enviar(e) {
                            Ok(()) => aceptados.push(e),
                            Err(ErrorEnvio(x)) => {
                                devueltos.push(x);
                                break;
                            }
                        }
                    }
                } else {
                    while let Some(e) = buffer.recibir() {
                        recibidos.push(e);
                        let n = recibidos_total.fetch_add(1, Ordering::SeqCst) + 1;
                        if n == corte {
                            buffer.cerrar();
                        }
                        std::thread::yield_now();
                    }
                }
                (aceptados, devueltos, recibidos)
            });
            let mut aceptados: Vec<Elemento> =
                resultados.iter().flat_map(|r| r.0.clone()).collect();
            let mut recibidos: Vec<Elemento> =
                resultados.iter().flat_map(|r| r.2.clone()).collect();
            aceptados.sort();
            recibidos.sort();
            comprobar(aceptados == recibidos, || {
                format!(
                    "ronda {ronda}: el búfer aceptó {} elementos (enviar devolvió Ok) y los \
                     consumidores recibieron {}. Cada envío aceptado debe recibirse, también \
                     los que estaban dentro al cerrar.",
                    aceptados.len(),
                    recibidos.len()
                )
            });
            for (p, r) in resultados.iter().take(3).enumerate() {
                let esperado = Elemento {
                    productor: p,
                    secuencia: r.0.len(),
                };
                comprobar_igual(
                    r.1.clone(),
                    vec![esperado],
                    "lo que devolvió el primer envío rechazado (debe ser ese mismo elemento)",
                );
            }
        }
    });
}

pub(crate) fn con_buffer_entrega_todo_en_orden() {
    con_limite("con_buffer entrega todo en orden", || {
        for (productores, consumidores, capacidad) in [(6, 4, 1), (3, 5, 16), (1, 1, 3)] {
            let programa = Programa {
                productores,
                consumidores,
                por_productor: 1500,
                capacidad,
            };
            let recibidos = con_buffer(programa);
            comprobar_igual(
                recibidos.len(),
                consumidores,
                "con_buffer devuelve una lista por consumidor",
            );
            comprobar_entrega(
                productores,
                1500,
                &recibidos,
                &format!("con_buffer({programa:?})"),
            );
        }
        let vacio = con_buffer(Programa {
            productores: 0,
            consumidores: 3,
            por_productor: 10,
            capacidad: 2,
        });
        comprobar_igual(
            vacio,
            vec![vec![]; 3],
            "con_buffer sin productores: los consumidores terminan sin recibir nada",
        );
    });
}

/// Los programas con canales, con capacidad 0 (cita) incluida.
pub(crate) fn comprobar_programa_con_canal(nombre: &str, f: Variante) {
    for (productores, consumidores, capacidad) in [(6, 4, 0), (5, 3, 1), (3, 5, 16), (1, 1, 0)] {
        let programa = Programa {
            productores,
            consumidores,
            por_productor: 1500,
            capacidad,
        };
        let recibidos = f(programa);
        comprobar_igual(
            recibidos.len(),
            consumidores,
            &format!("{nombre} devuelve una lista por consumidor"),
        );
        comprobar_entrega(
            productores,
            1500,
            &recibidos,
            &format!("{nombre}({programa:?})"),
        );
    }
    let vacio = f(Programa {
        productores: 0,
        consumidores: 2,
        por_productor: 10,
        capacidad: 0,
    });
    comprobar_igual(
        vacio,
        vec![vec![]; 2],
        &format!("{nombre} sin productores: los consumidores terminan sin recibir nada"),
    );
}

pub(crate) fn con_crossbeam_entrega_todo_en_orden() {
    con_limite("con_crossbeam entrega todo en orden", || {
        comprobar_programa_con_canal("con_crossbeam", con_crossbeam)
    });
}

pub(crate) fn con_sync_channel_entrega_todo_en_orden() {
    con_limite("con_sync_channel entrega todo en orden", || {
        comprobar_programa_con_canal("con_sync_channel", con_sync_channel)
    });
}

pub(crate) fn sin_elementos_por_productor_cada_consumidor_devuelve_una_lista_vacia() {
    con_limite("sin elementos por productor, listas vacías", || {
        let programa = Programa {
            productores: 3,
            consumidores: 2,
            por_productor: 0,
            capacidad: 1,
        };
        let variantes: [(&str, Variante); 3] = [
            // Los canales primero: si un productor entra en pánico, su emisor se suelta y los
            // consumidores terminan; con el búfer, nadie lo cerraría y la prueba se colgaría.
            ("con_crossbeam", con_crossbeam),
            ("con_sync_channel", con_sync_channel),
            ("con_buffer", con_buffer),
        ];
        for (nombre, f) in variantes {
            let mut recibidos = None;
            let panico = mensaje_de_panico(|| recibidos = Some(f(programa)));
            comprobar(panico.is_none(), || {
                format!(
                    "{nombre}({programa:?}) entró en pánico: «{}». Con por_productor == 0 cada \
                     productor no envía nada y cada consumidor debe devolver una lista vacía. \
                     Suele ser un rango escrito con `por_productor - 1`, que se desborda con 0.",
                    panico.clone().unwrap_or_default()
                )
            });
            comprobar_igual(
                recibidos.unwrap_or_default(),
                vec![vec![]; 2],
                &format!(
                    "{nombre}({programa:?}): con por_productor == 0, una lista vacía por \
                     consumidor"
                ),
            );
        }
    });
}
