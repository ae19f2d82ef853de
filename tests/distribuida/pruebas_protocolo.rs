//! Las pruebas del protocolo: decodificar y las tramas. Las llama `suite.rs`, que es
//! donde está la lista de pruebas con sus nombres.

use crate::aislado;
use crate::datos::{ejemplos, hex, matriz, numeros};
use crate::pega::{Cuentagotas, EscritorCorto};
use crate::referencia;
use arnes::{comprobar, comprobar_igual, con_limite};
use distribuida::{
    ErrorDistribuido, Matriz, Mensaje, TRAMA_MAXIMA, decodificar, escribir_trama, leer_trama,
};

pub fn decodificar_invierte_a_codificar() {
    con_limite("decodificar invierte a codificar", || {
        let mut mensajes = ejemplos();
        mensajes.push(Mensaje::Sumar {
            tarea: 99,
            datos: numeros(1000, 5),
        });
        mensajes.push(Mensaje::Multiplicar {
            tarea: 12,
            filas: matriz(3, 7, 1),
            b: matriz(7, 4, 2),
        });
        for m in mensajes {
            let carga = referencia::codificar(&m);
            match decodificar(&carga) {
                Ok(d) => comprobar(referencia::codificar(&d) == carga, || {
                    format!(
                        "decodificar(codificar(m)) debe devolver m, y no lo hace con {m:?}: \
                         se obtuvo {d:?}"
                    )
                }),
                Err(e) => {
                    panic!("decodificar rechazó un mensaje bien formado ({m:?}) con el error «{e}»")
                }
            }
        }
    });
}

pub fn decodificar_rechaza_mensajes_malformados() {
    con_limite("decodificar rechaza mensajes malformados", || {
        use ErrorDistribuido::*;
        let mut sumar_3 = referencia::codificar(&Mensaje::Sumar {
            tarea: 1,
            datos: vec![10, 20, 30],
        });
        // Anuncia 2 números y trae 3: sobran 8 bytes.
        sumar_3[8] = 2;
        let sumar_corto = referencia::codificar(&Mensaje::Sumar {
            tarea: 1,
            datos: vec![10, 20],
        });
        let suma = referencia::codificar(&Mensaje::Suma { tarea: 1, total: 5 });
        let producto = referencia::codificar(&Mensaje::Producto {
            tarea: 1,
            filas: Matriz::nueva(2, 2, vec![1.0, 2.0, 3.0, 4.0]),
        });
        let mut enorme = vec![1, 0, 0, 0, 1];
        enorme.extend(u32::MAX.to_be_bytes());
        enorme.extend([0; 16]);
        let mut matriz_enorme = vec![4, 0, 0, 0, 1];
        matriz_enorme.extend(u32::MAX.to_be_bytes());
        matriz_enorme.extend(u32::MAX.to_be_bytes());
        let casos: Vec<(&str, Vec<u8>, ErrorDistribuido)> = vec![
            ("una carga vacía", vec![], MensajeVacio),
            ("el tipo 0", vec![0], TipoDesconocido(0)),
            ("el tipo 9", vec![9, 1, 2, 3], TipoDesconocido(9)),
            (
                "Sumar sin el último número",
                sumar_corto[..sumar_corto.len() - 1].to_vec(),
                MensajeTruncado { tipo: 1 },
            ),
            (
                "Sumar que anuncia 2 números y trae 3",
                sumar_3,
                BytesSobrantes { tipo: 1, sobran: 8 },
            ),
            (
                "Suma con un total de 15 bytes",
                suma[..suma.len() - 1].to_vec(),
                MensajeTruncado { tipo: 2 },
            ),
            (
                "Suma con un byte de más",
                [suma.as_slice(), &[0]].concat(),
                BytesSobrantes { tipo: 2, sobran: 1 },
            ),
            (
                "Producto sin el último valor",
                producto[..producto.len() - 8].to_vec(),
                MensajeTruncado { tipo: 4 },
            ),
            (
                "Fin con un byte de más",
                vec![5, 5],
                BytesSobrantes { tipo: 5, sobran: 1 },
            ),
            (
                "Multiplicar sin la matriz B",
                vec![3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
                MensajeTruncado { tipo: 3 },
            ),
        ];
        for (que, carga, esperado) in casos {
            let obtenido = std::panic::catch_unwind(|| decodificar(&carga));
            comprobar(matches!(&obtenido, Ok(Err(e)) if *e == esperado), || {
                format!(
                    "decodificar de {que} ({}) debe dar Err({esperado:?}), y dio {}.\n\
                     Comprueba que quedan bytes antes de tomarlos (y antes de reservar memoria \
                     para ellos) y que al final no sobra ninguno.",
                    if carga.len() <= 32 {
                        hex(&carga)
                    } else {
                        format!("{} bytes", carga.len())
                    },
                    match &obtenido {
                        Ok(r) => format!("{r:?}"),
                        Err(_) => "un pánico".into(),
                    }
                )
            });
        }
        // Las cuentas enormes, en otro proceso con la memoria limitada: si decodificar reserva
        // lo que anuncian, el proceso aborta, y desde dentro no se podría contar (aislado.rs).
        let enormes = [
            (
                "Sumar que anuncia 4 294 967 295 números y trae 2",
                "4 294 967 295 números de 8 bytes (32 GiB)",
                enorme,
                MensajeTruncado { tipo: 1 },
            ),
            (
                "Producto de una matriz de 4 294 967 295 × 4 294 967 295",
                "una matriz de 4 294 967 295 × 4 294 967 295 valores de 8 bytes (128 EiB)",
                matriz_enorme,
                MensajeTruncado { tipo: 4 },
            ),
        ];
        for (que, anuncia, carga, esperado) in enormes {
            let obtenido = aislado::decodificar_aparte(&carga);
            comprobar(
                obtenido == Ok(format!("Err({esperado:?})")),
                || match &obtenido {
                    Err(fallo) => format!(
                        "una cabecera que anuncia {anuncia} debe rechazarse con un error, sin \
                     reservar esa memoria: decodificar de {que} ({}) debía dar \
                     Err({esperado:?}), y {fallo}.\n\
                     Comprueba que los bytes han llegado antes de reservar memoria para ellos: \
                     nada de `Vec::with_capacity(n)` ni `vec![..; n]` con un `n` leído de la \
                     carga.",
                        hex(&carga)
                    ),
                    Ok(dio) => format!(
                        "decodificar de {que} ({}) debe dar Err({esperado:?}), y dio {dio}.\n\
                     Comprueba que quedan bytes antes de tomarlos (y antes de reservar memoria \
                     para ellos), y multiplica con `checked_mul`.",
                        hex(&carga)
                    ),
                },
            );
        }
    });
}

// ---------------------------------------------------------------------------------------
// Tramas
// ---------------------------------------------------------------------------------------

pub fn escribir_trama_pone_la_longitud_delante() {
    con_limite("escribir_trama pone la longitud delante", || {
        for carga in [
            vec![],
            vec![5],
            (0..=255).collect::<Vec<u8>>(),
            vec![7; 70_000],
        ] {
            let mut escritor = EscritorCorto::default();
            let r = escribir_trama(&mut escritor, &carga);
            comprobar_igual(
                r,
                Ok(()),
                &format!("escribir_trama de una carga de {} bytes", carga.len()),
            );
            comprobar(escritor.bytes == referencia::trama(&carga), || {
                format!(
                    "la trama de una carga de {} bytes debe ser su longitud en 4 bytes \
                     big-endian ({}) seguida de la carga; se escribieron {} bytes que empiezan \
                     por {}.\n\
                     Si faltan bytes: `write` puede escribir menos de lo que se le da (usa \
                     `write_all`). Si la cabecera está al revés: usa `to_be_bytes`.",
                    carga.len(),
                    hex(&(carga.len() as u32).to_be_bytes()),
                    escritor.bytes.len(),
                    hex(&escritor.bytes[..escritor.bytes.len().min(8)])
                )
            });
        }
        let enorme = vec![0u8; TRAMA_MAXIMA + 1];
        let mut escritor = EscritorCorto::default();
        comprobar_igual(
            escribir_trama(&mut escritor, &enorme),
            Err(ErrorDistribuido::TramaDemasiadoLarga(TRAMA_MAXIMA + 1)),
            "escribir_trama de una carga de TRAMA_MAXIMA + 1 bytes",
        );
        comprobar(escritor.bytes.is_empty(), || {
            "escribir_trama de una carga demasiado larga no debe escribir nada".into()
        });
    });
}

pub fn leer_trama_junta_una_trama_que_llega_a_trozos() {
    con_limite("leer_trama junta una trama que llega a trozos", || {
        let cargas: Vec<Vec<u8>> = vec![
            vec![1, 2, 3, 4, 5, 6, 7],
            vec![],
            (0..=255).collect(),
            vec![42],
            numeros(300, 9).iter().map(|&x| x as u8).collect(),
        ];
        let bytes: Vec<u8> = cargas.iter().flat_map(|c| referencia::trama(c)).collect();
        let mut lector = Cuentagotas::new(bytes);
        for (i, esperada) in cargas.iter().enumerate() {
            let obtenida = leer_trama(&mut lector);
            comprobar(matches!(&obtenida, Ok(Some(c)) if c == esperada), || {
                format!(
                    "la trama {i} (de {} bytes de carga) llegó de 1 a 3 bytes por `read`, con \
                     algún `Interrupted` en medio, y leer_trama devolvió {}.\n\
                     Un `read` no es un mensaje: repite `read` hasta tener los 4 bytes de la \
                     cabecera y después la carga entera (`read_exact` lo hace por ti), y \
                     vuelve a intentarlo tras `ErrorKind::Interrupted`.",
                    esperada.len(),
                    match &obtenida {
                        Ok(Some(c)) if c.len() != esperada.len() => format!(
                            "Ok(Some(..)) con una carga de {} bytes en lugar de {}",
                            c.len(),
                            esperada.len()
                        ),
                        Ok(Some(c)) => {
                            let p = c.iter().zip(esperada).position(|(a, b)| a != b);
                            let p = p.unwrap_or_default();
                            format!(
                                "Ok(Some(..)) con los {} bytes esperados en número, pero no en \
                                 contenido: el byte {p} es {} y debía ser {}",
                                c.len(),
                                c[p],
                                esperada[p]
                            )
                        }
                        otro => format!("{otro:?}"),
                    }
                )
            });
        }
        comprobar_igual(
            leer_trama(&mut lector),
            Ok(None),
            "leer_trama cuando la conexión se cierra justo después de la última trama",
        );
    });
}

pub fn leer_trama_distingue_el_cierre_limpio_del_cierre_a_medias() {
    con_limite(
        "leer_trama distingue el cierre limpio del cierre a medias",
        || {
            let trama = referencia::trama(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
            comprobar_igual(
                leer_trama(&mut Cuentagotas::new(vec![])),
                Ok(None),
                "leer_trama de una conexión cerrada sin ningún byte (cierre limpio)",
            );
            for corte in [1, 2, 3, 4, 5, 13] {
                let mut lector = Cuentagotas::new(trama[..corte].to_vec());
                comprobar_igual(
                    leer_trama(&mut lector),
                    Err(ErrorDistribuido::TramaIncompleta),
                    &format!(
                        "leer_trama de una trama de 14 bytes cortada tras {corte} bytes: una trama \
                     a medias no es un cierre limpio (Ok(None)) ni una trama más corta"
                    ),
                );
            }
        },
    );
}

pub fn leer_trama_rechaza_longitudes_enormes_sin_reservarlas() {
    con_limite(
        "leer_trama rechaza longitudes enormes sin reservarlas",
        || {
            // 4 GiB, en otro proceso con la memoria limitada: si leer_trama los reserva, el
            // proceso aborta, y desde dentro no se podría contar (aislado.rs).
            let longitud = u32::MAX as usize;
            let mut bytes = u32::MAX.to_be_bytes().to_vec();
            bytes.extend([0; 16]);
            let esperado = format!(
                "{:?}, tras leer 4 bytes",
                Err::<(), _>(ErrorDistribuido::TramaDemasiadoLarga(longitud))
            );
            let obtenido = aislado::leer_trama_aparte(&bytes);
            comprobar(obtenido.as_ref() == Ok(&esperado), || match &obtenido {
                Err(fallo) => format!(
                    "una cabecera que anuncia {longitud} bytes (4 GiB) debe rechazarse con un \
                     error, sin reservar esa memoria: leer_trama debía dar \
                     Err(TramaDemasiadoLarga({longitud})), y {fallo}.\n\
                     Compara la longitud con TRAMA_MAXIMA = {TRAMA_MAXIMA} antes de reservar \
                     (y de leer) la carga."
                ),
                Ok(dio) => format!(
                    "leer_trama de una cabecera que anuncia {longitud} bytes (el máximo es \
                     TRAMA_MAXIMA = {TRAMA_MAXIMA}) debe dar \
                     Err(TramaDemasiadoLarga({longitud})) tras leer solo los 4 bytes de la \
                     cabecera, sin leer (ni reservar) la carga, y dio {dio}"
                ),
            });
            let longitud = TRAMA_MAXIMA + 1;
            let mut bytes = (longitud as u32).to_be_bytes().to_vec();
            bytes.extend([0; 16]);
            let mut lector = Cuentagotas::new(bytes);
            comprobar_igual(
                leer_trama(&mut lector),
                Err(ErrorDistribuido::TramaDemasiadoLarga(longitud)),
                &format!(
                    "leer_trama de una cabecera que anuncia {longitud} bytes (el máximo es \
                     TRAMA_MAXIMA = {TRAMA_MAXIMA})"
                ),
            );
            comprobar(lector.posicion == 4, || {
                format!(
                    "tras una cabecera que anuncia {longitud} bytes, leer_trama leyó {} bytes: \
                     debe detenerse tras los 4 de la cabecera, sin leer (ni reservar) la carga",
                    lector.posicion
                )
            });
        },
    );
}
