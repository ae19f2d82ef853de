//! La cena de los filósofos ingenua, con hilos reales, hasta que se interbloquea.
//!
//! ```text
//! cargo run -p filosofos --example interbloqueo
//! ```
//!
//! Cinco filósofos comen con la versión ingenua (`Ingenuo`: primero el tenedor izquierdo,
//! después el derecho), una y otra vez. Tarde o temprano (aquí, en menos de un segundo)
//! todos toman el izquierdo a la vez. El programa no se cuelga: un vigilante mira el grafo
//! de esperas de la mesa y, en cuanto se cierra un ciclo, muestra los últimos movimientos
//! de los tenedores, quién espera a quién, y termina.

use filosofos::{Ingenuo, Mesa, Protocolo};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const FILOSOFOS: usize = 5;
/// Cuántos movimientos de los tenedores se recuerdan para mostrarlos al final.
const ULTIMOS: usize = 12;

fn main() {
    let ultimos = Arc::new(Mutex::new(VecDeque::new()));
    let registro = Arc::clone(&ultimos);
    let mesa = Arc::new(Mesa::con_observador(FILOSOFOS, move |evento| {
        let mut ultimos = registro.lock().unwrap();
        if ultimos.len() == ULTIMOS {
            ultimos.pop_front();
        }
        ultimos.push_back(evento.to_string());
    }));
    let comidas = Arc::new(AtomicUsize::new(0));
    for filosofo in 0..FILOSOFOS {
        let (mesa, comidas) = (Arc::clone(&mesa), Arc::clone(&comidas));
        std::thread::Builder::new()
            .name(format!("filósofo {filosofo}"))
            .spawn(move || {
                loop {
                    Ingenuo.comer(&mesa, filosofo, || {
                        comidas.fetch_add(1, Ordering::Relaxed);
                    });
                    // Piensa un poco antes de volver a tener hambre.
                    std::thread::sleep(Duration::from_millis(1));
                }
            })
            .expect("no se pudo crear el hilo");
    }
    let inicio = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(50));
        if let Some(ciclo) = mesa.ciclo() {
            println!("Los últimos movimientos de los tenedores:");
            for evento in ultimos.lock().unwrap().iter() {
                println!("  {evento}");
            }
            println!(
                "\nTras {} comidas y {} ms, nadie puede avanzar:\n{}\n\n{ciclo}",
                comidas.load(Ordering::Relaxed),
                inicio.elapsed().as_millis(),
                mesa.esperas()
            );
            // Los hilos siguen bloqueados: terminar el proceso es la única salida.
            std::process::exit(0);
        }
        if inicio.elapsed() > Duration::from_secs(30) {
            println!("30 s sin interbloqueo: esta vez hubo suerte (vuelve a ejecutarlo).");
            std::process::exit(0);
        }
    }
}
