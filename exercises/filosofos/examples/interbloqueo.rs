//! La cena de los filósofos ingenua, con hilos reales, hasta que se interbloquea.
//!
//! ```text
//! cargo run -p filosofos --example interbloqueo
//! ```
//!
//! Cinco filósofos comen primero unas cuantas veces con la versión ingenua (`Ingenuo`:
//! primero el tenedor izquierdo, después el derecho). Casi siempre sale bien: para
//! interbloquearse, los cinco tienen que tomar su tenedor izquierdo antes de que ninguno
//! tome el derecho, y con pocos núcleos eso puede tardar mucho en pasar por sí solo (dos
//! ejecuciones de medio minuto no lo vieron).
//!
//! Después viene la cena que no termina: el mismo orden, izquierdo y después derecho, con
//! una barrera entre los dos tenedores. La barrera no deja a nadie ir a por el derecho
//! hasta que los cinco tienen el izquierdo en la mano, así que el ciclo de esperas se
//! cierra siempre, en cualquier máquina. Es la planificación desfavorable, forzada.
//!
//! El programa no se cuelga: la mesa avisa en el instante en que se cierra el ciclo, y
//! entonces muestra los últimos movimientos de los tenedores, quién espera a quién, y
//! termina el proceso (los cinco hilos no despertarán nunca).

use filosofos::{Ingenuo, Mesa, Protocolo};
use sincro::mesa::Evento;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex, mpsc};
use std::time::{Duration, Instant};

const FILOSOFOS: usize = 5;
/// Comidas de cada filósofo con la versión ingenua antes de la cena forzada.
const COMIDAS_PREVIAS: usize = 20;
/// Cuántos movimientos de los tenedores se recuerdan para mostrarlos al final.
const ULTIMOS: usize = 12;
/// Red de seguridad: con la barrera el ciclo se cierra en milisegundos; si no llega en este
/// plazo, algo distinto está pasando y el programa lo dice en lugar de esperar para siempre.
const PLAZO: Duration = Duration::from_secs(10);

fn main() {
    let ultimos = Arc::new(Mutex::new(VecDeque::new()));
    let registro = Arc::clone(&ultimos);
    // La mesa llama al observador en el instante en que una espera cierra el ciclo: así el
    // aviso llega sin sondear el grafo de esperas.
    let (aviso, ciclos) = mpsc::channel();
    let mesa = Arc::new(Mesa::con_observador(FILOSOFOS, move |evento| {
        let mut ultimos = registro.lock().unwrap();
        if ultimos.len() == ULTIMOS {
            ultimos.pop_front();
        }
        ultimos.push_back(evento.to_string());
        if let Evento::Ciclo(ciclo) = evento {
            let _ = aviso.send(ciclo.clone());
        }
    }));
    let comidas = Arc::new(AtomicUsize::new(0));
    // Dos barreras: la primera espera a que todos acaben las comidas previas (si no, uno
    // podría retener su izquierdo en la barrera mientras su vecino aún lo necesita para
    // una comida normal, y se colgarían sin ciclo en el grafo); la segunda separa los dos
    // tenedores de la cena forzada.
    let todos_listos = Arc::new(Barrier::new(FILOSOFOS));
    let todos_con_el_izquierdo = Arc::new(Barrier::new(FILOSOFOS));
    let inicio = Instant::now();
    for filosofo in 0..FILOSOFOS {
        let mesa = Arc::clone(&mesa);
        let comidas = Arc::clone(&comidas);
        let todos_listos = Arc::clone(&todos_listos);
        let todos_con_el_izquierdo = Arc::clone(&todos_con_el_izquierdo);
        std::thread::Builder::new()
            .name(format!("filósofo {filosofo}"))
            .spawn(move || {
                for _ in 0..COMIDAS_PREVIAS {
                    Ingenuo.comer(&mesa, filosofo, || {
                        comidas.fetch_add(1, Ordering::Relaxed);
                    });
                    // Piensa un poco antes de volver a tener hambre.
                    std::thread::sleep(Duration::from_millis(1));
                }
                todos_listos.wait();
                // Lo mismo que `Ingenuo::comer`, con la barrera entre los dos tenedores.
                let _izquierdo = mesa.izquierdo(filosofo).tomar(filosofo);
                todos_con_el_izquierdo.wait();
                let _derecho = mesa.derecho(filosofo).tomar(filosofo);
                comidas.fetch_add(1, Ordering::Relaxed); // nunca llega aquí
            })
            .expect("no se pudo crear el hilo");
    }
    match ciclos.recv_timeout(PLAZO) {
        Ok(ciclo) => {
            println!("Los últimos movimientos de los tenedores:");
            for evento in ultimos.lock().unwrap().iter() {
                println!("  {evento}");
            }
            // La mesa describe el ciclo empezando por el filósofo cuya espera lo cerró.
            let ultimo = ciclo.esperas[0].0;
            println!(
                "\nTras {} comidas y {} ms, nadie puede avanzar (el filósofo {ultimo} cerró el \
                 ciclo al ponerse a esperar):\n{}",
                comidas.load(Ordering::Relaxed),
                inicio.elapsed().as_millis(),
                mesa.esperas()
            );
            println!(
                "\nCada filósofo retiene su tenedor izquierdo mientras espera el derecho, que \
                 tiene su vecino: ninguno soltará nada nunca. Los hilos siguen dormidos, así \
                 que el programa termina el proceso."
            );
            std::process::exit(0);
        }
        Err(_) => {
            println!(
                "En {} s no se cerró ningún ciclo de esperas, y con la barrera debería haberse \
                 cerrado en milisegundos. Esperas en este momento:\n{}",
                PLAZO.as_secs(),
                mesa.esperas()
            );
            std::process::exit(1);
        }
    }
}
