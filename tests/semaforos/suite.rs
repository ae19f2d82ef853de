//! Suite oficial del ejercicio `semaforos`.
//!
//! Tres tipos de prueba, cada una para lo que sabe ver:
//! - unitarias deterministas (un solo hilo, o dos con un orden forzado);
//! - exploración de planificaciones con shuttle: miles de órdenes distintos de los pasos de
//!   unos pocos hilos, que encuentran las carreras y los despertares perdidos aunque sean
//!   raros, y los pueden repetir;
//! - estrés con hilos reales, más hilos que núcleos y cesiones dentro de la sección crítica.

use arnes::{
    Cita, anotar, comprobar, comprobar_igual, con_limite, en_hilos, explorar, hilos_explorados,
};
use semaforos::{Barrera, Multiplex, Semaforo, recurso_compartido};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// Cuenta los hilos dentro de una sección crítica y falla si hay más de `maximo`.
struct Sala {
    maximo: usize,
    dentro: AtomicUsize,
    record: AtomicUsize,
}

impl Sala {
    fn new(maximo: usize) -> Self {
        Self {
            maximo,
            dentro: AtomicUsize::new(0),
            record: AtomicUsize::new(0),
        }
    }

    #[track_caller]
    fn entrar(&self, quien: usize) {
        let dentro = self.dentro.fetch_add(1, Ordering::SeqCst) + 1;
        self.record.fetch_max(dentro, Ordering::SeqCst);
        anotar(format!("hilo {quien} entra (dentro: {dentro})"));
        comprobar(dentro <= self.maximo, || {
            format!(
                "{dentro} hilos dentro de la sección crítica con {} permisos: el semáforo dejó \
                 pasar a más hilos de los que permite.",
                self.maximo
            )
        });
    }

    fn salir(&self, quien: usize) {
        anotar(format!("hilo {quien} sale"));
        self.dentro.fetch_sub(1, Ordering::SeqCst);
    }
}

// ---------------------------------------------------------------------------------------
// Unitarias: un hilo
// ---------------------------------------------------------------------------------------

#[test]
fn un_semaforo_cuenta_sus_permisos() {
    con_limite("un semáforo cuenta sus permisos", || {
        let s = Semaforo::new(2);
        let mut traza = vec![format!("nuevo(2): disponibles = {}", s.disponibles())];
        let a = s.adquirir();
        traza.push(format!("adquirir: disponibles = {}", s.disponibles()));
        let b = s.intentar_adquirir();
        traza.push(format!(
            "intentar_adquirir: {}, disponibles = {}",
            describir(&b),
            s.disponibles()
        ));
        let c = s.intentar_adquirir();
        traza.push(format!(
            "intentar_adquirir: {}, disponibles = {}",
            describir(&c),
            s.disponibles()
        ));
        drop(a);
        traza.push(format!(
            "soltar un permiso: disponibles = {}",
            s.disponibles()
        ));
        let d = s.adquirir_con_limite(Duration::ZERO);
        traza.push(format!(
            "adquirir_con_limite(0): {}, disponibles = {}",
            describir(&d),
            s.disponibles()
        ));
        let e = s.adquirir_con_limite(Duration::from_millis(20));
        traza.push(format!(
            "adquirir_con_limite(20 ms): {}, disponibles = {}",
            describir(&e),
            s.disponibles()
        ));
        drop((b, d));
        traza.push(format!(
            "soltar dos permisos: disponibles = {}",
            s.disponibles()
        ));
        s.senalar();
        traza.push(format!("senalar: disponibles = {}", s.disponibles()));
        s.adquirir().consumir();
        traza.push(format!(
            "adquirir y consumir: disponibles = {}",
            s.disponibles()
        ));
        arnes::instantanea!("un_semaforo_cuenta_sus_permisos", traza.join("\n"));
    });
}

fn describir<T>(permiso: &Option<T>) -> &'static str {
    if permiso.is_some() {
        "concedido"
    } else {
        "denegado"
    }
}

#[test]
fn un_semaforo_con_cero_permisos_no_deja_pasar() {
    con_limite("cero permisos", || {
        let s = Semaforo::new(0);
        comprobar_igual(s.disponibles(), 0, "disponibles() de Semaforo::new(0)");
        comprobar(s.intentar_adquirir().is_none(), || {
            "intentar_adquirir() concedió un permiso en un semáforo con 0 permisos".into()
        });
        comprobar(
            s.adquirir_con_limite(Duration::from_millis(10)).is_none(),
            || "adquirir_con_limite() concedió un permiso en un semáforo con 0 permisos".into(),
        );
        comprobar_igual(
            s.disponibles(),
            0,
            "disponibles() tras intentos fallidos (¿se perdió o se inventó un permiso?)",
        );
    });
}

#[test]
fn un_intento_fallido_no_gasta_permisos() {
    con_limite("un intento fallido no gasta permisos", || {
        let s = Semaforo::new(1);
        let p = s.adquirir();
        for _ in 0..3 {
            comprobar(s.intentar_adquirir().is_none(), || {
                "intentar_adquirir() concedió un permiso que no había".into()
            });
            comprobar(
                s.adquirir_con_limite(Duration::from_millis(5)).is_none(),
                || "adquirir_con_limite() concedió un permiso que no había".into(),
            );
        }
        drop(p);
        comprobar_igual(
            s.disponibles(),
            1,
            "permisos tras devolver el único que había: un intento que falla no debe llevarse ninguno",
        );
    });
}

#[test]
fn el_permiso_vuelve_aunque_el_hilo_entre_en_panico() {
    con_limite("el permiso vuelve tras un pánico", || {
        let s = Semaforo::new(2);
        let resultado = std::thread::scope(|hilos| {
            hilos
                .spawn(|| {
                    let _p = s.adquirir();
                    panic!("pánico provocado por la prueba con el permiso en la mano");
                })
                .join()
        });
        comprobar(resultado.is_err(), || {
            "el hilo debía entrar en pánico".into()
        });
        comprobar_igual(
            s.disponibles(),
            2,
            "permisos tras un pánico del hilo que tenía uno: el permiso debe volver al destruirse",
        );
        let m = Multiplex::new(1);
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            m.ejecutar(|| panic!("pánico provocado"))
        }));
        comprobar(
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| m.ejecutar(|| 7)))
                .is_ok_and(|v| v == 7),
            || {
                "Multiplex::ejecutar no devolvió el permiso cuando la sección crítica entró en pánico".into()
            },
        );
    });
}

// ---------------------------------------------------------------------------------------
// Dos hilos con un orden forzado
// ---------------------------------------------------------------------------------------

#[test]
fn senalar_despierta_a_quien_espera() {
    con_limite("senalar despierta a quien espera", || {
        let s = Semaforo::new(0);
        let despierto = AtomicBool::new(false);
        std::thread::scope(|hilos| {
            hilos.spawn(|| {
                s.adquirir().consumir();
                despierto.store(true, Ordering::SeqCst);
            });
            // Se da tiempo a que el otro hilo se duerma; si aún no lo hizo, la prueba vale
            // igual (encontrará el permiso al llegar).
            std::thread::sleep(Duration::from_millis(20));
            s.senalar();
        });
        comprobar(despierto.load(Ordering::SeqCst), || {
            "el hilo que esperaba no despertó".into()
        });
    });
}

#[test]
fn adquirir_con_limite_recibe_un_permiso_que_llega_a_tiempo() {
    con_limite("adquirir_con_limite recibe un permiso a tiempo", || {
        let s = Semaforo::new(1);
        let p = s.adquirir();
        std::thread::scope(|hilos| {
            let espera = hilos.spawn(|| {
                s.adquirir_con_limite(Duration::from_secs(8))
                    .map(Permiso::consumir_y_contar)
            });
            std::thread::sleep(Duration::from_millis(20));
            drop(p);
            comprobar(arnes::relanzar(espera.join()).is_some(), || {
                "adquirir_con_limite(8 s) devolvió None aunque el permiso volvió a los pocos \
                 milisegundos: ¿no vuelve a comprobar tras despertar?"
                    .into()
            });
        });
    });
}

/// Consumir devolviendo algo, para poder usarlo en un `map`.
trait Permiso {
    fn consumir_y_contar(self);
}
impl Permiso for semaforos::Permiso<'_> {
    fn consumir_y_contar(self) {
        self.consumir();
    }
}

#[test]
fn con_n_permisos_entran_n_hilos_a_la_vez() {
    con_limite("con n permisos entran n a la vez", || {
        for n in [2, 3] {
            let s = Semaforo::new(n);
            let cita = Cita::new(n);
            en_hilos(n, |_| {
                let _p = s.adquirir();
                cita.llegar();
            });
            comprobar(!cita.caducada(), || {
                format!(
                    "con {n} permisos, {n} hilos deben poder estar dentro a la vez, y no lo \
                     consiguieron: el semáforo deja pasar de uno en uno."
                )
            });
        }
    });
}

// ---------------------------------------------------------------------------------------
// Exploración de planificaciones (shuttle)
// ---------------------------------------------------------------------------------------

#[test]
fn explorar_exclusion_con_dos_permisos() {
    explorar("explorar_exclusion_con_dos_permisos", || {
        let semaforo = Arc::new(Semaforo::new(2));
        let sala = Arc::new(Sala::new(2));
        let (s, sl) = (Arc::clone(&semaforo), Arc::clone(&sala));
        hilos_explorados(3, move |i| {
            for _ in 0..2 {
                anotar(format!("hilo {i} pide un permiso"));
                let permiso = s.adquirir();
                sl.entrar(i);
                sincro::thread::yield_now();
                sl.salir(i);
                drop(permiso);
            }
        });
        comprobar_igual(
            semaforo.disponibles(),
            2,
            "permisos al final: se perdieron o se inventaron permisos",
        );
    });
}

#[test]
fn explorar_exclusion_con_intentos() {
    explorar("explorar_exclusion_con_intentos", || {
        let semaforo = Arc::new(Semaforo::new(1));
        let sala = Arc::new(Sala::new(1));
        let (s, sl) = (Arc::clone(&semaforo), Arc::clone(&sala));
        hilos_explorados(3, move |i| {
            anotar(format!("hilo {i} intenta tomar el permiso"));
            if let Some(permiso) = s.intentar_adquirir() {
                sl.entrar(i);
                sincro::thread::yield_now();
                sl.salir(i);
                drop(permiso);
            } else {
                anotar(format!("hilo {i} no lo consigue"));
            }
        });
        comprobar_igual(
            semaforo.disponibles(),
            1,
            "permisos al final: se perdieron o se inventaron permisos",
        );
    });
}

#[test]
fn explorar_intentar_adquirir_solo_falla_sin_permisos() {
    explorar("explorar_intentar_adquirir_solo_falla_sin_permisos", || {
        // Tres permisos y tres hilos que los piden sin esperar, mientras un cuarto mira
        // `disponibles()`: hay permiso para todos, así que ningún intento puede fallar, aunque
        // otro hilo esté usando el semáforo en ese momento.
        let semaforo = Arc::new(Semaforo::new(3));
        let s = Arc::clone(&semaforo);
        hilos_explorados(4, move |i| {
            if i == 4 {
                for _ in 0..2 {
                    anotar("hilo 4 mira disponibles()");
                    let _ = s.disponibles();
                }
                return;
            }
            let (llamada, permiso) = if i == 3 {
                anotar("hilo 3 llama a adquirir_con_limite(0)");
                (
                    "adquirir_con_limite(Duration::ZERO)",
                    s.adquirir_con_limite(Duration::ZERO),
                )
            } else {
                anotar(format!("hilo {i} llama a intentar_adquirir()"));
                ("intentar_adquirir()", s.intentar_adquirir())
            };
            comprobar(permiso.is_some(), || {
                format!(
                    "hilo {i}: {llamada} devolvió None en un semáforo de 3 permisos que solo \
                     piden 3 hilos, así que había un permiso libre. Solo puede fallar si no \
                     queda ningún permiso: que otro hilo esté usando el semáforo en ese momento \
                     no es motivo. ¿Se toma el estado con `try_lock` y se falla si está ocupado?"
                )
            });
            drop(permiso);
        });
        comprobar_igual(semaforo.disponibles(), 3, "permisos libres al final");
    });
}

#[test]
fn explorar_senales_sin_despertares_perdidos() {
    explorar("explorar_senales_sin_despertares_perdidos", || {
        let semaforo = Arc::new(Semaforo::new(0));
        let s = Arc::clone(&semaforo);
        // Dos hilos esperan una señal cada uno; otros dos la dan. Si un aviso se pierde, un
        // hilo duerme para siempre y la exploración lo ve como interbloqueo.
        hilos_explorados(4, move |i| {
            if i <= 2 {
                anotar(format!("hilo {i} espera una señal"));
                s.adquirir().consumir();
                anotar(format!("hilo {i} recibe la señal"));
            } else {
                anotar(format!("hilo {i} señala"));
                s.senalar();
            }
        });
        comprobar_igual(
            semaforo.disponibles(),
            0,
            "permisos al final: cada señal debía consumirse una vez",
        );
    });
}

#[test]
fn explorar_multiplex() {
    explorar("explorar_multiplex", || {
        let multiplex = Arc::new(Multiplex::new(2));
        let sala = Arc::new(Sala::new(2));
        hilos_explorados(3, move |i| {
            for _ in 0..2 {
                multiplex.ejecutar(|| {
                    sala.entrar(i);
                    sincro::thread::yield_now();
                    sala.salir(i);
                });
            }
        });
    });
}

/// Lo que observa la prueba de la barrera: llegadas por ronda y líderes por ronda.
struct Rondas {
    hilos: usize,
    llegadas: Vec<AtomicUsize>,
    lideres: Vec<AtomicUsize>,
}

impl Rondas {
    fn new(hilos: usize, rondas: usize) -> Self {
        let contadores = || (0..rondas).map(|_| AtomicUsize::new(0)).collect();
        Self {
            hilos,
            llegadas: contadores(),
            lideres: contadores(),
        }
    }

    /// Un hilo recorre todas las rondas de la barrera.
    fn recorrer(&self, barrera: &Barrera, quien: usize) {
        for (ronda, llegadas) in self.llegadas.iter().enumerate() {
            llegadas.fetch_add(1, Ordering::SeqCst);
            anotar(format!("hilo {quien} llega a la barrera (ronda {ronda})"));
            if barrera.esperar() {
                self.lideres[ronda].fetch_add(1, Ordering::SeqCst);
            }
            let han_llegado = llegadas.load(Ordering::SeqCst);
            anotar(format!("hilo {quien} pasa la barrera (ronda {ronda})"));
            comprobar(han_llegado == self.hilos, || {
                format!(
                    "el hilo {quien} pasó la barrera en la ronda {ronda} cuando solo habían \
                     llegado {han_llegado} de {} hilos. Si no es la primera ronda, un hilo \
                     rápido ha dado la vuelta y se ha colado en la siguiente.",
                    self.hilos
                )
            });
        }
    }

    #[track_caller]
    fn comprobar_lideres(&self) {
        for (ronda, lideres) in self.lideres.iter().enumerate() {
            let l = lideres.load(Ordering::SeqCst);
            comprobar(l == 1, || {
                format!(
                    "en la ronda {ronda}, esperar() devolvió true en {l} hilos: debe hacerlo en exactamente uno"
                )
            });
        }
    }
}

#[test]
fn explorar_barrera_reutilizable() {
    explorar("explorar_barrera_reutilizable", || {
        let barrera = Arc::new(Barrera::new(3));
        let rondas = Arc::new(Rondas::new(3, 3));
        let (b, r) = (Arc::clone(&barrera), Arc::clone(&rondas));
        hilos_explorados(3, move |i| r.recorrer(&b, i));
        rondas.comprobar_lideres();
    });
}

#[test]
fn explorar_recurso_compartido() {
    explorar("explorar_recurso_compartido", || {
        let mut lista = recurso_compartido(3);
        lista.sort();
        comprobar_igual(
            lista,
            vec![
                "Datos del proceso 1".to_string(),
                "Datos del proceso 2".into(),
                "Datos del proceso 3".into(),
            ],
            "la lista compartida tras tres procesos",
        );
    });
}

// ---------------------------------------------------------------------------------------
// Estrés con hilos reales
// ---------------------------------------------------------------------------------------

#[test]
fn estres_nunca_hay_mas_de_n_dentro() {
    con_limite("estrés: nunca más de n dentro", || {
        let semaforo = Semaforo::new(3);
        let sala = Sala::new(3);
        en_hilos(8, |i| {
            for _ in 0..2000 {
                let _p = semaforo.adquirir();
                sala.entrar(i);
                std::thread::yield_now();
                sala.salir(i);
            }
        });
        comprobar_igual(semaforo.disponibles(), 3, "permisos al final del estrés");
    });
}

#[test]
fn estres_mezcla_de_esperas_intentos_y_limites() {
    con_limite("estrés: esperas, intentos y límites", || {
        let semaforo = Semaforo::new(2);
        let sala = Sala::new(2);
        en_hilos(6, |i| {
            for vuelta in 0..1500 {
                let permiso = match (i + vuelta) % 3 {
                    0 => Some(semaforo.adquirir()),
                    1 => semaforo.intentar_adquirir(),
                    _ => semaforo.adquirir_con_limite(Duration::from_micros(50)),
                };
                if let Some(_p) = permiso {
                    sala.entrar(i);
                    std::thread::yield_now();
                    sala.salir(i);
                }
            }
        });
        comprobar_igual(
            semaforo.disponibles(),
            2,
            "permisos al final: alguno se perdió por el camino",
        );
    });
}

#[test]
fn estres_barrera_reutilizable() {
    con_limite("estrés: barrera reutilizable", || {
        let barrera = Barrera::new(4);
        let rondas = Rondas::new(4, 300);
        en_hilos(4, |i| rondas.recorrer(&barrera, i + 1));
        rondas.comprobar_lideres();
    });
}

#[test]
fn una_barrera_de_un_hilo_no_espera() {
    con_limite("barrera de un hilo", || {
        for n in [0, 1] {
            let b = Barrera::new(n);
            comprobar(b.esperar() && b.esperar(), || {
                format!("Barrera::new({n}).esperar() debe volver en el acto y ser el líder")
            });
        }
    });
}

#[test]
fn recurso_compartido_recoge_los_datos_de_todos() {
    con_limite("recurso compartido", || {
        let mut lista = recurso_compartido(5);
        lista.sort();
        arnes::instantanea_debug!("recurso_compartido_recoge_los_datos_de_todos", lista);
        comprobar(recurso_compartido(0).is_empty(), || {
            "con 0 procesos la lista debe quedar vacía".into()
        });
    });
}
