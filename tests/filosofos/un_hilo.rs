//! Unitarias: un hilo.

use super::*;

/// Cada filósofo come una vez, solo, con la versión `protocolo`.
pub(crate) fn uno_tras_otro(protocolo: &impl Protocolo) {
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

pub(crate) fn cada_version_come_con_dos_tenedores_y_los_suelta() {
    con_limite("cada versión come con dos tenedores y los suelta", || {
        uno_tras_otro(&EnOrden);
        uno_tras_otro(&Camarero::new(FILOSOFOS));
        uno_tras_otro(&ConIntentos);
    });
}

pub(crate) fn el_orden_global_empieza_por_el_tenedor_menor() {
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
pub(crate) type Comer<'a> = dyn Fn(&Mesa) + 'a;

pub(crate) fn los_tenedores_y_la_silla_vuelven_aunque_la_comida_entre_en_panico() {
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

pub(crate) fn el_camarero_deja_n_menos_1_sillas_y_al_menos_una() {
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

pub(crate) fn el_camarero_sienta_a_n_menos_1_y_hace_esperar_al_siguiente() {
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
