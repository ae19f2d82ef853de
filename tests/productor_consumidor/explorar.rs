//! Exploración de planificaciones (shuttle).

use super::*;

/// `productores` hilos envían `por_productor` elementos cada uno; el último en terminar
/// cierra el búfer. `consumidores` hilos reciben hasta que `recibir` devuelve `None`.
pub(crate) fn escenario(
    capacidad: usize,
    productores: usize,
    consumidores: usize,
    por_productor: usize,
) {
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

pub(crate) fn explorar_dos_productores_dos_consumidores() {
    explorar("explorar_dos_productores_dos_consumidores", || {
        escenario(1, 2, 2, 2)
    });
}

pub(crate) fn explorar_con_capacidad_dos() {
    explorar("explorar_con_capacidad_dos", || escenario(2, 2, 1, 3));
}

pub(crate) fn explorar_el_cierre_despierta_a_todos_los_consumidores() {
    explorar(
        "explorar_el_cierre_despierta_a_todos_los_consumidores",
        || escenario(1, 1, 3, 1),
    );
}

pub(crate) fn explorar_cerrar_con_productores_esperando() {
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

pub(crate) fn explorar_programa_con_buffer() {
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
pub(crate) fn debe_dormir(nombre: &'static str, quien: &'static str, escenario: fn()) {
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

pub(crate) fn un_consumidor_con_el_buffer_vacio_duerme() {
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

pub(crate) fn un_productor_con_el_buffer_lleno_duerme() {
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
