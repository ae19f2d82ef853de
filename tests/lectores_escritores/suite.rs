//! Suite oficial del ejercicio `lectores_escritores`.
//!
//! Cuatro tipos de prueba, cada una para lo que sabe ver:
//! - unitarias deterministas (un solo hilo, o varios con un orden forzado por lo que muestra
//!   `foto()`): la traza de un hilo y lo que promete cada política;
//! - exploración de planificaciones con shuttle: miles de órdenes distintos de unos pocos
//!   lectores y escritores, que encuentran carreras y despertares perdidos;
//! - inanición medida en **operaciones**, nunca en tiempo: cuántas veces entran los de un
//!   bando mientras uno del otro espera;
//! - estrés con hilos reales, más hilos que núcleos y cesiones dentro de la sección crítica.

use arnes::{Cita, anotar, comprobar, comprobar_igual, con_limite, en_hilos, explorar};
use lectores_escritores::{CerrojoLE, Foto, Politica};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const POLITICAS: [Politica; 3] = [Politica::Lectores, Politica::Escritores, Politica::Justa];

/// Cuenta quién está dentro de la sección crítica y falla si un escritor está acompañado.
#[derive(Default)]
struct Sala {
    lectores: AtomicUsize,
    escritores: AtomicUsize,
}

impl Sala {
    #[track_caller]
    fn entra_lector(&self, quien: usize) {
        let lectores = self.lectores.fetch_add(1, Ordering::SeqCst) + 1;
        let escritores = self.escritores.load(Ordering::SeqCst);
        anotar(format!(
            "hilo {quien} entra a leer (lectores dentro: {lectores})"
        ));
        comprobar(escritores == 0, || {
            format!(
                "el hilo {quien} entró a leer con un escritor dentro: el cerrojo no excluye a \
                 los escritores de los lectores. Suele ser que leer() no comprueba si hay un \
                 escritor, o que lo comprueba en una sección crítica y entra en otra."
            )
        });
    }

    fn sale_lector(&self, quien: usize) {
        anotar(format!("hilo {quien} sale de leer"));
        self.lectores.fetch_sub(1, Ordering::SeqCst);
    }

    #[track_caller]
    fn entra_escritor(&self, quien: usize) {
        let escritores = self.escritores.fetch_add(1, Ordering::SeqCst) + 1;
        let lectores = self.lectores.load(Ordering::SeqCst);
        anotar(format!("hilo {quien} entra a escribir"));
        comprobar(escritores == 1 && lectores == 0, || {
            format!(
                "el hilo {quien} entró a escribir con {} dentro: un escritor debe estar solo. \
                 Suele ser que escribir() no espera a que salgan los lectores, o no comprueba \
                 si ya hay otro escritor.",
                if escritores > 1 {
                    format!("{} escritores", escritores)
                } else {
                    format!("{lectores} lector(es)")
                }
            )
        });
    }

    fn sale_escritor(&self, quien: usize) {
        anotar(format!("hilo {quien} sale de escribir"));
        self.escritores.fetch_sub(1, Ordering::SeqCst);
    }
}

/// El valor protegido en las pruebas de exclusión: un escritor cambia las dos mitades con una
/// cesión en medio, así que un lector que ve mitades distintas ha leído a medio escribir.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Par(u64, u64);

fn leer_par(cerrojo: &CerrojoLE<Par>, sala: &Sala, quien: usize, ceder: impl Fn()) {
    let guarda = cerrojo.leer();
    sala.entra_lector(quien);
    let Par(a, b) = *guarda;
    ceder();
    sala.sale_lector(quien);
    drop(guarda);
    comprobar(a == b, || {
        format!(
            "el hilo {quien} leyó un valor a medio escribir ({a}, {b}): un escritor no estaba solo"
        )
    });
}

fn escribir_par(cerrojo: &CerrojoLE<Par>, sala: &Sala, quien: usize, ceder: impl Fn()) {
    let mut guarda = cerrojo.escribir();
    sala.entra_escritor(quien);
    guarda.0 += 1;
    ceder();
    guarda.1 += 1;
    sala.sale_escritor(quien);
}

/// Espera (con hilos reales) a que la foto del cerrojo cumpla `condicion`. Solo sirve para
/// forzar un orden: si no llega nunca, la prueba falla diciendo qué esperaba ver.
#[track_caller]
fn esperar_foto<T>(cerrojo: &CerrojoLE<T>, que: &str, condicion: impl Fn(&Foto) -> bool) {
    let fin = Instant::now() + Duration::from_secs(5);
    loop {
        let foto = cerrojo.foto();
        if condicion(&foto) {
            return;
        }
        comprobar(Instant::now() < fin, || {
            format!(
                "la prueba esperaba ver en foto() {que}, y nunca lo vio. Última foto: \
                 {foto:?}. Comprueba que cuentas bien los hilos que esperan (se cuentan antes \
                 de dormir y se descuentan al entrar) y que nadie se quedó dentro."
            )
        });
        std::thread::sleep(Duration::from_millis(1));
    }
}

// ---------------------------------------------------------------------------------------
// Unitarias: un hilo
// ---------------------------------------------------------------------------------------

#[test]
fn una_traza_de_un_solo_hilo() {
    con_limite("una traza de un solo hilo", || {
        let mut traza = Vec::new();
        for politica in POLITICAS {
            let c = CerrojoLE::new(String::from("hola"), politica);
            traza.push(format!("== {:?} ==", c.politica()));
            traza.push(format!("nuevo: {:?}", c.foto()));
            let a = c.leer();
            traza.push(format!("leer: {:?}, lee {:?}", c.foto(), *a));
            let b = c.leer();
            traza.push(format!("leer otra vez: {:?}", c.foto()));
            drop(a);
            drop(b);
            traza.push(format!("soltar las dos lecturas: {:?}", c.foto()));
            let mut e = c.escribir();
            e.push_str(", mundo");
            traza.push(format!("escribir: {:?}", c.foto()));
            drop(e);
            traza.push(format!("soltar la escritura: {:?}", c.foto()));
            traza.push(format!("leer de nuevo: {:?}", *c.leer()));
            traza.push(format!("into_inner: {:?}", c.into_inner()));
        }
        arnes::instantanea!("una_traza_de_un_solo_hilo", traza.join("\n"));
    });
}

#[test]
fn las_guardas_salen_del_cerrojo_al_destruirse() {
    con_limite("las guardas salen al destruirse", || {
        for politica in POLITICAS {
            let c = CerrojoLE::new(0, politica);
            for vuelta in 0..3 {
                drop(c.leer());
                comprobar_igual(
                    c.foto(),
                    Foto::default(),
                    &format!(
                        "foto() tras soltar una GuardaLectura (vuelta {vuelta}, {politica:?}): \
                         el Drop de la guarda debe descontar al lector"
                    ),
                );
                *c.escribir() += 1;
                comprobar_igual(
                    c.foto(),
                    Foto::default(),
                    &format!(
                        "foto() tras soltar una GuardaEscritura (vuelta {vuelta}, {politica:?}): \
                         el Drop de la guarda debe sacar al escritor"
                    ),
                );
            }
            comprobar_igual(c.into_inner(), 3, "el valor tras tres escrituras");
        }
    });
}

#[test]
fn la_guarda_sale_aunque_el_hilo_entre_en_panico() {
    con_limite("la guarda sale tras un pánico", || {
        for politica in POLITICAS {
            let c = CerrojoLE::new(0, politica);
            let lector = std::thread::scope(|s| {
                s.spawn(|| {
                    let _g = c.leer();
                    panic!("pánico provocado por la prueba con una GuardaLectura en la mano");
                })
                .join()
            });
            let escritor = std::thread::scope(|s| {
                s.spawn(|| {
                    let _g = c.escribir();
                    panic!("pánico provocado por la prueba con una GuardaEscritura en la mano");
                })
                .join()
            });
            comprobar(lector.is_err() && escritor.is_err(), || {
                "los hilos debían entrar en pánico".into()
            });
            comprobar_igual(
                c.foto(),
                Foto::default(),
                &format!(
                    "foto() tras el pánico de un lector y de un escritor ({politica:?}): las \
                     guardas deben salir del cerrojo al destruirse, también durante un pánico"
                ),
            );
        }
    });
}

// ---------------------------------------------------------------------------------------
// Varios hilos con un orden forzado: lo que promete cada política
// ---------------------------------------------------------------------------------------

#[test]
fn los_lectores_leen_a_la_vez() {
    con_limite("los lectores leen a la vez", || {
        for politica in POLITICAS {
            let c = CerrojoLE::new(7, politica);
            let cita = Cita::new(3);
            en_hilos(3, |_| {
                let g = c.leer();
                cita.llegar();
                assert_eq!(*g, 7);
            });
            comprobar(!cita.caducada(), || {
                format!(
                    "con la política {politica:?}, tres lectores sin ningún escritor deben poder \
                     estar dentro a la vez, y no lo consiguieron: el cerrojo los hace leer de uno \
                     en uno. Suele ser que leer() espera a que no haya lectores dentro, o que los \
                     lectores toman un cerrojo exclusivo (como el original en Python, que cuenta \
                     los lectores en una variable que no se comparte)."
                )
            });
        }
    });
}

/// Escenario A: el lector 1 está dentro, un escritor espera, y llega el lector 2.
fn llega_un_lector_mientras_espera_un_escritor(politica: Politica) -> Vec<String> {
    let c = CerrojoLE::new((), politica);
    let registro = std::sync::Mutex::new(Vec::new());
    let apuntar = |s: &str| registro.lock().unwrap().push(s.to_string());
    let lector2_dentro = AtomicBool::new(false);
    std::thread::scope(|s| {
        let g = c.leer();
        apuntar("lector 1 entra");
        s.spawn(|| {
            let _g = c.escribir();
            apuntar("escritor entra");
        });
        esperar_foto(&c, "un escritor esperando", |f| f.escritores_esperando == 1);
        s.spawn(|| {
            let _g = c.leer();
            apuntar("lector 2 entra");
            lector2_dentro.store(true, Ordering::SeqCst);
        });
        esperar_foto(&c, "que el lector 2 entre o espere", |f| {
            lector2_dentro.load(Ordering::SeqCst) || f.lectores_esperando == 1
        });
        apuntar("lector 1 sale");
        drop(g);
    });
    registro.into_inner().unwrap()
}

/// Escenario B: el escritor 1 está dentro, un lector espera, y llega el escritor 2.
fn llega_un_escritor_mientras_espera_un_lector(politica: Politica) -> Vec<String> {
    let c = CerrojoLE::new((), politica);
    let registro = std::sync::Mutex::new(Vec::new());
    let apuntar = |s: &str| registro.lock().unwrap().push(s.to_string());
    std::thread::scope(|s| {
        let g = c.escribir();
        apuntar("escritor 1 entra");
        s.spawn(|| {
            let _g = c.leer();
            apuntar("lector entra");
        });
        esperar_foto(&c, "un lector esperando", |f| f.lectores_esperando == 1);
        s.spawn(|| {
            let _g = c.escribir();
            apuntar("escritor 2 entra");
        });
        esperar_foto(&c, "un escritor esperando", |f| f.escritores_esperando == 1);
        apuntar("escritor 1 sale");
        drop(g);
    });
    registro.into_inner().unwrap()
}

fn orden(pasos: &[&str]) -> Vec<String> {
    pasos.iter().map(|s| s.to_string()).collect()
}

#[test]
fn con_preferencia_de_lectores_el_lector_no_espera_al_escritor() {
    con_limite("preferencia de lectores", || {
        comprobar_igual(
            llega_un_lector_mientras_espera_un_escritor(Politica::Lectores),
            orden(&[
                "lector 1 entra",
                "lector 2 entra",
                "lector 1 sale",
                "escritor entra",
            ]),
            "orden de entrada con Politica::Lectores cuando llega un lector mientras un \
             escritor espera (y hay otro lector dentro). Con preferencia por los lectores, \
             el lector 2 entra en el acto: un lector solo espera si hay un escritor DENTRO",
        );
        comprobar_igual(
            llega_un_escritor_mientras_espera_un_lector(Politica::Lectores),
            orden(&[
                "escritor 1 entra",
                "escritor 1 sale",
                "lector entra",
                "escritor 2 entra",
            ]),
            "orden de entrada con Politica::Lectores cuando, con un escritor dentro, esperan \
             un lector y después otro escritor. Con preferencia por los lectores, al salir el \
             escritor 1 pasan primero los lectores que esperan",
        );
    });
}

#[test]
fn con_preferencia_de_escritores_el_escritor_pasa_antes() {
    con_limite("preferencia de escritores", || {
        comprobar_igual(
            llega_un_lector_mientras_espera_un_escritor(Politica::Escritores),
            orden(&[
                "lector 1 entra",
                "lector 1 sale",
                "escritor entra",
                "lector 2 entra",
            ]),
            "orden de entrada con Politica::Escritores cuando llega un lector mientras un \
             escritor espera (y hay otro lector dentro). Con preferencia por los escritores, \
             un escritor que espera cierra la puerta a los lectores nuevos",
        );
        comprobar_igual(
            llega_un_escritor_mientras_espera_un_lector(Politica::Escritores),
            orden(&[
                "escritor 1 entra",
                "escritor 1 sale",
                "escritor 2 entra",
                "lector entra",
            ]),
            "orden de entrada con Politica::Escritores cuando, con un escritor dentro, \
             esperan un lector y después otro escritor. Con preferencia por los escritores, \
             mientras un escritor espere, los lectores no entran",
        );
    });
}

#[test]
fn con_politica_justa_se_entra_por_orden_de_llegada() {
    con_limite("política justa", || {
        comprobar_igual(
            llega_un_lector_mientras_espera_un_escritor(Politica::Justa),
            orden(&[
                "lector 1 entra",
                "lector 1 sale",
                "escritor entra",
                "lector 2 entra",
            ]),
            "orden de entrada con Politica::Justa cuando llega un lector mientras un escritor \
             espera (y hay otro lector dentro). Por orden de llegada, el escritor llegó antes \
             que el lector 2",
        );
        comprobar_igual(
            llega_un_escritor_mientras_espera_un_lector(Politica::Justa),
            orden(&[
                "escritor 1 entra",
                "escritor 1 sale",
                "lector entra",
                "escritor 2 entra",
            ]),
            "orden de entrada con Politica::Justa cuando, con un escritor dentro, esperan un \
             lector y después otro escritor. Por orden de llegada, el lector llegó antes que \
             el escritor 2",
        );
    });
}

// ---------------------------------------------------------------------------------------
// Exploración de planificaciones (shuttle)
// ---------------------------------------------------------------------------------------

/// Dos lectores y dos escritores, dos vueltas cada uno. Cualquier orden debe respetar la
/// exclusión y terminar (un despertar perdido deja a un hilo dormido para siempre, y la
/// exploración lo ve como interbloqueo).
fn explorar_exclusion(politica: Politica) {
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

#[test]
fn explorar_exclusion_con_preferencia_de_lectores() {
    explorar("explorar_exclusion_con_preferencia_de_lectores", || {
        explorar_exclusion(Politica::Lectores)
    });
}

#[test]
fn explorar_exclusion_con_preferencia_de_escritores() {
    explorar("explorar_exclusion_con_preferencia_de_escritores", || {
        explorar_exclusion(Politica::Escritores)
    });
}

#[test]
fn explorar_exclusion_con_politica_justa() {
    explorar("explorar_exclusion_con_politica_justa", || {
        explorar_exclusion(Politica::Justa)
    });
}

/// Explorado: el escritor 1 está dentro; llega un lector y se duerme, después llega el
/// escritor 2 y se duerme. Sale el escritor 1. Devuelve el orden en que entran los dos que
/// esperaban, que la política decide en cualquier planificación (no quien despierte antes).
fn al_salir_el_escritor_con_un_lector_y_un_escritor_esperando(politica: Politica) -> Vec<String> {
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

#[test]
fn explorar_al_salir_un_escritor_entra_quien_dice_la_politica() {
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

#[test]
fn explorar_con_politica_justa_los_lectores_seguidos_entran_juntos() {
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

// ---------------------------------------------------------------------------------------
// Inanición, contada en operaciones
// ---------------------------------------------------------------------------------------

/// Entradas del otro bando que se toleran antes de cortar la prueba: muchas más de las que
/// permite un cerrojo correcto, y muchas menos de las que hace uno que deja pasar hambre.
const CORTE: usize = 50;
/// Si el bando que espera ni siquiera aparece en `foto()` tras tantas entradas del otro
/// bando, se corta también.
const CORTE_TOTAL: usize = 100_000;

/// Tres lectores se relevan sin dejar nunca la sala vacía: uno no sale hasta que otro ha
/// entrado después de él (o hasta que un escritor espera y otro lector espera tras él). Un
/// escritor pide entrar. Devuelve cuántas veces entró un lector mientras foto() mostraba a
/// un escritor esperando, y si el escritor llegó a entrar antes del corte.
fn lectores_sin_pausa_y_un_escritor(politica: Politica) -> (usize, bool) {
    const LECTORES: usize = 3;
    let c = CerrojoLE::new(0u64, politica);
    let entradas = AtomicUsize::new(0);
    let con_escritor_esperando = AtomicUsize::new(0);
    let tras_pedir = AtomicUsize::new(0);
    let pidio = AtomicBool::new(false);
    let parar = AtomicBool::new(false);
    let escribio = AtomicBool::new(false);
    std::thread::scope(|s| {
        for _ in 0..LECTORES {
            s.spawn(|| {
                while !parar.load(Ordering::SeqCst) {
                    let g = c.leer();
                    let mia = entradas.fetch_add(1, Ordering::SeqCst) + 1;
                    if pidio.load(Ordering::SeqCst)
                        && tras_pedir.fetch_add(1, Ordering::SeqCst) + 1 >= CORTE_TOTAL
                    {
                        parar.store(true, Ordering::SeqCst);
                    }
                    if c.foto().escritores_esperando > 0
                        && con_escritor_esperando.fetch_add(1, Ordering::SeqCst) + 1 >= CORTE
                    {
                        parar.store(true, Ordering::SeqCst);
                    }
                    // El relevo: la sala no se queda vacía mientras los lectores puedan entrar.
                    loop {
                        if parar.load(Ordering::SeqCst) || entradas.load(Ordering::SeqCst) > mia {
                            break;
                        }
                        let f = c.foto();
                        if f.escritores_esperando > 0 && f.lectores_esperando > 0 {
                            break;
                        }
                        std::thread::yield_now();
                    }
                    drop(g);
                }
            });
        }
        s.spawn(|| {
            while entradas.load(Ordering::SeqCst) < 20 && !parar.load(Ordering::SeqCst) {
                std::thread::yield_now();
            }
            pidio.store(true, Ordering::SeqCst);
            let mut g = c.escribir();
            *g += 1;
            escribio.store(!parar.load(Ordering::SeqCst), Ordering::SeqCst);
            parar.store(true, Ordering::SeqCst);
        });
    });
    (
        con_escritor_esperando.load(Ordering::SeqCst),
        escribio.load(Ordering::SeqCst),
    )
}

#[track_caller]
fn el_escritor_no_pasa_hambre(politica: Politica) {
    let (entradas, entro) = lectores_sin_pausa_y_un_escritor(politica);
    comprobar(entro && entradas <= 3, || {
        if entro {
            format!(
                "con la política {politica:?}, los lectores entraron {entradas} veces mientras \
                 un escritor esperaba; como mucho deberían ser 3 (los que ya estaban dentro o \
                 entrando cuando llegó). Un escritor que espera debe cerrar la puerta a los \
                 lectores nuevos: si no, un flujo continuo de lectores lo deja en inanición."
            )
        } else {
            format!(
                "con la política {politica:?}, tres lectores que se relevan sin dejar la sala \
                 vacía entraron {entradas} veces mientras un escritor esperaba, y el escritor \
                 no llegó a entrar: inanición del escritor. Un escritor que espera debe cerrar \
                 la puerta a los lectores nuevos (y contarse en foto().escritores_esperando)."
            )
        }
    });
}

#[test]
fn el_escritor_no_pasa_hambre_con_preferencia_de_escritores() {
    con_limite("el escritor no pasa hambre (escritores)", || {
        el_escritor_no_pasa_hambre(Politica::Escritores)
    });
}

#[test]
fn el_escritor_no_pasa_hambre_con_politica_justa() {
    con_limite("el escritor no pasa hambre (justa)", || {
        el_escritor_no_pasa_hambre(Politica::Justa)
    });
}

#[test]
fn el_lector_no_pasa_hambre_con_politica_justa() {
    con_limite("el lector no pasa hambre (justa)", || {
        const ESCRITORES: usize = 2;
        let c = CerrojoLE::new(0u64, Politica::Justa);
        let entradas = AtomicUsize::new(0);
        let con_lector_esperando = AtomicUsize::new(0);
        let tras_pedir = AtomicUsize::new(0);
        let pidio = AtomicBool::new(false);
        let parar = AtomicBool::new(false);
        let leyo = AtomicBool::new(false);
        std::thread::scope(|s| {
            for _ in 0..ESCRITORES {
                s.spawn(|| {
                    while !parar.load(Ordering::SeqCst) {
                        let mut g = c.escribir();
                        *g += 1;
                        entradas.fetch_add(1, Ordering::SeqCst);
                        if pidio.load(Ordering::SeqCst)
                            && tras_pedir.fetch_add(1, Ordering::SeqCst) + 1 >= CORTE_TOTAL
                        {
                            parar.store(true, Ordering::SeqCst);
                        }
                        if c.foto().lectores_esperando > 0
                            && con_lector_esperando.fetch_add(1, Ordering::SeqCst) + 1 >= CORTE
                        {
                            parar.store(true, Ordering::SeqCst);
                        }
                        // El relevo: no salir hasta que otro escritor espere su turno.
                        while !parar.load(Ordering::SeqCst) && c.foto().escritores_esperando == 0 {
                            std::thread::yield_now();
                        }
                        drop(g);
                    }
                });
            }
            s.spawn(|| {
                while entradas.load(Ordering::SeqCst) < 20 && !parar.load(Ordering::SeqCst) {
                    std::thread::yield_now();
                }
                pidio.store(true, Ordering::SeqCst);
                let _g = c.leer();
                leyo.store(!parar.load(Ordering::SeqCst), Ordering::SeqCst);
                parar.store(true, Ordering::SeqCst);
            });
        });
        let veces = con_lector_esperando.load(Ordering::SeqCst);
        let leyo = leyo.load(Ordering::SeqCst);
        comprobar(leyo && veces <= ESCRITORES, || {
            format!(
                "con la política Justa, dos escritores que se relevan entraron {veces} veces \
                 mientras un lector esperaba{}; por orden de llegada, como mucho deberían ser \
                 {ESCRITORES} (los que llegaron antes que él). Si los escritores que esperan \
                 pasan siempre antes, un flujo continuo de escritores deja al lector en \
                 inanición.",
                if leyo {
                    ""
                } else {
                    ", y el lector no llegó a entrar"
                }
            )
        });
    });
}

// ---------------------------------------------------------------------------------------
// Estrés con hilos reales
// ---------------------------------------------------------------------------------------

#[test]
fn estres_un_escritor_nunca_esta_acompanado() {
    con_limite("estrés: un escritor nunca está acompañado", || {
        const HILOS: usize = 6;
        // Con la política justa, cada relevo despierta a un hilo dormido; con los núcleos
        // ocupados por otros programas, cada despertar espera su turno de CPU. 400 vueltas
        // caben de sobra en el límite incluso así (1500 no cabían con
        // `cargo curso verificar --con-carga`), y bastan para ver a dos escritores juntos.
        const VUELTAS: usize = 400;
        for politica in POLITICAS {
            let c = CerrojoLE::new(Par::default(), politica);
            let sala = Sala::default();
            let escrituras: usize = en_hilos(HILOS, |i| {
                let mut mias = 0;
                for vuelta in 0..VUELTAS {
                    // Uno de cada cuatro es escritor.
                    if (i + vuelta) % 4 == 0 {
                        escribir_par(&c, &sala, i + 1, std::thread::yield_now);
                        mias += 1;
                    } else {
                        leer_par(&c, &sala, i + 1, std::thread::yield_now);
                    }
                }
                mias
            })
            .into_iter()
            .sum();
            comprobar_igual(
                c.foto(),
                Foto::default(),
                &format!("foto() al final del estrés con {politica:?}"),
            );
            let n = escrituras as u64;
            comprobar_igual(
                c.into_inner(),
                Par(n, n),
                &format!(
                    "el valor tras {n} escrituras con {politica:?}: se perdió alguna (dos \
                     escritores a la vez)"
                ),
            );
        }
    });
}
