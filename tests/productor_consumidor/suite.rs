//! Suite oficial del ejercicio `productor_consumidor`.
//!
//! Tres tipos de prueba, cada una para lo que sabe ver:
//! - unitarias deterministas (un solo hilo, o dos con un orden forzado);
//! - exploración de planificaciones con shuttle: miles de órdenes distintos de los pasos de
//!   unos pocos hilos (dos productores, dos consumidores, capacidad 1 o 2), con despertares
//!   espurios, que encuentran los elementos perdidos, los avisos a la variable de condición
//!   equivocada y los cierres que dejan a alguien dormido, y los pueden repetir;
//! - estrés con hilos reales, más hilos que núcleos y números de secuencia por productor
//!   para ver que nada se pierde, se duplica ni se desordena.

use arnes::{
    anotar, comprobar, comprobar_igual, con_limite, en_hilos, explorar, hilos_explorados,
    mensaje_de_panico,
};
use productor_consumidor::{
    Buffer, Elemento, ErrorEnvio, Programa, con_buffer, con_crossbeam, con_sync_channel,
};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Una forma de ejecutar el programa: con el búfer o con uno de los canales.
type Variante = fn(Programa) -> Vec<Vec<Elemento>>;

// ---------------------------------------------------------------------------------------
// Comprobaciones comunes
// ---------------------------------------------------------------------------------------

/// Comprueba lo que recibieron los consumidores: cada elemento de cada productor llegó
/// exactamente una vez, y cada consumidor vio los de un mismo productor en orden.
#[track_caller]
fn comprobar_entrega(
    productores: usize,
    por_productor: usize,
    recibidos: &[Vec<Elemento>],
    contexto: &str,
) {
    let mut veces: BTreeMap<Elemento, usize> = BTreeMap::new();
    for (c, lista) in recibidos.iter().enumerate() {
        let mut ultimo: BTreeMap<usize, usize> = BTreeMap::new();
        for e in lista {
            *veces.entry(*e).or_default() += 1;
            comprobar(
                e.productor < productores && e.secuencia < por_productor,
                || {
                    format!(
                        "{contexto}: el consumidor {c} recibió {e:?}, que nadie envió \
                         ({productores} productores de {por_productor} elementos)."
                    )
                },
            );
            if let Some(&anterior) = ultimo.get(&e.productor) {
                comprobar(e.secuencia > anterior, || {
                    format!(
                        "{contexto}: el consumidor {c} recibió del productor {} el elemento \
                         {} después del {anterior}. Los elementos de un productor deben salir \
                         en el orden en que entraron: ¿el búfer es una pila (Vec::pop) en vez \
                         de una cola (VecDeque::pop_front)?",
                        e.productor, e.secuencia
                    )
                });
            }
            ultimo.insert(e.productor, e.secuencia);
        }
    }
    for p in 0..productores {
        for s in 0..por_productor {
            let e = Elemento {
                productor: p,
                secuencia: s,
            };
            let n = veces.get(&e).copied().unwrap_or(0);
            comprobar(n == 1, || {
                if n == 0 {
                    format!(
                        "{contexto}: se perdió {e:?}: se envió y ningún consumidor lo recibió. \
                         Suele ser un cierre que tira lo pendiente, un `recibir` que devuelve \
                         None con elementos dentro o un elemento sobrescrito."
                    )
                } else {
                    format!(
                        "{contexto}: {e:?} se recibió {n} veces: cada elemento debe entregarse \
                         exactamente una vez. ¿Se lee un elemento sin sacarlo de la cola?"
                    )
                }
            });
        }
    }
}

/// Falla si el búfer tiene más elementos que su capacidad.
#[track_caller]
fn comprobar_ocupacion<T>(buffer: &Buffer<T>, quien: &str) {
    let ocupados = buffer.ocupados();
    let capacidad = buffer.capacidad();
    comprobar(ocupados <= capacidad, || {
        format!(
            "{quien} vio {ocupados} elementos en un búfer de capacidad {capacidad}: el búfer \
             nunca debe tener más de su capacidad. Suele ser un `if` en lugar de un `while` \
             alrededor de la espera de sitio, o comparar con `>` en lugar de `>=`."
        )
    });
}

// ---------------------------------------------------------------------------------------
// Unitarias: un hilo
// ---------------------------------------------------------------------------------------

#[test]
fn un_buffer_de_un_hilo_sigue_el_orden_de_llegada() {
    con_limite("un búfer de un hilo sigue el orden de llegada", || {
        let b = Buffer::new(3);
        let mut traza = vec![format!(
            "new(3): capacidad = {}, ocupados = {}, cerrado = {}",
            b.capacidad(),
            b.ocupados(),
            b.esta_cerrado()
        )];
        for x in ["a", "b", "c"] {
            let r = b.enviar(x.to_string());
            traza.push(format!("enviar({x:?}): {r:?}, ocupados = {}", b.ocupados()));
        }
        traza.push(format!(
            "recibir: {:?}, ocupados = {}",
            b.recibir(),
            b.ocupados()
        ));
        let r = b.enviar("d".to_string());
        traza.push(format!("enviar(\"d\"): {r:?}, ocupados = {}", b.ocupados()));
        b.cerrar();
        traza.push(format!("cerrar: cerrado = {}", b.esta_cerrado()));
        match b.enviar("e".to_string()) {
            Ok(()) => traza.push("enviar(\"e\"): Ok(())".into()),
            Err(e) => traza.push(format!("enviar(\"e\"): Err({e:?}), mensaje: «{e}»")),
        }
        b.cerrar();
        traza.push(format!("cerrar otra vez: ocupados = {}", b.ocupados()));
        for _ in 0..5 {
            traza.push(format!(
                "recibir: {:?}, ocupados = {}",
                b.recibir(),
                b.ocupados()
            ));
        }
        arnes::instantanea!(
            "un_buffer_de_un_hilo_sigue_el_orden_de_llegada",
            traza.join("\n")
        );
    });
}

#[test]
fn enviar_tras_cerrar_devuelve_el_elemento() {
    con_limite("enviar tras cerrar devuelve el elemento", || {
        let b: Buffer<String> = Buffer::new(2);
        comprobar_igual(b.enviar("uno".into()), Ok(()), "enviar en un búfer abierto");
        b.cerrar();
        let r = b.enviar("dos".into());
        comprobar_igual(
            r.clone(),
            Err(ErrorEnvio("dos".to_string())),
            "enviar en un búfer cerrado debe devolver Err con el elemento dentro, no perderlo",
        );
        let mensaje = r.clone().unwrap_err().to_string();
        comprobar(mensaje.contains("cerrado"), || {
            format!("el mensaje de ErrorEnvio debe decir que el búfer está cerrado: «{mensaje}»")
        });
        comprobar_igual(
            r.unwrap_err().into_inner(),
            "dos".to_string(),
            "ErrorEnvio::into_inner debe devolver el elemento",
        );
        comprobar_igual(
            b.ocupados(),
            1,
            "ocupados() tras un envío rechazado: el elemento rechazado no debe entrar",
        );
        comprobar_igual(
            b.recibir(),
            Some("uno".to_string()),
            "recibir tras cerrar debe entregar lo que ya estaba dentro",
        );
        comprobar_igual(b.recibir(), None, "recibir en un búfer cerrado y vacío");
    });
}

#[test]
fn capacidad_cero_se_rechaza_con_un_mensaje_claro() {
    con_limite("capacidad cero", || {
        let mensaje = mensaje_de_panico(|| Buffer::<u8>::new(0));
        match mensaje {
            None => panic!(
                "Buffer::new(0) creó un búfer en el que no cabe nada: debe entrar en pánico \
                 con un mensaje que hable de la capacidad (para una cita están los canales \
                 de capacidad 0)."
            ),
            Some(m) => comprobar(m.contains("capacidad"), || {
                format!(
                    "Buffer::new(0) debe explicar que la capacidad no puede ser 0, y dijo: «{m}»"
                )
            }),
        }
        let b = Buffer::<u8>::new(1);
        comprobar_igual(b.capacidad(), 1, "capacidad() de Buffer::new(1)");
    });
}

#[test]
fn los_programas_sin_consumidores_se_rechazan() {
    con_limite("programas sin consumidores", || {
        let programa = Programa {
            productores: 1,
            consumidores: 0,
            por_productor: 3,
            capacidad: 1,
        };
        let programas: [(&str, Variante); 3] = [
            // Los canales primero: si un productor entra en pánico, su emisor se suelta y los
            // consumidores terminan; con el búfer, nadie lo cerraría y la prueba se colgaría.
            ("con_crossbeam", con_crossbeam),
            ("con_sync_channel", con_sync_channel),
            ("con_buffer", con_buffer),
        ];
        for (nombre, f) in programas {
            match mensaje_de_panico(|| f(programa)) {
                None => panic!(
                    "{nombre} con 0 consumidores terminó: sin consumidores nadie vacía el \
                     búfer, y debe entrar en pánico con un mensaje claro"
                ),
                Some(m) => comprobar(m.contains("consumidor"), || {
                    format!(
                        "{nombre} con 0 consumidores debe decir que falta un consumidor, y dijo: «{m}»"
                    )
                }),
            }
        }
    });
}

// ---------------------------------------------------------------------------------------
// Dos hilos con hilos reales
// ---------------------------------------------------------------------------------------

#[test]
fn con_un_hueco_el_productor_espera_al_consumidor() {
    con_limite("con un hueco, el productor espera", || {
        let b = Buffer::new(1);
        let recibidos = std::thread::scope(|s| {
            let consumidor = s.spawn(|| {
                let mut v = Vec::new();
                while let Some(x) = b.recibir() {
                    comprobar_ocupacion(&b, "el consumidor");
                    v.push(x);
                }
                v
            });
            for i in 0..2000 {
                comprobar_igual(b.enviar(i), Ok(()), "enviar en un búfer abierto");
                comprobar_ocupacion(&b, "el productor");
            }
            b.cerrar();
            arnes::relanzar(consumidor.join())
        });
        comprobar(recibidos == (0..2000).collect::<Vec<_>>(), || {
            let primero_mal = recibidos
                .iter()
                .enumerate()
                .find(|(i, x)| *i != **x)
                .map(|(i, x)| format!("en la posición {i} llegó {x}"))
                .unwrap_or_else(|| format!("llegaron {} de 2000", recibidos.len()));
            format!(
                "un productor envió 0..2000 por un búfer de capacidad 1 y el consumidor no los \
                 recibió todos y en orden: {primero_mal}."
            )
        });
    });
}

#[test]
fn cerrar_despierta_a_un_consumidor_dormido() {
    con_limite("cerrar despierta a un consumidor dormido", || {
        let b = Buffer::<u32>::new(2);
        std::thread::scope(|s| {
            let consumidor = s.spawn(|| b.recibir());
            // Se da tiempo a que el consumidor se duerma; si aún no lo hizo, la prueba vale
            // igual (verá el búfer cerrado al llegar).
            std::thread::sleep(Duration::from_millis(20));
            b.cerrar();
            comprobar_igual(
                arnes::relanzar(consumidor.join()),
                None,
                "recibir en un búfer vacío que se cierra",
            );
        });
    });
}

#[test]
fn cerrar_despierta_a_un_productor_que_espera_sitio() {
    con_limite("cerrar despierta a un productor que espera", || {
        let b = Buffer::new(1);
        comprobar_igual(b.enviar(1u32), Ok(()), "enviar en un búfer vacío");
        std::thread::scope(|s| {
            let productor = s.spawn(|| b.enviar(2));
            std::thread::sleep(Duration::from_millis(20));
            b.cerrar();
            comprobar_igual(
                arnes::relanzar(productor.join()),
                Err(ErrorEnvio(2)),
                "un productor que esperaba sitio cuando se cerró el búfer debe recibir su \
                 elemento de vuelta",
            );
        });
        comprobar_igual(b.recibir(), Some(1), "lo que estaba dentro al cerrar");
        comprobar_igual(b.recibir(), None, "recibir en un búfer cerrado y vacío");
    });
}

// ---------------------------------------------------------------------------------------
// Exploración de planificaciones (shuttle)
// ---------------------------------------------------------------------------------------

/// `productores` hilos envían `por_productor` elementos cada uno; el último en terminar
/// cierra el búfer. `consumidores` hilos reciben hasta que `recibir` devuelve `None`.
fn escenario(capacidad: usize, productores: usize, consumidores: usize, por_productor: usize) {
    let buffer = Arc::new(Buffer::new(capacidad));
    let terminados = Arc::new(AtomicUsize::new(0));
    let recibidos: Arc<Mutex<Vec<Vec<Elemento>>>> =
        Arc::new(Mutex::new(vec![Vec::new(); consumidores]));
    let (b, r) = (Arc::clone(&buffer), Arc::clone(&recibidos));
    hilos_explorados(productores + consumidores, move |i| {
        if i <= productores {
            let p = i - 1;
            for secuencia in 0..por_productor {
                let e = Elemento {
                    productor: p,
                    secuencia,
                };
                anotar(format!("hilo {i} (productor {p}) envía {secuencia}"));
                let resultado = b.enviar(e);
                comprobar(resultado.is_ok(), || {
                    format!("enviar falló en un búfer abierto: {resultado:?}")
                });
                comprobar_ocupacion(&b, &format!("el productor {p}"));
            }
            if terminados.fetch_add(1, Ordering::SeqCst) + 1 == productores {
                anotar(format!("hilo {i} (productor {p}) cierra el búfer"));
                b.cerrar();
            }
        } else {
            let c = i - productores - 1;
            loop {
                comprobar_ocupacion(&b, &format!("el consumidor {c}"));
                anotar(format!("hilo {i} (consumidor {c}) pide un elemento"));
                let Some(e) = b.recibir() else {
                    anotar(format!(
                        "hilo {i} (consumidor {c}) ve el búfer cerrado y vacío"
                    ));
                    break;
                };
                anotar(format!(
                    "hilo {i} (consumidor {c}) recibe {} del productor {}",
                    e.secuencia, e.productor
                ));
                r.lock().unwrap()[c].push(e);
            }
        }
    });
    let recibidos = recibidos.lock().unwrap();
    comprobar_entrega(productores, por_productor, &recibidos, "exploración");
    comprobar_igual(
        buffer.ocupados(),
        0,
        "ocupados() al final: todo se consumió",
    );
}

#[test]
fn explorar_dos_productores_dos_consumidores() {
    explorar("explorar_dos_productores_dos_consumidores", || {
        escenario(1, 2, 2, 2)
    });
}

#[test]
fn explorar_con_capacidad_dos() {
    explorar("explorar_con_capacidad_dos", || escenario(2, 2, 1, 3));
}

#[test]
fn explorar_el_cierre_despierta_a_todos_los_consumidores() {
    explorar(
        "explorar_el_cierre_despierta_a_todos_los_consumidores",
        || escenario(1, 1, 3, 1),
    );
}

#[test]
fn explorar_cerrar_con_productores_esperando() {
    explorar("explorar_cerrar_con_productores_esperando", || {
        let buffer = Arc::new(Buffer::new(1));
        let aceptados = Arc::new(Mutex::new(Vec::new()));
        let devueltos = Arc::new(Mutex::new(Vec::new()));
        let vaciados = Arc::new(Mutex::new(Vec::new()));
        let (b, a, d, v) = (
            Arc::clone(&buffer),
            Arc::clone(&aceptados),
            Arc::clone(&devueltos),
            Arc::clone(&vaciados),
        );
        hilos_explorados(3, move |i| {
            if i <= 2 {
                for s in 0..2 {
                    let x = 10 * i + s;
                    anotar(format!("hilo {i} envía {x}"));
                    match b.enviar(x) {
                        Ok(()) => a.lock().unwrap().push(x),
                        Err(ErrorEnvio(y)) => {
                            anotar(format!("hilo {i} recibe {y} de vuelta: búfer cerrado"));
                            comprobar_igual(y, x, "el elemento que devuelve ErrorEnvio");
                            d.lock().unwrap().push(y);
                        }
                    }
                }
            } else {
                sincro::thread::yield_now();
                anotar(format!("hilo {i} cierra el búfer"));
                b.cerrar();
                while let Some(x) = b.recibir() {
                    anotar(format!("hilo {i} vacía {x}"));
                    v.lock().unwrap().push(x);
                }
            }
        });
        let mut aceptados = aceptados.lock().unwrap().clone();
        let mut vaciados = vaciados.lock().unwrap().clone();
        let mut todos: Vec<usize> = aceptados
            .iter()
            .chain(devueltos.lock().unwrap().iter())
            .copied()
            .collect();
        aceptados.sort();
        vaciados.sort();
        todos.sort();
        comprobar_igual(
            vaciados,
            aceptados,
            "lo que se vació tras cerrar frente a lo que el búfer aceptó: cada envío que \
             devolvió Ok debe poder recibirse, aunque se cierre después",
        );
        comprobar_igual(
            todos,
            vec![10, 11, 20, 21],
            "cada elemento enviado, o aceptado o devuelto (ni perdido ni repetido)",
        );
    });
}

#[test]
fn explorar_programa_con_buffer() {
    explorar("explorar_programa_con_buffer", || {
        let programa = Programa {
            productores: 2,
            consumidores: 2,
            por_productor: 2,
            capacidad: 1,
        };
        let recibidos = con_buffer(programa);
        comprobar_igual(
            recibidos.len(),
            2,
            "con_buffer devuelve una lista por consumidor",
        );
        comprobar_entrega(2, 2, &recibidos, "con_buffer");
    });
}

/// Explora un escenario en el que un hilo debe quedarse esperando para siempre. Si espera
/// durmiendo en una variable de condición, el explorador ve que ningún hilo puede avanzar y
/// lo informa como interbloqueo: aquí, eso es lo correcto. Si espera activamente (un bucle
/// que vuelve a mirar una y otra vez), la ejecución da miles de pasos sin terminar.
fn debe_dormir(nombre: &'static str, quien: &'static str, escenario: fn()) {
    con_limite(nombre, move || {
        match mensaje_de_panico(|| explorar(nombre, escenario)) {
            Some(m) if m.contains("interbloqueo") => {}
            Some(m) if m.contains("pasos sin terminar") => panic!(
                "espera activa: el {quien} no se duerme mientras espera. En la exploración dio \
                 miles de pasos sin que nada cambiara: es un bucle que vuelve a tomar el \
                 cerrojo y mirar, una y otra vez (con o sin yield_now o sleep), en lugar de \
                 dormir en la variable de condición con wait hasta que lo avisen."
            ),
            Some(m) => panic!("{m}"),
            None => panic!("el {quien} no esperó: volvió sin que pudiera hacerlo"),
        }
    });
}

#[test]
fn un_consumidor_con_el_buffer_vacio_duerme() {
    debe_dormir(
        "un_consumidor_con_el_buffer_vacio_duerme",
        "consumidor",
        || {
            let buffer = Arc::new(Buffer::<usize>::new(1));
            hilos_explorados(1, move |_| {
                let r = buffer.recibir();
                panic!(
                    "recibir() volvió con {r:?} en un búfer vacío y abierto: debía esperar a \
                     que alguien enviara o cerrara"
                );
            });
        },
    );
}

#[test]
fn un_productor_con_el_buffer_lleno_duerme() {
    debe_dormir(
        "un_productor_con_el_buffer_lleno_duerme",
        "productor",
        || {
            let buffer = Arc::new(Buffer::<usize>::new(1));
            hilos_explorados(1, move |_| {
                let _ = buffer.enviar(1);
                let r = buffer.enviar(2);
                panic!(
                    "enviar() volvió con {r:?} en un búfer lleno y abierto: debía esperar a que \
                 alguien recibiera o cerrara"
                );
            });
        },
    );
}

// ---------------------------------------------------------------------------------------
// Estrés con hilos reales
// ---------------------------------------------------------------------------------------

#[test]
fn estres_muchos_productores_y_consumidores() {
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

#[test]
fn estres_cerrar_mientras_se_envia() {
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

#[test]
fn con_buffer_entrega_todo_en_orden() {
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
fn comprobar_programa_con_canal(nombre: &str, f: Variante) {
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

#[test]
fn con_crossbeam_entrega_todo_en_orden() {
    con_limite("con_crossbeam entrega todo en orden", || {
        comprobar_programa_con_canal("con_crossbeam", con_crossbeam)
    });
}

#[test]
fn con_sync_channel_entrega_todo_en_orden() {
    con_limite("con_sync_channel entrega todo en orden", || {
        comprobar_programa_con_canal("con_sync_channel", con_sync_channel)
    });
}

#[test]
fn sin_elementos_por_productor_cada_consumidor_devuelve_una_lista_vacia() {
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
