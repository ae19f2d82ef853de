//! Suite oficial del ejercicio `cerrojos`.
//!
//! Cuatro tipos de prueba, cada una para lo que sabe ver:
//! - unitarias deterministas (un solo hilo, o varios con un orden forzado);
//! - comprobaciones de tipos (`Send` y `Sync`) hechas en tiempo de ejecución, para que un
//!   `unsafe impl` equivocado dé un mensaje en español en lugar de no compilar;
//! - exploración de planificaciones con shuttle y el detector de carreras de datos de
//!   `sincro`: miles de órdenes distintos de unos pocos hilos, que encuentran las carreras,
//!   los órdenes de memoria insuficientes y los interbloqueos aunque sean raros;
//! - estrés con hilos reales, más hilos que núcleos y cesiones dentro de la sección crítica.

use arnes::{
    anotar, comprobar, comprobar_igual, con_limite, con_limite_de, en_hilos, explorar,
    hilos_explorados, mensaje_de_panico,
};
use cerrojos::{
    Banco, CerrojoGiro, CerrojoTiques, ErrorTransferencia, Guarda, GuardaTiques, Reservas,
};
use std::cell::Cell;
use std::marker::PhantomData;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Cuenta los hilos dentro de una sección crítica y falla si hay más de uno.
#[derive(Default)]
struct Sala {
    dentro: AtomicUsize,
}

impl Sala {
    #[track_caller]
    fn entrar(&self, quien: usize) {
        let dentro = self.dentro.fetch_add(1, Ordering::SeqCst) + 1;
        anotar(format!(
            "hilo {quien} entra en la sección crítica (dentro: {dentro})"
        ));
        comprobar(dentro == 1, || {
            format!(
                "{dentro} hilos dentro de la sección crítica a la vez: el cerrojo no garantiza \
                 la exclusión mutua. Suele ser comprobar que está libre y marcarlo ocupado en \
                 dos pasos (load y después store) en lugar de uno solo (compare_exchange)."
            )
        });
    }

    fn salir(&self, quien: usize) {
        anotar(format!("hilo {quien} sale"));
        self.dentro.fetch_sub(1, Ordering::SeqCst);
    }
}

// ---------------------------------------------------------------------------------------
// Send y Sync, comprobados al ejecutar
// ---------------------------------------------------------------------------------------

/// Especialización por autorreferencia: para un tipo concreto, el método inherente
/// `es_sync` solo existe si `T: Sync`; si no, la llamada cae en el del trait, que devuelve
/// `false`. Así una prueba puede preguntar «¿es Sync?» sin que la suite deje de compilar.
struct Comprobar<T>(PhantomData<T>);

trait Respaldo {
    fn es_sync(&self) -> bool {
        false
    }
    fn es_send(&self) -> bool {
        false
    }
}

impl<T> Respaldo for Comprobar<T> {}

impl<T: Sync> Comprobar<T> {
    fn es_sync(&self) -> bool {
        true
    }
}

impl<T: Send> Comprobar<T> {
    fn es_send(&self) -> bool {
        true
    }
}

macro_rules! es_sync {
    ($t:ty) => {
        Comprobar::<$t>(PhantomData).es_sync()
    };
}

macro_rules! es_send {
    ($t:ty) => {
        Comprobar::<$t>(PhantomData).es_send()
    };
}

/// Los tipos de referencia se comportan como dice la documentación de std: si el truco
/// fallara, las pruebas de abajo no valdrían nada.
#[track_caller]
fn el_truco_funciona() {
    assert!(es_sync!(u8) && es_send!(u8));
    assert!(es_send!(Cell<u8>) && !es_sync!(Cell<u8>));
    assert!(!es_send!(Rc<u8>) && !es_sync!(Rc<u8>));
    assert!(es_sync!(std::sync::Mutex<Cell<u8>>) && !es_sync!(std::sync::Mutex<Rc<u8>>));
    assert!(!es_send!(std::sync::MutexGuard<'static, u8>));
}

/// Comprueba las cuatro afirmaciones de `Send`/`Sync` de un cerrojo.
#[track_caller]
fn comprobar_send_sync(
    nombre: &str,
    sync_con_cell: bool,
    sync_con_rc: bool,
    send_con_cell: bool,
    send_con_rc: bool,
) {
    comprobar(sync_con_cell, || {
        format!(
            "{nombre}<Cell<u8>> no es Sync, y debería: Cell<u8> es Send, y el cerrojo solo deja \
             que un hilo a la vez la toque (como Mutex<Cell<u8>>). La condición de tu \
             `unsafe impl Sync` es demasiado estricta: pide `T: Send`, no `T: Sync`."
        )
    });
    comprobar(!sync_con_rc, || {
        format!(
            "{nombre}<Rc<u8>> es Sync, y no puede serlo: compartir el cerrojo permitiría que \
             otro hilo clonara o soltara el Rc mientras este hilo tiene otra copia (el \
             contador de Rc no es atómico). Tu `unsafe impl<T> Sync` promete demasiado: \
             exige `T: Send`."
        )
    });
    comprobar(send_con_cell, || {
        format!(
            "{nombre}<Cell<u8>> no es Send, y debería: un cerrojo con un T Send se puede mover a otro hilo."
        )
    });
    comprobar(!send_con_rc, || {
        format!(
            "{nombre}<Rc<u8>> es Send, y no puede serlo: mover el cerrojo a otro hilo movería \
             el Rc, y su contador no es atómico. ¿Hay un `unsafe impl<T> Send` sin condición? \
             No hace falta ninguno: el compilador lo deduce de los campos."
        )
    });
}

#[test]
fn el_cerrojo_de_giro_es_sync_solo_si_el_dato_es_send() {
    // Dentro del arnés, para que un fallo se informe en español.
    con_limite("el cerrojo de giro es sync solo si el dato es send", || {
        el_truco_funciona();
        comprobar_send_sync(
            "CerrojoGiro",
            es_sync!(CerrojoGiro<Cell<u8>>),
            es_sync!(CerrojoGiro<Rc<u8>>),
            es_send!(CerrojoGiro<Cell<u8>>),
            es_send!(CerrojoGiro<Rc<u8>>),
        );
    });
}

#[test]
fn el_cerrojo_de_tiques_es_sync_solo_si_el_dato_es_send() {
    // Dentro del arnés, para que un fallo se informe en español.
    con_limite(
        "el cerrojo de tiques es sync solo si el dato es send",
        || {
            el_truco_funciona();
            comprobar_send_sync(
                "CerrojoTiques",
                es_sync!(CerrojoTiques<Cell<u8>>),
                es_sync!(CerrojoTiques<Rc<u8>>),
                es_send!(CerrojoTiques<Cell<u8>>),
                es_send!(CerrojoTiques<Rc<u8>>),
            );
        },
    );
}

#[test]
fn las_guardas_no_se_envian_a_otro_hilo() {
    // Dentro del arnés, para que un fallo se informe en español.
    con_limite("las guardas no se envian a otro hilo", || {
        el_truco_funciona();
        for (nombre, send, sync_con_cell) in [
            (
                "Guarda",
                es_send!(Guarda<'static, u8>),
                es_sync!(Guarda<'static, Cell<u8>>),
            ),
            (
                "GuardaTiques",
                es_send!(GuardaTiques<'static, u8>),
                es_sync!(GuardaTiques<'static, Cell<u8>>),
            ),
        ] {
            comprobar(!send, || {
                format!(
                    "{nombre}<u8> es Send: una guarda no debe poder enviarse a otro hilo, porque el \
                     hilo que adquiere el cerrojo es el que lo libera (como std::sync::MutexGuard). \
                     Añade a la guarda un campo `PhantomData<*const ()>`."
                )
            });
            comprobar(!sync_con_cell, || {
                format!(
                    "{nombre}<Cell<u8>> es Sync: con `&guarda` en dos hilos, los dos tendrían \
                     `&Cell<u8>` y podrían escribir a la vez. Si implementas Sync para la guarda, \
                     pide `T: Sync`."
                )
            });
        }
    });
}

// ---------------------------------------------------------------------------------------
// Cerrojo de giro: un hilo
// ---------------------------------------------------------------------------------------

fn describir<T>(guarda: &Option<T>) -> &'static str {
    if guarda.is_some() {
        "concedido"
    } else {
        "denegado"
    }
}

#[test]
fn un_cerrojo_de_giro_protege_su_dato() {
    con_limite("un cerrojo de giro protege su dato", || {
        let cerrojo = CerrojoGiro::new(5);
        let mut traza = Vec::new();
        let mut guarda = cerrojo.adquirir();
        traza.push(format!("adquirir: *guarda = {}", *guarda));
        *guarda += 1;
        let intento = cerrojo.intentar_adquirir();
        traza.push(format!(
            "*guarda += 1; intentar_adquirir con la guarda viva: {}",
            describir(&intento)
        ));
        drop(intento);
        drop(guarda);
        {
            let intento = cerrojo.intentar_adquirir();
            traza.push(format!(
                "soltar la guarda; intentar_adquirir: {}, *guarda = {:?}",
                describir(&intento),
                intento.as_deref()
            ));
            if let Some(mut g) = intento {
                *g *= 10;
                traza.push(format!("*guarda *= 10: *guarda = {}", *g));
            }
        }
        traza.push(format!("into_inner: {}", cerrojo.into_inner()));
        arnes::instantanea!("un_cerrojo_de_giro_protege_su_dato", traza.join("\n"));
    });
}

#[test]
fn la_guarda_libera_al_destruirse() {
    con_limite("la guarda libera al destruirse", || {
        let cerrojo = CerrojoGiro::new(Vec::<u32>::new());
        for vuelta in 1..=3 {
            cerrojo.adquirir().push(vuelta);
            comprobar(cerrojo.intentar_adquirir().is_some(), || {
                format!(
                    "tras destruir la guarda (vuelta {vuelta}), intentar_adquirir() no consigue \
                     el cerrojo: la guarda no lo liberó al destruirse (¿hace algo su Drop?)."
                )
            });
        }
        let resultado = std::thread::scope(|hilos| {
            hilos
                .spawn(|| {
                    let mut guarda = cerrojo.adquirir();
                    guarda.push(4);
                    panic!("pánico provocado por la prueba con el cerrojo adquirido");
                })
                .join()
        });
        comprobar(resultado.is_err(), || {
            "el hilo debía entrar en pánico".into()
        });
        comprobar(cerrojo.intentar_adquirir().is_some(), || {
            "tras un pánico del hilo que tenía la guarda, el cerrojo sigue ocupado: la guarda \
             debe liberarlo en su Drop, que también se ejecuta al desenrollar un pánico."
                .into()
        });
        comprobar_igual(
            cerrojo.into_inner(),
            vec![1, 2, 3, 4],
            "el dato tras cuatro secciones críticas",
        );
    });
}

// ---------------------------------------------------------------------------------------
// Cerrojo de tiques: un hilo
// ---------------------------------------------------------------------------------------

#[test]
fn un_cerrojo_de_tiques_protege_su_dato() {
    con_limite("un cerrojo de tiques protege su dato", || {
        let cerrojo = CerrojoTiques::new(String::from("a"));
        let mut traza = vec![format!(
            "nuevo: turnos_esperando = {}",
            cerrojo.turnos_esperando()
        )];
        let mut guarda = cerrojo.adquirir();
        guarda.push('b');
        traza.push(format!(
            "adquirir y añadir «b»: *guarda = {:?}, turnos_esperando = {}",
            *guarda,
            cerrojo.turnos_esperando()
        ));
        drop(guarda);
        traza.push(format!(
            "soltar: turnos_esperando = {}",
            cerrojo.turnos_esperando()
        ));
        for letra in ['c', 'd'] {
            cerrojo.adquirir().push(letra);
        }
        traza.push(format!(
            "dos veces más: turnos_esperando = {}",
            cerrojo.turnos_esperando()
        ));
        traza.push(format!("into_inner: {:?}", cerrojo.into_inner()));
        arnes::instantanea!("un_cerrojo_de_tiques_protege_su_dato", traza.join("\n"));
    });
}

#[test]
fn turnos_esperando_no_cuenta_al_que_esta_dentro() {
    con_limite("turnos_esperando no cuenta al que está dentro", || {
        let cerrojo = CerrojoTiques::new(0);
        let libre = cerrojo.turnos_esperando();
        comprobar(libre == 0, || {
            format!(
                "en un cerrojo de tiques recién creado, turnos_esperando() debe ser 0 y fue \
                 {libre}: nadie ha tomado tique todavía."
            )
        });
        let guarda = cerrojo.adquirir();
        let dentro = cerrojo.turnos_esperando();
        comprobar(dentro == 0, || {
            format!(
                "con un hilo dentro y nadie más, turnos_esperando() debe ser 0 y fue {dentro}: \
                 cuenta los hilos que tienen tique y aún no han entrado, sin contar al que \
                 tiene el cerrojo. ¿Devuelve `siguiente - turno` sin restar el que está dentro?"
            )
        });
        drop(guarda);
        let suelto = cerrojo.turnos_esperando();
        comprobar(suelto == 0, || {
            format!(
                "tras soltar el cerrojo, sin nadie esperando, turnos_esperando() debe ser 0 y \
                 fue {suelto}: ¿la guarda no avanza el turno al destruirse?"
            )
        });
    });
}

#[test]
fn la_guarda_de_tiques_cede_el_turno() {
    explorar("la_guarda_de_tiques_cede_el_turno", || {
        // Dos hilos, cada uno con su cerrojo, que adquieren tres veces seguidas: si la guarda
        // no cede el turno, la segunda vez esperan para siempre.
        hilos_explorados(2, |i| {
            let cerrojo = CerrojoTiques::new(0);
            for vez in 1..=3 {
                anotar(format!("hilo {i} adquiere su cerrojo (vez {vez})"));
                *cerrojo.adquirir() += 1;
                anotar(format!("hilo {i} destruye la guarda (vez {vez})"));
            }
            comprobar_igual(
                cerrojo.into_inner(),
                3,
                "el dato tras tres secciones críticas",
            );
        });
    });
}

// ---------------------------------------------------------------------------------------
// Exploración de planificaciones (shuttle y el detector de carreras de datos)
// ---------------------------------------------------------------------------------------

/// Como `explorar`, pero si la exploración encuentra un interbloqueo, antepone al informe
/// `consejo`, que explica qué suele causarlo en este escenario.
fn explorar_con_consejo(
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

#[test]
fn explorar_giro_exclusion_mutua() {
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

#[test]
fn explorar_giro_con_intentos() {
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

#[test]
fn explorar_tiques_exclusion_mutua() {
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
fn orden_de_llegada(
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

#[test]
fn explorar_tiques_por_orden_de_llegada() {
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

#[test]
fn los_tiques_atienden_por_orden_de_llegada() {
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

#[test]
fn explorar_la_ultima_plaza() {
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

#[test]
fn explorar_transferencias_opuestas_sin_interbloqueo() {
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

#[test]
fn explorar_total_durante_transferencias() {
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

#[test]
fn transferir_a_la_misma_cuenta_no_se_cuelga() {
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

// ---------------------------------------------------------------------------------------
// Reservas y banco: un hilo
// ---------------------------------------------------------------------------------------

#[test]
fn reservas_en_orden_hasta_llenar() {
    con_limite("reservas en orden hasta llenar", || {
        let reservas = Reservas::new(3);
        let mut traza = vec![format!("nuevo(3): libres = {}", reservas.libres())];
        for cliente in ["Ana", "Luis", "Marta", "Pedro"] {
            let plaza = reservas.reservar(cliente);
            traza.push(format!(
                "reservar({cliente}): {plaza:?}, libres = {}",
                reservas.libres()
            ));
        }
        traza.push(format!("pasajeros: {:?}", reservas.pasajeros()));
        let vacio = Reservas::new(0);
        traza.push(format!(
            "nuevo(0): reservar(Eva) = {:?}, libres = {}",
            vacio.reservar("Eva"),
            vacio.libres()
        ));
        arnes::instantanea!("reservas_en_orden_hasta_llenar", traza.join("\n"));
    });
}

#[test]
fn transferencias_y_errores() {
    con_limite("transferencias y errores", || {
        let banco = Banco::new(&[100, 50, 0]);
        let mut traza = vec![format!("nuevo [100, 50, 0]: total = {}", banco.total())];
        for (origen, destino, cantidad) in [
            (0, 2, 30),
            (1, 0, 50),
            (1, 2, 1),
            (2, 1, 30),
            (0, 0, 5),
            (3, 0, 5),
            (0, 7, 5),
            (9, 9, 0),
            (0, 1, 0),
        ] {
            let resultado = match banco.transferir(origen, destino, cantidad) {
                Ok(()) => "hecha".to_string(),
                Err(e) => format!("error: {e}"),
            };
            let saldos: Vec<_> = (0..3).map(|c| banco.saldo(c).unwrap_or(0)).collect();
            traza.push(format!(
                "transferir({origen} → {destino}, {cantidad}): {resultado}; saldos {saldos:?}"
            ));
        }
        traza.push(format!(
            "saldo(3) = {:?}, total = {}",
            banco.saldo(3),
            banco.total()
        ));
        arnes::instantanea!("transferencias_y_errores", traza.join("\n"));
    });
}

#[test]
fn transferir_comprueba_los_errores_en_orden() {
    con_limite("transferir comprueba los errores en orden", || {
        let banco = Banco::new(&[100, 50]);
        let casos = [
            (
                (5, 7, 10),
                ErrorTransferencia::CuentaInexistente(5),
                "no existe ninguna de las dos cuentas",
                "¿Se comprueba el destino antes que el origen?",
            ),
            (
                (1, 1, 80),
                ErrorTransferencia::MismaCuenta,
                "el origen y el destino son la misma cuenta, con 50, y se piden 80",
                "¿Se mira el saldo antes de comprobar que las cuentas son distintas?",
            ),
            (
                (0, 9, 500),
                ErrorTransferencia::CuentaInexistente(9),
                "el destino no existe, y el origen tiene 100 y se piden 500",
                "¿Se mira el saldo antes de comprobar que existe el destino?",
            ),
        ];
        for ((origen, destino, cantidad), esperado, situacion, pista) in casos {
            let obtenido = banco.transferir(origen, destino, cantidad);
            comprobar(obtenido.as_ref() == Err(&esperado), || {
                let causa = if obtenido.is_ok() {
                    "La transferencia se hizo: falta esa comprobación."
                } else {
                    pista
                };
                format!(
                    "transferir({origen} → {destino}, {cantidad}), cuando {situacion}, debe \
                     devolver Err({esperado:?}) y devolvió {obtenido:?}. Las comprobaciones van \
                     en este orden: que existan las dos cuentas (primero el origen), que sean \
                     distintas y que el origen tenga saldo. {causa}"
                )
            });
        }
        comprobar_igual(
            [banco.saldo(0), banco.saldo(1)],
            [Some(100), Some(50)],
            "los saldos después de tres transferencias fallidas",
        );
    });
}

// ---------------------------------------------------------------------------------------
// Estrés con hilos reales
// ---------------------------------------------------------------------------------------

/// Más hilos que núcleos en las máquinas de dos núcleos del curso, pero no muchos más: un
/// cerrojo de giro correcto que solo gira (sin ceder el procesador) debe pasar igual.
const HILOS: usize = 3;
/// Límite de las pruebas de estrés de los cerrojos: holgado, porque un cerrojo que solo gira
/// es lento con más hilos que núcleos, y lento no es incorrecto.
const GIRO_VUELTAS: usize = 10_000;
/// Con tiques, cada entrada es un relevo a otro hilo (que puede estar desalojado): menos.
const TIQUES_VUELTAS: usize = 1_000;
const LIMITE_ESTRES: Duration = Duration::from_secs(40);

#[test]
fn estres_giro_no_pierde_incrementos() {
    con_limite_de(
        LIMITE_ESTRES,
        "estrés: el cerrojo de giro no pierde incrementos",
        || {
            let cerrojo = CerrojoGiro::new(0_u64);
            let sala = Sala::default();
            en_hilos(HILOS, |i| {
                for vuelta in 0..GIRO_VUELTAS {
                    let mut guarda = cerrojo.adquirir();
                    sala.entrar(i);
                    let leido = *guarda;
                    if vuelta % 256 == 0 {
                        // Ensancha la ventana: si el cerrojo deja pasar a otro, se notará.
                        std::thread::yield_now();
                    }
                    *guarda = leido + 1;
                    sala.salir(i);
                }
            });
            comprobar_igual(
                cerrojo.into_inner(),
                (HILOS * GIRO_VUELTAS) as u64,
                "el contador tras el estrés: se perdieron incrementos",
            );
        },
    );
}

#[test]
fn estres_tiques_no_pierde_incrementos() {
    con_limite_de(
        LIMITE_ESTRES,
        "estrés: el cerrojo de tiques no pierde incrementos",
        || {
            let cerrojo = CerrojoTiques::new(0_u64);
            let sala = Sala::default();
            // Dos hilos, no más que núcleos: un cerrojo de tiques que solo gira, con más
            // hilos que núcleos, espera una porción de tiempo entera cada vez que el
            // siguiente de la cola está desalojado. Es correcto, pero lentísimo.
            en_hilos(2, |i| {
                for vuelta in 0..TIQUES_VUELTAS {
                    let mut guarda = cerrojo.adquirir();
                    sala.entrar(i);
                    let leido = *guarda;
                    if vuelta % 256 == 0 {
                        std::thread::yield_now();
                    }
                    *guarda = leido + 1;
                    sala.salir(i);
                }
            });
            comprobar_igual(
                cerrojo.into_inner(),
                (2 * TIQUES_VUELTAS) as u64,
                "el contador tras el estrés: se perdieron incrementos",
            );
        },
    );
}

#[test]
fn estres_reservas_sin_sobreventa() {
    con_limite("estrés: reservas sin sobreventa", || {
        for ronda in 0..200 {
            let reservas = Reservas::new(3);
            let concedidas: usize = en_hilos(6, |i| {
                usize::from(reservas.reservar(&format!("cliente {i}")).is_some())
            })
            .into_iter()
            .sum();
            let pasajeros = reservas.pasajeros().len();
            comprobar(concedidas == 3 && pasajeros == 3, || {
                format!(
                    "ronda {ronda}: 6 clientes y 3 plazas, y se concedieron {concedidas} \
                     reservas con {pasajeros} pasajeros: deben ser exactamente 3 y 3."
                )
            });
        }
    });
}

#[test]
fn estres_transferencias_conservan_el_dinero() {
    con_limite("estrés: las transferencias conservan el dinero", || {
        let banco = Banco::new(&[1000, 1000, 1000]);
        en_hilos(HILOS, |i| {
            let mut x = i as u64 + 1;
            for _ in 0..5_000 {
                // Un generador pseudoaleatorio mínimo: pares de cuentas en los dos sentidos.
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let origen = (x % 3) as usize;
                let destino = (origen + 1 + (x / 3 % 2) as usize) % 3;
                let _ = banco.transferir(origen, destino, x % 50);
            }
        });
        comprobar_igual(
            banco.total(),
            3000,
            "dinero total tras miles de transferencias: se creó o se perdió dinero",
        );
    });
}
