//! Las pruebas del coordinador: grupos de procesos trabajadores de verdad, algunos con
//! fallos provocados. Las llama `suite.rs`, que es donde está la lista de pruebas con sus
//! nombres.

use crate::datos::{bits, matriz, numeros, total};
use crate::procesos::{PLAZO_HOLGADO, existe, grupo, grupo_listo, orden_trabajador};
use crate::referencia;
use crate::registros::CarpetaTemporal;
use arnes::{comprobar, comprobar_igual, con_limite, con_limite_de, con_limite_vigilado};
use distribuida::{ErrorDistribuido, Grupo};
use std::process::Command;
use std::time::Duration;

pub fn un_grupo_de_cero_trabajadores_es_un_error() {
    con_limite("un grupo de cero trabajadores es un error", || {
        let mut lanzados = 0;
        let r = Grupo::lanzar(0, PLAZO_HOLGADO, |_| {
            lanzados += 1;
            Command::new("true")
        });
        comprobar(matches!(r, Err(ErrorDistribuido::CeroTrabajadores)), || {
            format!(
                "Grupo::lanzar(0, ..) debe dar Err(CeroTrabajadores), y dio {}",
                if r.is_ok() { "Ok(..)" } else { "otro error" }
            )
        });
        comprobar_igual(lanzados, 0, "procesos lanzados por Grupo::lanzar(0, ..)");
    });
}

pub fn un_trabajador_que_no_arranca_se_detecta_enseguida() {
    con_limite(
        "un trabajador que no arranca se detecta enseguida (¿miras con try_wait si algún hijo \
         terminó mientras esperas conexiones?)",
        || {
            let r = Grupo::lanzar(2, PLAZO_HOLGADO, |i| {
                if i == 0 {
                    orden_trabajador("normal", None)
                } else {
                    Command::new("/este/programa/no/existe")
                }
            });
            comprobar(matches!(r, Err(ErrorDistribuido::Lanzamiento(_))), || {
                "si un trabajador no se puede lanzar, Grupo::lanzar debe dar Err(Lanzamiento(..))"
                    .into()
            });
            // El plazo de conexión es de 20 s y el de esta prueba, de 10: hay que ver que el
            // hijo terminó sin agotar el plazo.
            let r = grupo(&["normal", "sale", "normal"], PLAZO_HOLGADO, None);
            comprobar(matches!(r, Err(ErrorDistribuido::Lanzamiento(_))), || {
                "si un trabajador termina sin conectarse, Grupo::lanzar debe dar \
             Err(Lanzamiento(..))"
                    .into()
            });
        },
    );
}

pub fn la_suma_distribuida_coincide_con_la_secuencial() {
    con_limite("la suma distribuida coincide con la secuencial", || {
        let mut g = grupo_listo(&["normal", "normal", "normal"], PLAZO_HOLGADO, None);
        comprobar_igual(g.vivos(), 3, "trabajadores vivos nada más lanzar el grupo");
        comprobar_igual(
            g.sumar(&[1, 2, 3], 0),
            Err(ErrorDistribuido::CeroTrozos),
            "sumar(.., 0)",
        );
        for (n, trozos) in [
            (0, 3),
            (1, 5),
            (10, 3),
            (1000, 7),
            (1000, 1000),
            (300_007, 6),
        ] {
            let datos = numeros(n, n as u64);
            comprobar_igual(
                g.sumar(&datos, trozos),
                Ok(total(&datos)),
                &format!("la suma distribuida de {n} números en {trozos} trozos"),
            );
        }
        let grandes = vec![u64::MAX; 10];
        comprobar_igual(
            g.sumar(&grandes, 4),
            Ok(10 * u128::from(u64::MAX)),
            "la suma distribuida de diez u64::MAX (el total no cabe en un u64)",
        );
        comprobar_igual(g.vivos(), 3, "trabajadores vivos tras sumar sin fallos");
    });
}

pub fn el_producto_distribuido_coincide_con_el_secuencial() {
    con_limite("el producto distribuido coincide con el secuencial", || {
        let mut g = grupo_listo(&["normal", "normal"], PLAZO_HOLGADO, None);
        for (f, k, c, bloques) in [
            (1, 1, 1, 1),
            (7, 5, 3, 3),
            (10, 6, 4, 4),
            (20, 20, 20, 50),
            (33, 17, 9, 5),
            (0, 3, 2, 2),
            (4, 0, 3, 2),
        ] {
            let (a, b) = (matriz(f, k, 40 + f as u64), matriz(k, c, 50 + c as u64));
            let r = g.multiplicar(&a, &b, bloques);
            let esperado = referencia::producto(&a, &b);
            comprobar(r.as_ref().is_ok_and(|m| bits(m) == bits(&esperado)), || {
                format!(
                    "el producto distribuido de {f}×{k} por {k}×{c} en {bloques} bloques no \
                     coincide bit a bit con el secuencial: {}.\n\
                     Cada bloque de filas va en su sitio (por su número de tarea, no por el \
                     orden de llegada) y cada c[i][j] se acumula en orden de k.",
                    match &r {
                        Ok(m) => format!("se obtuvo una matriz de {}×{}", m.filas, m.columnas),
                        Err(e) => format!("se obtuvo el error «{e}»"),
                    }
                )
            });
        }
        comprobar_igual(
            g.multiplicar(&matriz(2, 3, 1), &matriz(2, 3, 2), 2),
            Err(ErrorDistribuido::DimensionesIncompatibles {
                columnas_a: 3,
                filas_b: 2,
            }),
            "multiplicar 2×3 por 2×3",
        );
        comprobar_igual(
            g.multiplicar(&matriz(2, 2, 1), &matriz(2, 2, 2), 0),
            Err(ErrorDistribuido::CeroTrozos),
            "multiplicar en 0 bloques",
        );
        comprobar_igual(
            g.vivos(),
            2,
            "trabajadores vivos tras multiplicar sin fallos",
        );
    });
}

pub fn el_coordinador_reparte_entre_todos_los_trabajadores() {
    // La carpeta de los registros vive en el hilo de la prueba, fuera del escenario: se
    // borra al terminar la prueba, también si falla o agota su tiempo.
    let carpeta = CarpetaTemporal::new();
    let registros = carpeta.registros(3);
    con_limite(
        "el coordinador reparte entre todos los trabajadores",
        move || {
            let mut g = grupo_listo(
                &["espia", "espia", "espia"],
                PLAZO_HOLGADO,
                Some(&registros),
            );
            let datos = numeros(1200, 77);
            comprobar_igual(
                g.sumar(&datos, 12),
                Ok(total(&datos)),
                "la suma de 1200 números en 12 trozos",
            );
            drop(g);
            let tareas: Vec<usize> = (0..3).map(|i| registros.tareas(i)).collect();
            comprobar(tareas.iter().sum::<usize>() == 12, || {
                format!(
                    "sin fallos, cada uno de los 12 trozos debe enviarse una sola vez, y los \
                 trabajadores recibieron {tareas:?} tareas (en total {})",
                    tareas.iter().sum::<usize>()
                )
            });
            comprobar(tareas.iter().all(|&t| t > 0), || {
                format!(
                    "con 12 trozos y 3 trabajadores, cada trabajador debe recibir al menos una \
                 tarea (nada más empezar, una para cada uno), y recibieron {tareas:?}: ¿se \
                 envía todo al primer trabajador?"
                )
            });
        },
    );
}

pub fn un_trabajador_que_muere_no_pierde_ni_duplica_trabajo() {
    // La carpeta de los registros vive en el hilo de la prueba, fuera del escenario: se
    // borra al terminar la prueba, también si falla o agota su tiempo.
    let carpeta = CarpetaTemporal::new();
    let registros = carpeta.registros(3);
    con_limite(
        "un trabajador que muere no pierde ni duplica trabajo",
        move || {
            // El trabajador 0 responde a dos tareas y muere al recibir la 3.ª, sin responderla.
            // Los otros dos retienen su primera respuesta hasta que el 0 ha muerto: el 0 es el
            // único libre, así que recibe sin falta esas tres tareas.
            let mut g = grupo_listo(
                &["muere:3", "aguarda", "aguarda"],
                PLAZO_HOLGADO,
                Some(&registros),
            );
            let datos = numeros(40_000, 5);
            let r = g.sumar(&datos, 40);
            comprobar(r == Ok(total(&datos)), || {
                format!(
                    "un trabajador murió con una tarea pendiente, después de responder a otras \
                 dos; el total debía ser Ok({}) y fue {r:?}.\n\
                 Si falta algo: la tarea del trabajador muerto debe volver a la cola. Si sobra: \
                 cada trozo se cuenta una vez (guarda el resultado de cada tarea en su casilla, \
                 en lugar de acumular todo lo que llega).",
                    total(&datos)
                )
            });
            comprobar_igual(g.vivos(), 2, "trabajadores vivos tras morir uno de tres");
            let (a, b) = (matriz(9, 4, 1), matriz(4, 3, 2));
            let r = g.multiplicar(&a, &b, 3);
            comprobar(
                r.as_ref()
                    .is_ok_and(|m| bits(m) == bits(&referencia::producto(&a, &b))),
                || format!("con el trabajador que queda vivo, el producto debía salir bien: {r:?}"),
            );
        },
    );
}

pub fn un_trabajador_que_no_responde_se_da_por_perdido() {
    // El límite de respuesta es de 2 s: sobra para los trabajadores que responden (tareas
    // de microsegundos), y el escenario entero tiene 20 s.
    con_limite_de(
        Duration::from_secs(20),
        "un trabajador que no responde se da por perdido (¿esperas la respuesta sin plazo?)",
        || {
            let mut g = grupo_listo(
                &["calla:1", "normal", "normal"],
                Duration::from_secs(2),
                None,
            );
            let datos = numeros(9000, 8);
            let r = g.sumar(&datos, 9);
            comprobar(r == Ok(total(&datos)), || {
                format!(
                    "un trabajador dejó de responder a su primera tarea; el total debía ser \
                     Ok({}) y fue {r:?}. Su tarea debe pasar a otro trabajador cuando venza \
                     el plazo de respuesta.",
                    total(&datos)
                )
            });
            comprobar_igual(
                g.vivos(),
                2,
                "trabajadores vivos tras dar por perdido al que no respondía",
            );
        },
    );
}

pub fn si_todos_los_trabajadores_fallan_se_devuelve_un_error() {
    con_limite(
        "si todos los trabajadores fallan se devuelve un error",
        || {
            let mut g = grupo_listo(&["muere:1", "muere:2"], PLAZO_HOLGADO, None);
            let datos = numeros(100, 3);
            let r = g.sumar(&datos, 10);
            comprobar(
                matches!(r, Err(ErrorDistribuido::SinTrabajadores(_))),
                || {
                    format!(
                        "con todos los trabajadores muertos y trabajo pendiente, sumar debe dar \
                 Err(SinTrabajadores(..)), y dio {r:?}. Un total parcial no es un resultado."
                    )
                },
            );
            comprobar_igual(g.vivos(), 0, "trabajadores vivos tras morir todos");
            let r = g.sumar(&datos, 10);
            comprobar(
                matches!(r, Err(ErrorDistribuido::SinTrabajadores(_))),
                || {
                    format!(
                        "sumar con un grupo sin trabajadores vivos debe dar Err(SinTrabajadores(..)), y dio {r:?}"
                    )
                },
            );
        },
    );
}

pub fn un_mensaje_malformado_no_cambia_el_total() {
    con_limite("un mensaje malformado no cambia el total", || {
        let mut g = grupo_listo(&["basura:1", "normal"], PLAZO_HOLGADO, None);
        let datos = numeros(5000, 13);
        let r = g.sumar(&datos, 8);
        comprobar(r == Ok(total(&datos)), || {
            format!(
                "un trabajador respondió a su primera tarea con un mensaje de tipo 9; el total \
                 debía ser Ok({}) y fue {r:?}. Un trabajador que responde basura ha fallado: \
                 su tarea pasa a otro.",
                total(&datos)
            )
        });
        comprobar_igual(
            g.vivos(),
            1,
            "trabajadores vivos tras descartar al que respondió basura",
        );
        drop(g);
        let mut g = grupo_listo(&["basura:1"], PLAZO_HOLGADO, None);
        let r = g.sumar(&datos, 3);
        comprobar(
            matches!(r, Err(ErrorDistribuido::SinTrabajadores(_))),
            || {
                format!(
                    "con un único trabajador que responde basura, sumar debe dar \
                 Err(SinTrabajadores(..)), y dio {r:?}"
                )
            },
        );
    });
}

pub fn una_respuesta_repetida_no_se_cuenta_dos_veces() {
    con_limite("una respuesta repetida no se cuenta dos veces", || {
        // Un único trabajador que responde dos veces a su primera tarea: la segunda copia
        // llega cuando el coordinador espera la respuesta de la tarea 1.
        let mut g = grupo_listo(&["repite:1"], PLAZO_HOLGADO, None);
        let datos = numeros(30, 17);
        let r = g.sumar(&datos, 3);
        comprobar(
            matches!(r, Err(ErrorDistribuido::SinTrabajadores(_))),
            || {
                format!(
                    "el único trabajador respondió dos veces a la tarea 0 (la copia llegó cuando se \
                 esperaba la tarea 1): es un fallo de protocolo y, sin otro trabajador, sumar \
                 debe dar Err(SinTrabajadores(..)); dio {r:?} (el total correcto es {}).\n\
                 Comprueba que cada respuesta es la de la tarea que ese trabajador tiene en \
                 curso.",
                    total(&datos)
                )
            },
        );
        drop(g);
        let mut g = grupo_listo(&["repite:1", "normal"], PLAZO_HOLGADO, None);
        comprobar_igual(
            g.sumar(&datos, 6),
            Ok(total(&datos)),
            "la suma con un trabajador que repite respuestas y otro normal",
        );
    });
}

pub fn al_soltar_el_grupo_no_quedan_procesos() {
    // La carpeta de los registros vive en el hilo de la prueba, fuera del escenario: se
    // borra al terminar la prueba, también si falla o agota su tiempo.
    let carpeta = CarpetaTemporal::new();
    let registros = carpeta.registros(3);
    // En qué parte va el escenario, para que un cuelgue diga dónde se colgó: 0, la suma
    // previa (con un trabajador que calla); 1, soltar el grupo.
    let fase = std::sync::Arc::new(std::sync::atomic::AtomicU8::new(0));
    let en_escenario = std::sync::Arc::clone(&fase);
    const LIMITE: Duration = Duration::from_secs(20);
    let inicio = std::time::Instant::now();
    con_limite_vigilado(
        LIMITE + Duration::from_secs(5),
        "al soltar el grupo no quedan procesos",
        move || {
            if inicio.elapsed() < LIMITE {
                return None;
            }
            Some(
                match fase.load(std::sync::atomic::Ordering::SeqCst) {
                    0 => {
                        "posible cuelgue ANTES de soltar el grupo: la suma previa, con tres \
                          trabajadores de los que uno calla a partir de su 2.ª tarea (plazo \
                          de 2 s), no terminó en 20 s. Esta prueba necesita que sumar dé por \
                          perdido al que no responde, como pide \
                          un_trabajador_que_no_responde_se_da_por_perdido; suele ser leer sin \
                          plazo (sin set_read_timeout)."
                    }
                    _ => {
                        "posible cuelgue al soltar el grupo: drop(grupo) no terminó en 20 s. \
                          Uno de los trabajadores calla y no atenderá el Fin: Drop debe \
                          enviar Fin, cerrar las conexiones y, si un hijo no termina, \
                          matarlo (kill) antes de esperarlo (wait), sin esperas sin plazo."
                    }
                }
                .to_string(),
            )
        },
        move || {
            let mut g = grupo_listo(
                &["espia", "calla:2", "normal"],
                Duration::from_secs(2),
                Some(&registros),
            );
            let datos = numeros(600, 1);
            comprobar_igual(
                g.sumar(&datos, 6),
                Ok(total(&datos)),
                "la suma antes de soltar",
            );
            en_escenario.store(1, std::sync::atomic::Ordering::SeqCst);
            drop(g);
            if !std::path::Path::new("/proc/self").exists() {
                return; // Sin /proc no se puede mirar; en Linux siempre lo hay.
            }
            for i in 0..3 {
                let pid = registros.pid(i).expect("el trabajador no anotó su pid");
                comprobar(!existe(pid), || {
                    format!(
                        "tras soltar el grupo, el proceso trabajador {i} (pid {pid}) sigue \
                         existiendo. Implementa Drop para Grupo: envía Fin, cierra las \
                         conexiones y espera a cada hijo con `wait` (matándolo con `kill` si \
                         no termina); un hijo al que nadie espera queda zombi."
                    )
                });
            }
        },
    );
}
