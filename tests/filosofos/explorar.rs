//! Exploración de planificaciones (shuttle).

use super::*;

/// Lanza `n` hilos explorados llamados «filósofo 0», «filósofo 1»... y espera a todos.
pub(crate) fn filosofos_explorados(n: usize, f: impl Fn(usize) + Send + Sync + 'static) {
    arnes::hilos_explorados_llamados(0..n, |i| format!("filósofo {i}"), f);
}

/// Una mesa cuyos movimientos quedan en la traza de la exploración.
pub(crate) fn mesa_anotada(n: usize) -> Arc<Mesa> {
    Arc::new(Mesa::con_observador(n, |evento| anotar(evento.to_string())))
}

/// Una cena explorada: `n` filósofos comen `veces` veces cada uno con la versión que da
/// `crear(n)`, y se comprueba cada comida y el final.
pub(crate) fn cena_explorada<P: Protocolo + Send + 'static>(
    n: usize,
    veces: usize,
    crear: fn(usize) -> P,
) {
    let mesa = mesa_anotada(n);
    let comedor = Arc::new(Comedor::new(n));
    let protocolo = Arc::new(crear(n));
    let (m, c) = (Arc::clone(&mesa), Arc::clone(&comedor));
    filosofos_explorados(n, move |f| {
        for _ in 0..veces {
            protocolo.comer(&m, f, || c.comer(&m, f));
            c.despues(&m, f);
        }
    });
    comprobar_igual(
        comedor.comidas(),
        vec![veces; n],
        "comidas de cada filósofo",
    );
    todos_libres(&mesa);
}

pub(crate) fn explorar_en_orden_sin_interbloqueo() {
    explorar("explorar_en_orden_sin_interbloqueo", || {
        cena_explorada(FILOSOFOS, 2, |_| EnOrden)
    });
}

pub(crate) fn explorar_camarero_sin_interbloqueo() {
    explorar("explorar_camarero_sin_interbloqueo", || {
        cena_explorada(FILOSOFOS, 2, Camarero::new)
    });
}

pub(crate) fn explorar_intentos_sin_interbloqueo() {
    explorar("explorar_intentos_sin_interbloqueo", || {
        cena_explorada(FILOSOFOS, 2, |_| ConIntentos)
    });
}

pub(crate) fn explorar_el_camarero_sienta_como_mucho_a_n_menos_1() {
    explorar("explorar_el_camarero_sienta_como_mucho_a_n_menos_1", || {
        let n = 4;
        let camarero = Arc::new(Camarero::new(n));
        let sentados = Arc::new(AtomicUsize::new(0));
        let (c, s) = (Arc::clone(&camarero), Arc::clone(&sentados));
        filosofos_explorados(n, move |f| {
            for _ in 0..2 {
                let silla = c.sentarse(f);
                let ahora = s.fetch_add(1, Ordering::SeqCst) + 1;
                anotar(format!("el filósofo {f} se sienta (sentados: {ahora})"));
                comprobar(ahora < n, || {
                    format!(
                        "{ahora} filósofos sentados en una mesa de {n}: el camarero debe dejar \
                         como mucho {}.",
                        n - 1
                    )
                });
                sincro::thread::yield_now();
                s.fetch_sub(1, Ordering::SeqCst);
                anotar(format!("el filósofo {f} se levanta"));
                drop(silla);
            }
        });
        comprobar_igual(camarero.libres(), n - 1, "sillas libres al final");
    });
}

pub(crate) fn explorar_quien_tiene_el_turno_y_una_silla_libre_se_sienta_sin_esperar_a_nadie() {
    // Un camarero de dos sillas (`Camarero::new(3)`), las dos ocupadas por los filósofos 0 y
    // 1; los filósofos 2 y 3 piden sitio y, una vez sentados, no se levantan hasta que los
    // dos lo están. Cuando 0 y 1 se levantan quedan dos sillas libres: los dos que esperan
    // deben sentarse sin que nadie más se levante. Si el primero se sienta y no avisa al
    // siguiente de la cola, este sigue dormido con su turno y una silla libre, y todos se
    // quedan esperando.
    explorar(
        "explorar_quien_tiene_el_turno_y_una_silla_libre_se_sienta_sin_esperar_a_nadie",
        || {
            let camarero = Arc::new(Camarero::new(3));
            // Cuántos de los filósofos 2 y 3 están sentados.
            let sentados = Arc::new((sincro::Mutex::new(0usize), sincro::Condvar::new()));
            let primera = camarero.sentarse(0);
            let segunda = camarero.sentarse(1);
            anotar("los filósofos 0 y 1 se sientan: no quedan sillas libres");
            let hilos: Vec<_> = [2, 3]
                .into_iter()
                .map(|f| {
                    let (c, s) = (Arc::clone(&camarero), Arc::clone(&sentados));
                    sincro::thread::Builder::new()
                        .name(format!("filósofo {f}"))
                        .spawn(move || {
                            anotar(format!("el filósofo {f} pide sitio"));
                            let silla = c.sentarse(f);
                            let (cuenta, cambio) = &*s;
                            let mut n = cuenta.lock();
                            *n += 1;
                            anotar(format!(
                                "el filósofo {f} se sienta y no se levantará hasta que los \
                                 filósofos 2 y 3 estén sentados (sentados: {})",
                                *n
                            ));
                            cambio.notify_all();
                            while *n < 2 {
                                cambio.wait(&mut n);
                            }
                            drop(n);
                            drop(silla);
                        })
                        .expect("no se pudo crear un hilo explorado")
                })
                .collect();
            sincro::thread::yield_now();
            drop(primera);
            anotar("el filósofo 0 se levanta: queda una silla libre");
            drop(segunda);
            anotar(
                "el filósofo 1 se levanta: quedan dos sillas libres, y los filósofos 2 y 3 deben \
                 poder sentarse sin que nadie más se levante (si no, los dos esperan para \
                 siempre: quien se sienta debe avisar al siguiente de la cola)",
            );
            for hilo in hilos {
                if let Err(carga) = hilo.join() {
                    std::panic::resume_unwind(carga);
                }
            }
            comprobar_igual(camarero.libres(), 2, "sillas libres al final");
        },
    );
}

pub(crate) fn explorar_intentos_sin_bloqueo_activo() {
    // Con el planificador por turnos, todos los filósofos avanzan al mismo paso: si todos
    // reintentan igual, vuelven a chocar igual, para siempre.
    explorar_por_turnos("explorar_intentos_sin_bloqueo_activo", || {
        cena_explorada(FILOSOFOS, 2, |_| ConIntentos)
    });
}

pub(crate) fn explorar_el_camarero_no_deja_a_nadie_sin_comer() {
    // Un camarero de dos sillas (`Camarero::new(3)`) para cinco filósofos: siempre hay cola.
    // Los filósofos comen hasta que entre todos suman TOTAL comidas. Con planificadores
    // justos, ninguno se queda sin turno: si uno no come ni una vez, es el camarero quien lo
    // deja sin sitio.
    const TOTAL: usize = 30;
    explorar_por_turnos("explorar_el_camarero_no_deja_a_nadie_sin_comer", || {
        let mesa = mesa_anotada(FILOSOFOS);
        let comedor = Arc::new(Comedor::new(FILOSOFOS));
        let camarero = Arc::new(Camarero::new(3));
        let total = Arc::new(AtomicUsize::new(0));
        // Las comidas de cada uno en el instante en que el total llega a TOTAL (después, los
        // demás dejan de pedir sitio y hasta el más olvidado acaba comiendo).
        let foto = Arc::new(std::sync::Mutex::new(Vec::new()));
        let (m, c, t, ft) = (
            Arc::clone(&mesa),
            Arc::clone(&comedor),
            Arc::clone(&total),
            Arc::clone(&foto),
        );
        filosofos_explorados(FILOSOFOS, move |f| {
            while t.load(Ordering::SeqCst) < TOTAL {
                camarero.comer(&m, f, || c.comer(&m, f));
                if t.fetch_add(1, Ordering::SeqCst) + 1 == TOTAL {
                    *ft.lock().unwrap() = c.comidas();
                }
            }
        });
        let comidas = foto.lock().unwrap().clone();
        for (f, &veces) in comidas.iter().enumerate() {
            comprobar(veces > 0, || {
                format!(
                    "inanición: el filósofo {f} no había comido ni una vez cuando entre todos \
                     sumaban {TOTAL} comidas (comidas por filósofo: {comidas:?}). El camarero \
                     promete atender por orden de llegada: nadie que llegue después debe \
                     sentarse antes."
                )
            });
        }
    });
}
