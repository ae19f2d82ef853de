//! Suite oficial del ejercicio `filosofos`.
//!
//! - Unitarias deterministas: un solo hilo, cada versión come y suelta sus tenedores.
//! - Exploración de planificaciones con shuttle: miles de órdenes de cinco filósofos, que
//!   encuentran el orden que cierra un ciclo de esperas (interbloqueo). Los tenedores son los
//!   de `sincro::mesa`: la traza de un fallo dice quién toma, quién espera y a quién.
//! - Exploración con planificadores justos (`explorar_por_turnos`): el bloqueo activo de los
//!   intentos sin azar y la inanición, juzgada por cuentas de comidas, no por tiempos.
//! - Estrés con hilos reales, con un vigilante que mira el grafo de esperas de la mesa: un
//!   interbloqueo falla en el acto diciendo quién espera a quién.

use arnes::{
    Cita, anotar, comprobar, comprobar_igual, con_limite, con_limite_vigilado, explorar,
    explorar_por_turnos,
};
use filosofos::{Camarero, ConIntentos, EnOrden, Mesa, Protocolo};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

const FILOSOFOS: usize = 5;

/// Lo que observa la prueba: quién come ahora y cuántas veces ha comido cada uno.
struct Comedor {
    comiendo: Vec<AtomicBool>,
    comidas: Vec<AtomicUsize>,
}

impl Comedor {
    fn new(n: usize) -> Self {
        Self {
            comiendo: (0..n).map(|_| AtomicBool::new(false)).collect(),
            comidas: (0..n).map(|_| AtomicUsize::new(0)).collect(),
        }
    }

    /// La comida del filósofo `f`: comprueba que tiene sus dos tenedores y que ningún vecino
    /// come a la vez, y cede el procesador a media comida para dar ocasión a los errores.
    #[track_caller]
    fn comer(&self, mesa: &Mesa, f: usize) {
        let n = self.comiendo.len();
        self.comiendo[f].store(true, Ordering::SeqCst);
        anotar(format!("filósofo {f} come"));
        for vecino in [(f + n - 1) % n, (f + 1) % n] {
            let compartido = if vecino == (f + 1) % n { vecino } else { f };
            comprobar(!self.comiendo[vecino].load(Ordering::SeqCst), || {
                format!(
                    "los filósofos {f} y {vecino}, vecinos, comen a la vez: comparten el \
                     tenedor {compartido}, y solo uno puede tenerlo."
                )
            });
        }
        for tenedor in [f, (f + 1) % n] {
            let dueno = mesa.dueno(tenedor);
            comprobar(dueno == Some(f), || {
                format!(
                    "el filósofo {f} come sin el tenedor {tenedor} en la mano (lo tiene: {}). \
                     Hay que comer con los dos tenedores tomados.",
                    quien(dueno)
                )
            });
        }
        sincro::thread::yield_now();
        self.comiendo[f].store(false, Ordering::SeqCst);
        self.comidas[f].fetch_add(1, Ordering::SeqCst);
    }

    /// Después de comer: el filósofo `f` ya no tiene ninguno de sus tenedores.
    #[track_caller]
    fn despues(&self, mesa: &Mesa, f: usize) {
        let n = self.comiendo.len();
        for tenedor in [f, (f + 1) % n] {
            comprobar(mesa.dueno(tenedor) != Some(f), || {
                format!(
                    "el filósofo {f} terminó de comer con el tenedor {tenedor} todavía en la \
                     mano: los tenedores se sueltan al acabar (al destruir su EnMano)."
                )
            });
        }
    }

    fn comidas(&self) -> Vec<usize> {
        self.comidas
            .iter()
            .map(|c| c.load(Ordering::SeqCst))
            .collect()
    }
}

fn quien(dueno: Option<usize>) -> String {
    dueno.map_or("nadie".into(), |d| format!("el filósofo {d}"))
}

#[track_caller]
fn todos_libres(mesa: &Mesa) {
    for t in 0..mesa.filosofos() {
        comprobar(mesa.dueno(t).is_none(), || {
            format!(
                "al final de la cena, el tenedor {t} sigue en la mano del filósofo {}: alguien \
                 no lo soltó.",
                mesa.dueno(t).unwrap_or_default()
            )
        });
    }
}

// ---------------------------------------------------------------------------------------
// Unitarias: un hilo
// ---------------------------------------------------------------------------------------

/// Cada filósofo come una vez, solo, con la versión `protocolo`.
fn uno_tras_otro(protocolo: &impl Protocolo) {
    let mesa = Mesa::new(FILOSOFOS);
    let comedor = Comedor::new(FILOSOFOS);
    for f in 0..FILOSOFOS {
        let valor = protocolo.comer(&mesa, f, || {
            comedor.comer(&mesa, f);
            f * 10
        });
        comprobar_igual(
            valor,
            f * 10,
            "lo que devuelve comer() (debe ser lo de la comida)",
        );
        comedor.despues(&mesa, f);
    }
    comprobar_igual(
        comedor.comidas(),
        vec![1; FILOSOFOS],
        "comidas de cada filósofo (cada uno comió una vez)",
    );
    todos_libres(&mesa);
}

#[test]
fn cada_version_come_con_dos_tenedores_y_los_suelta() {
    con_limite("cada versión come con dos tenedores y los suelta", || {
        uno_tras_otro(&EnOrden);
        uno_tras_otro(&Camarero::new(FILOSOFOS));
        uno_tras_otro(&ConIntentos);
    });
}

#[test]
fn el_orden_global_empieza_por_el_tenedor_menor() {
    con_limite("el orden global empieza por el tenedor menor", || {
        let tomas = Arc::new(std::sync::Mutex::new(Vec::new()));
        let registro = Arc::clone(&tomas);
        let mesa = Mesa::con_observador(FILOSOFOS, move |evento| {
            if let sincro::mesa::Evento::Toma { .. } = evento {
                registro.lock().unwrap().push(evento.to_string());
            }
        });
        for f in 0..FILOSOFOS {
            EnOrden.comer(&mesa, f, || ());
        }
        let tomas = tomas.lock().unwrap().join("\n");
        arnes::instantanea!("el_orden_global_empieza_por_el_tenedor_menor", tomas);
    });
}

/// Una cena de un filósofo sobre una mesa dada.
type Comer<'a> = dyn Fn(&Mesa) + 'a;

#[test]
fn los_tenedores_y_la_silla_vuelven_aunque_la_comida_entre_en_panico() {
    con_limite("los tenedores vuelven tras un pánico", || {
        let camarero = Camarero::new(FILOSOFOS);
        let sillas = camarero.libres();
        comprobar_igual(sillas, FILOSOFOS - 1, "sillas libres de Camarero::new(5)");
        let versiones: [(&str, &Comer); 3] = [
            ("EnOrden", &|m| {
                EnOrden.comer(m, 4, || panic!("pánico a media comida"))
            }),
            ("Camarero", &|m| {
                camarero.comer(m, 4, || panic!("pánico a media comida"))
            }),
            ("ConIntentos", &|m| {
                ConIntentos.comer(m, 4, || panic!("pánico a media comida"))
            }),
        ];
        for (nombre, comer) in versiones {
            let mesa = Mesa::new(FILOSOFOS);
            let panico = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| comer(&mesa)));
            comprobar(panico.is_err(), || {
                format!("{nombre}: el pánico de la comida debe llegar a quien llama a comer()")
            });
            for t in [4, 0] {
                comprobar(mesa.dueno(t).is_none(), || {
                    format!(
                        "{nombre}: tras un pánico a media comida, el tenedor {t} sigue en la mano \
                         del filósofo 4. Guarda los tenedores en variables (EnMano): se sueltan \
                         solos al destruirse, también durante un pánico."
                    )
                });
            }
        }
        comprobar_igual(
            camarero.libres(),
            sillas,
            "sillas libres tras un pánico a media comida (la silla debe volver en su Drop)",
        );
    });
}

#[test]
fn el_camarero_deja_n_menos_1_sillas_y_al_menos_una() {
    con_limite("el camarero deja n − 1 sillas y al menos una", || {
        for (n, sillas) in [(5, 4), (3, 2), (2, 1), (1, 1)] {
            let camarero = Camarero::new(n);
            comprobar(camarero.libres() == sillas, || {
                format!(
                    "Camarero::new({n}) deja {} sillas libres, y debe dejar {sillas}: n − 1, y al \
                     menos una (con una sola silla, un filósofo solo también puede comer).",
                    camarero.libres()
                )
            });
            // Con una silla libre, sentarse no espera.
            let silla = camarero.sentarse(0);
            comprobar_igual(
                camarero.libres(),
                sillas - 1,
                &format!("sillas libres de Camarero::new({n}) con un filósofo sentado"),
            );
            drop(silla);
        }
    });
}

#[test]
fn el_camarero_sienta_a_n_menos_1_y_hace_esperar_al_siguiente() {
    con_limite("el camarero sienta a n − 1", || {
        let camarero = Camarero::new(FILOSOFOS);
        // Cuatro filósofos pueden estar sentados a la vez...
        let cita = Cita::new(FILOSOFOS - 1);
        let sentados = AtomicUsize::new(0);
        let quinto_sentado = AtomicBool::new(false);
        // Nadie se levanta hasta que los cuatro han comprobado que el quinto espera.
        let comprobado = std::sync::Barrier::new(FILOSOFOS - 1);
        let demasiados = AtomicBool::new(false);
        std::thread::scope(|s| {
            let mut hilos = Vec::new();
            for f in 0..FILOSOFOS - 1 {
                let (camarero, cita, sentados) = (&camarero, &cita, &sentados);
                let (quinto, comprobado) = (&quinto_sentado, &comprobado);
                let demasiados = &demasiados;
                hilos.push(s.spawn(move || {
                    let _silla = camarero.sentarse(f);
                    sentados.fetch_add(1, Ordering::SeqCst);
                    cita.llegar();
                    // ...y mientras lo están, el quinto no se sienta.
                    std::thread::sleep(Duration::from_millis(30));
                    if quinto.load(Ordering::SeqCst) {
                        demasiados.store(true, Ordering::SeqCst);
                    }
                    comprobado.wait();
                }));
            }
            s.spawn(|| {
                while sentados.load(Ordering::SeqCst) < FILOSOFOS - 1 && !cita.caducada() {
                    std::thread::yield_now();
                }
                let _silla = camarero.sentarse(FILOSOFOS - 1);
                quinto_sentado.store(true, Ordering::SeqCst);
            });
            // El pánico de un hilo, con su mensaje (no «a scoped thread panicked»).
            for hilo in hilos {
                if let Err(carga) = hilo.join() {
                    std::panic::resume_unwind(carga);
                }
            }
        });
        comprobar(!demasiados.load(Ordering::SeqCst), || {
            format!(
                "el camarero sentó a {FILOSOFOS} filósofos en una mesa de {FILOSOFOS}: debe \
                 dejar como mucho {} sentados.",
                FILOSOFOS - 1
            )
        });
        comprobar(!cita.caducada(), || {
            format!(
                "{} filósofos deben poder estar sentados a la vez, y no lo consiguieron: el \
                 camarero deja menos sillas de las que debe.",
                FILOSOFOS - 1
            )
        });
        comprobar(quinto_sentado.load(Ordering::SeqCst), || {
            "el quinto filósofo no llegó a sentarse cuando los demás se levantaron".into()
        });
        comprobar_igual(camarero.libres(), FILOSOFOS - 1, "sillas libres al final");
    });
}

// ---------------------------------------------------------------------------------------
// Exploración de planificaciones (shuttle)
// ---------------------------------------------------------------------------------------

/// Lanza `n` hilos explorados llamados «filósofo 0», «filósofo 1»... y espera a todos.
fn filosofos_explorados(n: usize, f: impl Fn(usize) + Send + Sync + 'static) {
    arnes::hilos_explorados_llamados(0..n, |i| format!("filósofo {i}"), f);
}

/// Una mesa cuyos movimientos quedan en la traza de la exploración.
fn mesa_anotada(n: usize) -> Arc<Mesa> {
    Arc::new(Mesa::con_observador(n, |evento| anotar(evento.to_string())))
}

/// Una cena explorada: `n` filósofos comen `veces` veces cada uno con la versión que da
/// `crear(n)`, y se comprueba cada comida y el final.
fn cena_explorada<P: Protocolo + Send + 'static>(n: usize, veces: usize, crear: fn(usize) -> P) {
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

#[test]
fn explorar_en_orden_sin_interbloqueo() {
    explorar("explorar_en_orden_sin_interbloqueo", || {
        cena_explorada(FILOSOFOS, 2, |_| EnOrden)
    });
}

#[test]
fn explorar_camarero_sin_interbloqueo() {
    explorar("explorar_camarero_sin_interbloqueo", || {
        cena_explorada(FILOSOFOS, 2, Camarero::new)
    });
}

#[test]
fn explorar_intentos_sin_interbloqueo() {
    explorar("explorar_intentos_sin_interbloqueo", || {
        cena_explorada(FILOSOFOS, 2, |_| ConIntentos)
    });
}

#[test]
fn explorar_el_camarero_sienta_como_mucho_a_n_menos_1() {
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

#[test]
fn explorar_quien_tiene_el_turno_y_una_silla_libre_se_sienta_sin_esperar_a_nadie() {
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

#[test]
fn explorar_intentos_sin_bloqueo_activo() {
    // Con el planificador por turnos, todos los filósofos avanzan al mismo paso: si todos
    // reintentan igual, vuelven a chocar igual, para siempre.
    explorar_por_turnos("explorar_intentos_sin_bloqueo_activo", || {
        cena_explorada(FILOSOFOS, 2, |_| ConIntentos)
    });
}

#[test]
fn explorar_el_camarero_no_deja_a_nadie_sin_comer() {
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

// ---------------------------------------------------------------------------------------
// Estrés con hilos reales
// ---------------------------------------------------------------------------------------

/// `FILOSOFOS` hilos reales comen `veces` veces cada uno con `protocolo`. Un vigilante mira
/// el grafo de esperas de la mesa: si se cierra un ciclo, la prueba falla en el acto y dice
/// quién espera a quién.
fn cena_real<P: Protocolo + Send + 'static>(nombre: &str, protocolo: P, veces: usize) {
    let mesa = Arc::new(Mesa::new(FILOSOFOS));
    let vigilada = Arc::clone(&mesa);
    con_limite_vigilado(
        arnes::LIMITE,
        nombre,
        move || {
            vigilada.ciclo().map(|ciclo| {
                format!(
                    "interbloqueo con hilos reales. Quién espera a quién:\n{}\n{ciclo}",
                    vigilada.esperas()
                )
            })
        },
        move || {
            let comedor = Comedor::new(FILOSOFOS);
            arnes::en_hilos(FILOSOFOS, |f| {
                for _ in 0..veces {
                    protocolo.comer(&mesa, f, || comedor.comer(&mesa, f));
                    comedor.despues(&mesa, f);
                }
            });
            comprobar_igual(
                comedor.comidas(),
                vec![veces; FILOSOFOS],
                "comidas de cada filósofo",
            );
            todos_libres(&mesa);
        },
    );
}

#[test]
fn en_orden_aguanta_una_cena_real() {
    cena_real("estrés: en orden", EnOrden, 2000);
}

#[test]
fn camarero_aguanta_una_cena_real() {
    cena_real("estrés: camarero", Camarero::new(FILOSOFOS), 2000);
}

#[test]
fn intentos_aguanta_una_cena_real() {
    cena_real("estrés: intentos", ConIntentos, 2000);
}
