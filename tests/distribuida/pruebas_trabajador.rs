//! Las pruebas del trabajador: en memoria, con conexiones de pega, y en otro proceso. Las
//! llama `suite.rs`, que es donde está la lista de pruebas con sus nombres.

use crate::datos::{bits, matriz, numeros, total};
use crate::pega::{Cuentagotas, Duplex, EscritorCorto, tramas};
use crate::procesos::orden_trabajador;
use crate::referencia;
use arnes::{comprobar, comprobar_igual, con_limite};
use distribuida::{
    ESPERA_CONEXION, ErrorDistribuido, Matriz, Mensaje, VARIABLE_COORDINADOR, producto_secuencial,
    trabajador, trabajar,
};
use std::io::Write;
use std::net::TcpListener;
use std::time::{Duration, Instant};

pub fn producto_secuencial_multiplica_filas_por_columnas() {
    con_limite("producto_secuencial multiplica filas por columnas", || {
        let a = Matriz::nueva(2, 3, vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        let b = Matriz::nueva(3, 2, vec![7.0, 8.0, 9.0, 10.0, 11.0, 12.0]);
        comprobar_igual(
            producto_secuencial(&a, &b),
            Ok(Matriz::nueva(2, 2, vec![58.0, 64.0, 139.0, 154.0])),
            "[[1, 2, 3], [4, 5, 6]] · [[7, 8], [9, 10], [11, 12]]",
        );
        for (f, k, c) in [(5, 7, 3), (1, 1, 1), (0, 4, 2), (3, 0, 2), (4, 6, 0)] {
            let (a, b) = (matriz(f, k, 11), matriz(k, c, 12));
            let obtenido = producto_secuencial(&a, &b);
            comprobar(
                obtenido
                    .as_ref()
                    .is_ok_and(|m| bits(m) == bits(&referencia::producto(&a, &b))),
                || {
                    format!(
                        "producto_secuencial de {f}×{k} por {k}×{c} no coincide bit a bit con el \
                         producto fila por columna (sumando en orden de k desde 0.0): {obtenido:?}"
                    )
                },
            );
        }
        comprobar_igual(
            producto_secuencial(&matriz(2, 3, 1), &matriz(2, 3, 2)),
            Err(ErrorDistribuido::DimensionesIncompatibles {
                columnas_a: 3,
                filas_b: 2,
            }),
            "producto_secuencial de 2×3 por 2×3",
        );
    });
}

pub fn trabajar_responde_cada_tarea_en_orden() {
    con_limite("trabajar responde cada tarea en orden", || {
        let (a, b) = (matriz(3, 4, 21), matriz(4, 2, 22));
        let datos = numeros(50, 23);
        let entrada = tramas(&[
            Mensaje::Sumar {
                tarea: 4,
                datos: datos.clone(),
            },
            Mensaje::Multiplicar {
                tarea: 9,
                filas: a.clone(),
                b: b.clone(),
            },
            Mensaje::Sumar {
                tarea: 5,
                datos: vec![u64::MAX; 3],
            },
            Mensaje::Fin,
            // Después de Fin no se lee nada más.
            Mensaje::Sumar {
                tarea: 6,
                datos: vec![1],
            },
        ]);
        let mut conexion = Duplex {
            entrada: Cuentagotas::new(entrada),
            salida: EscritorCorto::default(),
        };
        let r = trabajar(&mut conexion);
        comprobar_igual(r, Ok(()), "trabajar hasta recibir Fin");
        let esperadas = vec![
            Some(Mensaje::Suma {
                tarea: 4,
                total: total(&datos),
            }),
            Some(Mensaje::Producto {
                tarea: 9,
                filas: referencia::producto(&a, &b),
            }),
            Some(Mensaje::Suma {
                tarea: 5,
                total: 3 * u128::from(u64::MAX),
            }),
        ];
        comprobar_igual(
            referencia::mensajes(&conexion.salida.bytes),
            esperadas,
            "las respuestas de trabajar (cada tarea con su número, en el orden en que llegaron; \
             nada tras Fin)",
        );
    });
}

pub fn trabajar_termina_bien_si_el_coordinador_cierra() {
    con_limite("trabajar termina bien si el coordinador cierra", || {
        let entrada = tramas(&[Mensaje::Sumar {
            tarea: 0,
            datos: vec![2, 3],
        }]);
        let mut conexion = Duplex {
            entrada: Cuentagotas::new(entrada),
            salida: EscritorCorto::default(),
        };
        comprobar_igual(
            trabajar(&mut conexion),
            Ok(()),
            "trabajar cuando el coordinador cierra la conexión entre dos tramas",
        );
        comprobar_igual(
            referencia::mensajes(&conexion.salida.bytes),
            vec![Some(Mensaje::Suma { tarea: 0, total: 5 })],
            "la respuesta a la única tarea",
        );
    });
}

pub fn trabajar_devuelve_un_error_claro_con_un_mensaje_malformado() {
    con_limite(
        "trabajar devuelve un error claro con un mensaje malformado",
        || {
            let buena = tramas(&[Mensaje::Sumar {
                tarea: 0,
                datos: vec![1],
            }]);
            let casos: Vec<(&str, Vec<u8>, ErrorDistribuido)> = vec![
                (
                    "una trama de tipo 9",
                    [buena.clone(), referencia::trama(&[9])].concat(),
                    ErrorDistribuido::TipoDesconocido(9),
                ),
                (
                    "una trama cortada a la mitad",
                    [buena.clone(), buena[..6].to_vec()].concat(),
                    ErrorDistribuido::TramaIncompleta,
                ),
                (
                    "un Multiplicar de 2×3 por 2×2",
                    [
                        buena.clone(),
                        tramas(&[Mensaje::Multiplicar {
                            tarea: 1,
                            filas: matriz(2, 3, 1),
                            b: matriz(2, 2, 2),
                        }]),
                    ]
                    .concat(),
                    ErrorDistribuido::DimensionesIncompatibles {
                        columnas_a: 3,
                        filas_b: 2,
                    },
                ),
            ];
            for (que, entrada, esperado) in casos {
                let mut conexion = Duplex {
                    entrada: Cuentagotas::new(entrada),
                    salida: EscritorCorto::default(),
                };
                comprobar_igual(
                    trabajar(&mut conexion),
                    Err(esperado),
                    &format!("trabajar tras una tarea buena y {que}"),
                );
                comprobar_igual(
                    referencia::mensajes(&conexion.salida.bytes),
                    vec![Some(Mensaje::Suma { tarea: 0, total: 1 })],
                    &format!("las respuestas de trabajar con {que}: solo la de la tarea buena"),
                );
            }
            let mut conexion = Duplex {
                entrada: Cuentagotas::new(tramas(&[Mensaje::Suma { tarea: 0, total: 1 }])),
                salida: EscritorCorto::default(),
            };
            let r = trabajar(&mut conexion);
            comprobar(
                matches!(r, Err(ErrorDistribuido::MensajeInesperado(_))),
                || {
                    format!(
                        "un trabajador que recibe una Suma (una respuesta, no una tarea) debe devolver \
                 Err(MensajeInesperado(..)), y devolvió {r:?}"
                    )
                },
            );
        },
    );
}

pub fn trabajador_solo_acepta_direcciones_de_bucle_local() {
    con_limite("trabajador solo acepta direcciones de bucle local", || {
        for direccion in ["", "no es una dirección", "localhost", "127.0.0.1"] {
            let r = trabajador(direccion);
            comprobar(
                matches!(&r, Err(ErrorDistribuido::DireccionInvalida(d)) if d == direccion),
                || {
                    format!(
                        "trabajador({direccion:?}) debe dar Err(DireccionInvalida({direccion:?})) \
                         sin intentar conectar, y dio {r:?}. Lee la dirección con \
                         `parse::<SocketAddr>()` (sin resolver nombres) y exige `is_loopback()`."
                    )
                },
            );
        }
    });
}

// ---------------------------------------------------------------------------------------
// El trabajador, en otro proceso
// ---------------------------------------------------------------------------------------

pub fn un_trabajador_en_otro_proceso_atiende_sus_tareas() {
    con_limite("un trabajador en otro proceso atiende sus tareas", || {
        crate::procesos::protocolo_del_enunciado();
        let escucha = TcpListener::bind("127.0.0.1:0").unwrap();
        let direccion = escucha.local_addr().unwrap().to_string();
        let mut hijo = orden_trabajador("normal", None)
            .env(VARIABLE_COORDINADOR, &direccion)
            .spawn()
            .expect("no se pudo lanzar el trabajador");
        // Esperar la conexión sin bloquear, mirando si el hijo ya terminó.
        escucha.set_nonblocking(true).unwrap();
        let fin = Instant::now() + ESPERA_CONEXION;
        let mut conexion = loop {
            if let Ok((c, _)) = escucha.accept() {
                break c;
            }
            if let Ok(Some(estado)) = hijo.try_wait() {
                panic!(
                    "el proceso trabajador terminó ({estado}) sin conectarse a {direccion}. \
                     `trabajador(direccion)` debe conectarse a esa dirección con TCP; si \
                     entra en pánico, prueba antes las funciones de las que depende \
                     (leer_trama, decodificar, trabajar)."
                );
            }
            assert!(
                Instant::now() < fin,
                "el trabajador no se conectó en {ESPERA_CONEXION:?}"
            );
            std::thread::sleep(Duration::from_millis(2));
        };
        conexion.set_nonblocking(false).unwrap();
        conexion
            .set_read_timeout(Some(Duration::from_secs(8)))
            .unwrap();
        let grandes = numeros(200_000, 31);
        let (a, b) = (matriz(4, 30, 32), matriz(30, 5, 33));
        let tareas = [
            Mensaje::Sumar {
                tarea: 0,
                datos: grandes.clone(),
            },
            Mensaje::Multiplicar {
                tarea: 1,
                filas: a.clone(),
                b: b.clone(),
            },
            Mensaje::Sumar {
                tarea: 2,
                datos: vec![],
            },
        ];
        let esperadas = [
            Mensaje::Suma {
                tarea: 0,
                total: total(&grandes),
            },
            Mensaje::Producto {
                tarea: 1,
                filas: referencia::producto(&a, &b),
            },
            Mensaje::Suma { tarea: 2, total: 0 },
        ];
        for (tarea, esperada) in tareas.iter().zip(&esperadas) {
            conexion
                .write_all(&referencia::trama(&referencia::codificar(tarea)))
                .expect("no se pudo enviar la tarea al trabajador");
            let respuesta = referencia::leer(&mut conexion).map(|c| referencia::decodificar(&c));
            comprobar(respuesta == Some(Some(esperada.clone())), || {
                format!(
                    "el trabajador en otro proceso debía responder {esperada:?} (abreviado: \
                     tarea {}) y respondió {}.\n\
                     Una trama de 1,6 MB no llega en un solo `read` por TCP.",
                    match esperada {
                        Mensaje::Suma { tarea, .. } | Mensaje::Producto { tarea, .. } => *tarea,
                        _ => 0,
                    },
                    match &respuesta {
                        None => "nada: cerró la conexión o no respondió en 8 s".to_string(),
                        Some(None) => "una trama que no es un mensaje del protocolo".into(),
                        Some(Some(m)) => format!("otra cosa: {m:?}"),
                    }
                )
            });
        }
        conexion
            .write_all(&referencia::trama(&[5]))
            .expect("no se pudo enviar Fin");
        let fin = Instant::now() + Duration::from_secs(8);
        let estado = loop {
            if let Some(estado) = hijo.try_wait().unwrap() {
                break Some(estado);
            }
            if Instant::now() >= fin {
                let _ = hijo.kill();
                let _ = hijo.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        comprobar(estado.is_some_and(|e| e.success()), || {
            format!(
                "tras recibir Fin, el proceso trabajador debe terminar con éxito (trabajador \
                 devuelve Ok), y {}",
                match estado {
                    Some(e) => format!("terminó con {e}"),
                    None => "seguía vivo 8 s después".into(),
                }
            )
        });
    });
}
