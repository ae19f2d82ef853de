//! Exploración de planificaciones (shuttle y el detector de carreras de datos).

use super::*;

/// Como `explorar`, pero si la exploración encuentra un interbloqueo, antepone al informe
/// `consejo`, que explica qué suele causarlo en este escenario.
pub(crate) fn explorar_con_consejo(
    nombre: &'static str,
    consejo: &'static str,
    escenario: impl Fn() + Send + Sync + 'static,
) {
    if let Some(informe) = mensaje_de_panico(|| explorar(nombre, escenario)) {
        let interbloqueo = informe.contains("interbloqueo")
            || informe.contains("deadlock")
            || informe.contains("already holds");
        if interbloqueo {
            panic!("{consejo}\n\n{informe}");
        }
        panic!("{informe}");
    }
}

pub(crate) fn explorar_giro_exclusion_mutua() {
    explorar("explorar_giro_exclusion_mutua", || {
        let cerrojo = Arc::new(CerrojoGiro::new(0_u32));
        let sala = Arc::new(Sala::default());
        let (c, s) = (Arc::clone(&cerrojo), Arc::clone(&sala));
        hilos_explorados(3, move |i| {
            for _ in 0..2 {
                anotar(format!("hilo {i} pide el cerrojo"));
                let mut guarda = c.adquirir();
                s.entrar(i);
                let leido = *guarda;
                sincro::thread::yield_now();
                *guarda = leido + 1;
                s.salir(i);
                drop(guarda);
            }
        });
        comprobar_igual(
            *cerrojo.adquirir(),
            6,
            "el contador tras 3 hilos × 2 incrementos: se perdieron incrementos",
        );
    });
}

pub(crate) fn explorar_giro_con_intentos() {
    explorar("explorar_giro_con_intentos", || {
        let cerrojo = Arc::new(CerrojoGiro::new(Vec::new()));
        let sala = Arc::new(Sala::default());
        let (c, s) = (Arc::clone(&cerrojo), Arc::clone(&sala));
        hilos_explorados(3, move |i| {
            anotar(format!("hilo {i} intenta adquirir"));
            match c.intentar_adquirir() {
                Some(mut guarda) => {
                    s.entrar(i);
                    guarda.push(i);
                    sincro::thread::yield_now();
                    s.salir(i);
                }
                None => anotar(format!("hilo {i} lo encuentra ocupado")),
            }
        });
        let dentro = cerrojo.adquirir().len();
        comprobar(dentro >= 1, || {
            "ningún hilo consiguió el cerrojo con intentar_adquirir(): al menos el primero \
             debía encontrarlo libre."
                .into()
        });
    });
}

pub(crate) fn explorar_tiques_exclusion_mutua() {
    explorar("explorar_tiques_exclusion_mutua", || {
        let cerrojo = Arc::new(CerrojoTiques::new(0_u32));
        let sala = Arc::new(Sala::default());
        let (c, s) = (Arc::clone(&cerrojo), Arc::clone(&sala));
        hilos_explorados(3, move |i| {
            for _ in 0..2 {
                anotar(format!("hilo {i} pide el cerrojo"));
                let mut guarda = c.adquirir();
                s.entrar(i);
                let leido = *guarda;
                sincro::thread::yield_now();
                *guarda = leido + 1;
                s.salir(i);
                drop(guarda);
            }
        });
        comprobar_igual(
            *cerrojo.adquirir(),
            6,
            "el contador tras 3 hilos × 2 incrementos: se perdieron incrementos",
        );
        comprobar_igual(
            cerrojo.turnos_esperando(),
            0,
            "turnos_esperando() con el cerrojo adquirido y nadie esperando",
        );
    });
}

/// El hilo principal tiene el cerrojo; los hilos 1, 2 y 3 piden turno en ese orden (cada
/// uno no se lanza hasta que el anterior espera); al soltar, deben entrar en el mismo orden.
pub(crate) fn orden_de_llegada(
    lanzar: impl Fn(usize, Arc<CerrojoTiques<Vec<usize>>>) -> Box<dyn FnOnce()>,
    ceder: impl Fn(),
) {
    let cerrojo = Arc::new(CerrojoTiques::new(Vec::new()));
    let guarda = cerrojo.adquirir();
    anotar("el hilo principal tiene el cerrojo");
    let mut esperas = Vec::new();
    for i in 1..=3 {
        esperas.push(lanzar(i, Arc::clone(&cerrojo)));
        let mut vueltas = 0;
        while cerrojo.turnos_esperando() < i {
            vueltas += 1;
            comprobar(vueltas < 100_000, || {
                format!(
                    "turnos_esperando() no llega a {i} aunque hay {i} hilos esperando el \
                     cerrojo: debe contar los tiques dados que aún no han entrado."
                )
            });
            ceder();
        }
        anotar(format!("hilo {i} ya espera su turno"));
    }
    anotar("el hilo principal suelta el cerrojo");
    drop(guarda);
    for espera in esperas {
        espera();
    }
    comprobar_igual(
        cerrojo.adquirir().clone(),
        vec![1, 2, 3],
        "orden de entrada de tres hilos que pidieron el cerrojo en el orden 1, 2, 3: un \
         cerrojo de tiques atiende por orden de llegada (si no, alguno puede pasar hambre)",
    );
}

pub(crate) fn explorar_tiques_por_orden_de_llegada() {
    explorar("explorar_tiques_por_orden_de_llegada", || {
        orden_de_llegada(
            |i, c| {
                let hilo = sincro::thread::Builder::new()
                    .name(format!("hilo {i}"))
                    .spawn(move || {
                        anotar(format!("hilo {i} pide el cerrojo"));
                        let mut guarda = c.adquirir();
                        anotar(format!("hilo {i} entra"));
                        guarda.push(i);
                    })
                    .expect("no se pudo crear un hilo explorado");
                Box::new(move || {
                    if let Err(e) = hilo.join() {
                        std::panic::resume_unwind(e)
                    }
                })
            },
            sincro::thread::yield_now,
        );
    });
}

pub(crate) fn los_tiques_atienden_por_orden_de_llegada() {
    con_limite("los tiques atienden por orden de llegada", || {
        for _ in 0..5 {
            orden_de_llegada(
                |i, c| {
                    let hilo = std::thread::spawn(move || c.adquirir().push(i));
                    Box::new(move || {
                        if let Err(e) = hilo.join() {
                            std::panic::resume_unwind(e)
                        }
                    })
                },
                std::thread::yield_now,
            );
        }
    });
}

pub(crate) fn explorar_la_ultima_plaza() {
    explorar("explorar_la_ultima_plaza", || {
        let reservas = Arc::new(Reservas::new(2));
        let plazas = Arc::new(Mutex::new(Vec::new()));
        let (r, p) = (Arc::clone(&reservas), Arc::clone(&plazas));
        hilos_explorados(3, move |i| {
            anotar(format!("cliente {i} pide plaza"));
            let plaza = r.reservar(&format!("cliente {i}"));
            anotar(format!("cliente {i} recibe {plaza:?}"));
            if let Some(plaza) = plaza {
                p.lock().unwrap().push(plaza);
            }
        });
        let pasajeros = reservas.pasajeros();
        comprobar(pasajeros.len() <= 2, || {
            format!(
                "{} pasajeros en un vuelo de 2 plazas: {pasajeros:?}. Es una condición de \
                 carrera de comprobar y actuar: si «¿queda sitio?» y «me la quedo» están en \
                 dos secciones críticas distintas, otro cliente puede llevarse la plaza entre \
                 las dos. Deben ser una sola.",
                pasajeros.len()
            )
        });
        let mut concedidas = plazas.lock().unwrap().clone();
        concedidas.sort();
        comprobar_igual(
            concedidas,
            vec![1, 2],
            "números de plaza concedidos a 3 clientes en un vuelo de 2 plazas",
        );
        comprobar_igual(reservas.libres(), 0, "plazas libres al final");
    });
}

pub(crate) fn explorar_transferencias_opuestas_sin_interbloqueo() {
    explorar_con_consejo(
        "explorar_transferencias_opuestas_sin_interbloqueo",
        "interbloqueo entre dos transferencias opuestas (0 → 1 y 1 → 0): cada hilo adquirió \
         la cuenta de origen y espera la que tiene el otro. Adquiere las dos cuentas siempre \
         en el mismo orden global (primero la de número menor), sea cual sea el origen.",
        || {
            let banco = Arc::new(Banco::new(&[100, 100]));
            let b = Arc::clone(&banco);
            hilos_explorados(2, move |i| {
                let (origen, destino, cantidad) = if i == 1 { (0, 1, 10) } else { (1, 0, 30) };
                anotar(format!(
                    "hilo {i}: transferir({origen} → {destino}, {cantidad})"
                ));
                let r = b.transferir(origen, destino, cantidad);
                anotar(format!("hilo {i}: {r:?}"));
                comprobar(r.is_ok(), || {
                    format!("transferir({origen}, {destino}, {cantidad}) falló: {r:?}")
                });
            });
            comprobar_igual(
                [banco.saldo(0), banco.saldo(1)],
                [Some(120), Some(80)],
                "saldos tras 0 → 1 (10) y 1 → 0 (30) a la vez",
            );
        },
    );
}

pub(crate) fn explorar_total_durante_transferencias() {
    explorar("explorar_total_durante_transferencias", || {
        let banco = Arc::new(Banco::new(&[100, 100, 100]));
        let b = Arc::clone(&banco);
        hilos_explorados(2, move |i| {
            if i == 1 {
                for (origen, destino, cantidad) in [(0, 1, 50), (1, 2, 70), (2, 0, 20)] {
                    anotar(format!(
                        "hilo 1: transferir({origen} → {destino}, {cantidad})"
                    ));
                    let r = b.transferir(origen, destino, cantidad);
                    comprobar(r.is_ok(), || {
                        format!("transferir({origen}, {destino}, {cantidad}) falló: {r:?}")
                    });
                }
            } else {
                for _ in 0..2 {
                    let total = b.total();
                    anotar(format!("hilo 2: total() = {total}"));
                    comprobar(total == 300, || {
                        format!(
                            "total() devolvió {total} mientras otro hilo transfería, y el \
                             dinero total es siempre 300: vio una transferencia a medias. \
                             total() debe tener adquiridas todas las cuentas a la vez (en el \
                             mismo orden global que transferir), no una detrás de otra."
                        )
                    });
                }
            }
        });
        comprobar_igual(
            [banco.saldo(0), banco.saldo(1), banco.saldo(2)],
            [Some(70), Some(80), Some(150)],
            "saldos al final",
        );
    });
}

pub(crate) fn explorar_dos_transferencias_no_gastan_el_mismo_saldo() {
    // La cuenta 0 tiene 100 y dos hilos le piden 70 a la vez: solo una transferencia cabe.
    // Si el saldo se comprueba con un cerrojo y se resta con otro (o con el mismo, soltado
    // y vuelto a tomar), los dos pasan la comprobación antes de que ninguno reste.
    explorar(
        "explorar_dos_transferencias_no_gastan_el_mismo_saldo",
        || {
            let banco = Arc::new(Banco::new(&[100, 0, 0]));
            let resultados = Arc::new(Mutex::new(Vec::new()));
            let (b, r) = (Arc::clone(&banco), Arc::clone(&resultados));
            hilos_explorados(2, move |i| {
                anotar(format!("hilo {i}: transferir(0 → {i}, 70)"));
                let intento = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    b.transferir(0, i, 70)
                }));
                let resultado = match intento {
                    Ok(resultado) => resultado,
                    Err(carga) => {
                        let texto = arnes::traducir(&arnes::texto_de_panico(&*carga));
                        panic!(
                            "transferir(0, {i}, 70) entró en pánico («{texto}») con otra \
                         transferencia de la misma cuenta en marcha: las dos pasaron la \
                         comprobación de saldo (100 ≥ 70) y las dos restaron. Comprueba el \
                         saldo y mueve el dinero con los dos cerrojos adquiridos, en la misma \
                         sección crítica."
                        )
                    }
                };
                anotar(format!("hilo {i}: {resultado:?}"));
                r.lock().unwrap().push(resultado);
            });
            let resultados = resultados.lock().unwrap().clone();
            let bien = resultados.iter().filter(|r| r.is_ok()).count();
            let saldos = [banco.saldo(0), banco.saldo(1), banco.saldo(2)];
            comprobar(bien == 1, || {
                format!(
                    "dos transferencias de 70 desde una cuenta con 100, a la vez, dieron \
                 {resultados:?} (saldos al final: {saldos:?}): debe hacerse exactamente una, y \
                 la otra dar SaldoInsuficiente {{ disponible: 30, pedido: 70 }}. Si las dos se \
                 hicieron, gastaron el mismo saldo: la comprobación y la resta no están en la \
                 misma sección crítica."
                )
            });
            comprobar(
                resultados.contains(&Err(ErrorTransferencia::SaldoInsuficiente {
                    disponible: 30,
                    pedido: 70,
                })),
                || {
                    format!(
                        "la transferencia que no cabe debe dar SaldoInsuficiente {{ disponible: 30, \
                     pedido: 70 }} (lo que queda tras la otra), y las dos dieron {resultados:?}"
                    )
                },
            );
            comprobar_igual(
                banco.total(),
                100,
                "el dinero total tras las dos transferencias",
            );
        },
    );
}

pub(crate) fn transferir_a_la_misma_cuenta_no_se_cuelga() {
    explorar_con_consejo(
        "transferir_a_la_misma_cuenta_no_se_cuelga",
        "interbloqueo de un hilo consigo mismo: transferir(c, c, ..) adquirió dos veces el \
         Mutex de la misma cuenta, y un Mutex no es reentrante. Devuelve \
         Err(ErrorTransferencia::MismaCuenta) antes de adquirir nada.",
        || {
            let banco = Arc::new(Banco::new(&[100, 50]));
            let b = Arc::clone(&banco);
            hilos_explorados(2, move |i| {
                let cuenta = i - 1;
                anotar(format!("hilo {i}: transferir({cuenta} → {cuenta}, 10)"));
                comprobar_igual(
                    b.transferir(cuenta, cuenta, 10),
                    Err(ErrorTransferencia::MismaCuenta),
                    "transferir de una cuenta a sí misma",
                );
            });
            comprobar_igual(
                [banco.saldo(0), banco.saldo(1)],
                [Some(100), Some(50)],
                "saldos después de transferir de cada cuenta a sí misma",
            );
        },
    );
}
