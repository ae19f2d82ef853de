//! Exploración de planificaciones (shuttle).

use super::*;

/// Dos lectores y dos escritores, dos vueltas cada uno. Cualquier orden debe respetar la
/// exclusión y terminar (un despertar perdido deja a un hilo dormido para siempre, y la
/// exploración lo ve como interbloqueo).
pub(crate) fn explorar_exclusion(politica: Politica) {
    let cerrojo = Arc::new(CerrojoLE::new(Par::default(), politica));
    let sala = Arc::new(Sala::default());
    let (c, s) = (Arc::clone(&cerrojo), Arc::clone(&sala));
    arnes::hilos_explorados(4, move |i| {
        for _ in 0..2 {
            if i <= 2 {
                anotar(format!("hilo {i} pide leer"));
                leer_par(&c, &s, i, sincro::thread::yield_now);
            } else {
                anotar(format!("hilo {i} pide escribir"));
                escribir_par(&c, &s, i, sincro::thread::yield_now);
            }
        }
    });
    comprobar_igual(
        cerrojo.foto(),
        Foto::default(),
        "foto() al final: todos salieron, nadie espera",
    );
    comprobar_igual(
        *cerrojo.leer(),
        Par(4, 4),
        "el valor tras cuatro escrituras: se perdió o se duplicó alguna",
    );
}

pub(crate) fn explorar_exclusion_con_preferencia_de_lectores() {
    explorar("explorar_exclusion_con_preferencia_de_lectores", || {
        explorar_exclusion(Politica::Lectores)
    });
}

pub(crate) fn explorar_exclusion_con_preferencia_de_escritores() {
    explorar("explorar_exclusion_con_preferencia_de_escritores", || {
        explorar_exclusion(Politica::Escritores)
    });
}

pub(crate) fn explorar_exclusion_con_politica_justa() {
    explorar("explorar_exclusion_con_politica_justa", || {
        explorar_exclusion(Politica::Justa)
    });
}

/// Explorado: el escritor 1 está dentro; llega un lector y se duerme, después llega el
/// escritor 2 y se duerme. Sale el escritor 1. Devuelve el orden en que entran los dos que
/// esperaban, que la política decide en cualquier planificación (no quien despierte antes).
pub(crate) fn al_salir_el_escritor_con_un_lector_y_un_escritor_esperando(
    politica: Politica,
) -> Vec<String> {
    let cerrojo = Arc::new(CerrojoLE::new((), politica));
    let registro = Arc::new(std::sync::Mutex::new(Vec::new()));
    let esperar = |que: Foto| {
        // Ceder hasta que la foto lo muestre: al explorar, ceder deja avanzar a los demás.
        while cerrojo.foto() != que {
            sincro::thread::yield_now();
        }
    };
    let dentro = Foto {
        escritor: true,
        ..Foto::default()
    };
    let guarda = cerrojo.escribir();
    anotar(format!("{politica:?}: el escritor 1 entra"));
    let (c, r) = (Arc::clone(&cerrojo), Arc::clone(&registro));
    let lector = sincro::thread::spawn(move || {
        let g = c.leer();
        anotar(format!("{politica:?}: el lector entra"));
        r.lock().unwrap().push("lector entra".to_string());
        drop(g);
    });
    esperar(Foto {
        lectores_esperando: 1,
        ..dentro
    });
    let (c, r) = (Arc::clone(&cerrojo), Arc::clone(&registro));
    let escritor = sincro::thread::spawn(move || {
        let g = c.escribir();
        anotar(format!("{politica:?}: el escritor 2 entra"));
        r.lock().unwrap().push("escritor 2 entra".to_string());
        drop(g);
    });
    esperar(Foto {
        lectores_esperando: 1,
        escritores_esperando: 1,
        ..dentro
    });
    anotar(format!(
        "{politica:?}: el escritor 1 sale; esperan un lector y, llegado después, el escritor 2"
    ));
    drop(guarda);
    for hilo in [lector, escritor] {
        if let Err(carga) = hilo.join() {
            std::panic::resume_unwind(carga);
        }
    }
    registro.lock().unwrap().clone()
}

pub(crate) fn explorar_al_salir_un_escritor_entra_quien_dice_la_politica() {
    explorar(
        "explorar_al_salir_un_escritor_entra_quien_dice_la_politica",
        || {
            for (politica, esperado, regla) in [
                (
                    Politica::Lectores,
                    ["lector entra", "escritor 2 entra"],
                    "con preferencia por los lectores, los lectores que esperan pasan antes \
                     que los escritores que esperan",
                ),
                (
                    Politica::Escritores,
                    ["escritor 2 entra", "lector entra"],
                    "con preferencia por los escritores, mientras un escritor espere, los \
                     lectores no entran",
                ),
                (
                    Politica::Justa,
                    ["lector entra", "escritor 2 entra"],
                    "con la política justa se entra por orden de llegada, y el lector llegó \
                     antes",
                ),
            ] {
                let orden = al_salir_el_escritor_con_un_lector_y_un_escritor_esperando(politica);
                comprobar(orden == esperado, || {
                    format!(
                        "con Politica::{politica:?}, el escritor 1 estaba dentro, esperaban un \
                         lector y (llegado después) el escritor 2, y el escritor 1 salió. \
                         Orden esperado: {esperado:?}; en esta planificación: {orden:?}. \
                         Regla: {regla}. Que entre el que despierta primero suele ser que \
                         escribir() o leer() no miran a quién espera del otro bando (la \
                         condición de entrada de la política) al comprobar si pueden entrar."
                    )
                });
            }
        },
    );
}

pub(crate) fn explorar_con_politica_justa_los_lectores_seguidos_entran_juntos() {
    // Con un escritor dentro, esperan dos lectores seguidos en la fila. Al salir el escritor,
    // los dos deben entrar juntos: ninguno sale hasta ver dentro al otro. Si el primero entra
    // sin avisar al siguiente de la fila, el segundo sigue dormido con su turno, y los dos se
    // quedan esperando.
    explorar(
        "explorar_con_politica_justa_los_lectores_seguidos_entran_juntos",
        || {
            let cerrojo = Arc::new(CerrojoLE::new((), Politica::Justa));
            let dentro = Arc::new((sincro::Mutex::new(0usize), sincro::Condvar::new()));
            let guarda = cerrojo.escribir();
            anotar("el escritor entra");
            let lectores: Vec<_> = (1..=2)
                .map(|i| {
                    let (c, d) = (Arc::clone(&cerrojo), Arc::clone(&dentro));
                    sincro::thread::Builder::new()
                        .name(format!("lector {i}"))
                        .spawn(move || {
                            anotar(format!("el lector {i} pide leer"));
                            let g = c.leer();
                            let (cuenta, cambio) = &*d;
                            let mut n = cuenta.lock();
                            *n += 1;
                            anotar(format!(
                                "el lector {i} entra y no saldrá hasta que entren los dos \
                                 (lectores dentro: {})",
                                *n
                            ));
                            cambio.notify_all();
                            while *n < 2 {
                                cambio.wait(&mut n);
                            }
                            drop(n);
                            drop(g);
                        })
                        .expect("no se pudo crear un hilo explorado")
                })
                .collect();
            while cerrojo.foto().lectores_esperando < 2 {
                sincro::thread::yield_now();
            }
            anotar(
                "el escritor sale; esperan dos lectores seguidos en la fila, que deben entrar \
                 juntos (si no, esperan para siempre: el lector que entra debe avisar al \
                 siguiente de la fila)",
            );
            drop(guarda);
            for hilo in lectores {
                if let Err(carga) = hilo.join() {
                    std::panic::resume_unwind(carga);
                }
            }
            comprobar_igual(
                cerrojo.foto(),
                Foto::default(),
                "foto() al final: todos salieron, nadie espera",
            );
        },
    );
}
