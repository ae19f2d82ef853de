//! Exploración de planificaciones (shuttle).

use super::*;

pub(crate) fn explorar_exclusion_con_dos_permisos() {
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

pub(crate) fn explorar_exclusion_con_intentos() {
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

pub(crate) fn explorar_intentar_adquirir_solo_falla_sin_permisos() {
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

pub(crate) fn explorar_senales_sin_despertares_perdidos() {
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

pub(crate) fn explorar_multiplex() {
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
pub(crate) struct Rondas {
    pub(crate) hilos: usize,
    pub(crate) llegadas: Vec<AtomicUsize>,
    pub(crate) lideres: Vec<AtomicUsize>,
}

impl Rondas {
    pub(crate) fn new(hilos: usize, rondas: usize) -> Self {
        let contadores = || (0..rondas).map(|_| AtomicUsize::new(0)).collect();
        Self {
            hilos,
            llegadas: contadores(),
            lideres: contadores(),
        }
    }

    /// Un hilo recorre todas las rondas de la barrera.
    pub(crate) fn recorrer(&self, barrera: &Barrera, quien: usize) {
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
    pub(crate) fn comprobar_lideres(&self) {
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

pub(crate) fn explorar_barrera_reutilizable() {
    explorar("explorar_barrera_reutilizable", || {
        let barrera = Arc::new(Barrera::new(3));
        let rondas = Arc::new(Rondas::new(3, 3));
        let (b, r) = (Arc::clone(&barrera), Arc::clone(&rondas));
        hilos_explorados(3, move |i| r.recorrer(&b, i));
        rondas.comprobar_lideres();
    });
}

pub(crate) fn explorar_recurso_compartido() {
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
