//! Arnés común de las suites oficiales del curso.
//!
//! Todas las suites lo usan para lo mismo:
//!
//! - [`con_limite`]: ejecuta un escenario con un perro guardián; si no termina a tiempo, la
//!   prueba falla diciendo «posible interbloqueo» en lugar de colgarse.
//! - [`comprobar`] y [`comprobar_igual`]: afirmaciones con mensajes en español que dicen qué
//!   se esperaba, qué pasó y qué suele significar.
//! - [`Cita`]: una cita entre hilos con límite de tiempo, para comprobar *qué hilos* trabajan
//!   sin medir tiempos.
//! - Un gancho de pánico que informa en español (lo instala [`con_limite`]), sin traza de
//!   llamadas salvo con `CURSO_TRAZA=1` (`RUST_BACKTRACE` no la pide).
//! - [`explorar`]: exploración de planificaciones con shuttle sobre las primitivas de
//!   `sincro`; un fallo se informa con la propiedad rota, una orden corta para repetirlo
//!   (`CURSO_REPETIR=<prueba> cargo test -p <ejercicio> <prueba>`, con el plan guardado en
//!   `target/curso/planes/<ejercicio>/<prueba>.plan`) y lo que pasó en esa ejecución.
//! - [`en_hilos`]: lanza varios hilos que arrancan a la vez, para ensanchar las ventanas de
//!   carrera en las pruebas de estrés.
//! - Un asignador de memoria que, si el sistema no tiene la memoria pedida, lo dice en español
//!   (qué hilo, cuántos bytes) antes de que el proceso aborte.
//!
//! Cada fallo que informa también queda, si `cargo curso` lo pide, como un
//! [`contrato::Registro`] en el archivo de `contrato::variables::REGISTRO`.

mod cita;
mod cronograma;
mod dibujo;
mod explorar;
#[doc(hidden)]
pub mod instantanea;
mod interbloqueo;
mod limite;
mod memoria;
mod panico;
mod planes;
mod registro;
mod salida;

pub use cita::Cita;
pub use explorar::{
    anotar, explorar, explorar_por_turnos, hilos_explorados, hilos_explorados_llamados,
};
pub use limite::{LIMITE, con_limite, con_limite_de, con_limite_vigilado};
pub use panico::{MARCA, instalar_gancho, traducir};
pub use salida::CODIGO_SALIDA_PREMATURA;

use std::fmt::Debug;
use std::sync::Barrier;

/// Falla con `explicacion` si `condicion` es falsa.
#[track_caller]
pub fn comprobar(condicion: bool, explicacion: impl FnOnce() -> String) {
    if !condicion {
        panic!("{}", explicacion());
    }
}

/// Falla si `obtenido != esperado`, con un mensaje en español que muestra ambos valores.
#[track_caller]
pub fn comprobar_igual<T: PartialEq + Debug>(obtenido: T, esperado: T, que: &str) {
    if obtenido != esperado {
        panic!("{que}\n  esperado: {esperado:?}\n  obtenido: {obtenido:?}");
    }
}

/// Ejecuta `trabajo(i)` en `n` hilos que arrancan a la vez (tras una barrera) y devuelve sus
/// resultados en orden. Arrancar juntos hace que las carreras aparezcan antes.
pub fn en_hilos<R: Send>(n: usize, trabajo: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let salida = Barrier::new(n);
    std::thread::scope(|s| {
        let hilos: Vec<_> = (0..n)
            .map(|i| {
                let (salida, trabajo) = (&salida, &trabajo);
                s.spawn(move || {
                    salida.wait();
                    trabajo(i)
                })
            })
            .collect();
        hilos.into_iter().map(|h| relanzar(h.join())).collect()
    })
}

/// El valor de un hilo unido con `join()`; si el hilo entró en pánico, el mismo pánico
/// sigue en el hilo que llama. Con `join().unwrap()`, el informe final sería un «called
/// `Result::unwrap()` on an `Err` value» en inglés, en vez del mensaje del hilo.
pub fn relanzar<T>(resultado: std::thread::Result<T>) -> T {
    resultado.unwrap_or_else(|carga| std::panic::resume_unwind(carga))
}

/// Ejecuta `f` y devuelve el mensaje de su pánico, si lo hubo (sin imprimir la traza).
pub fn mensaje_de_panico<R>(f: impl FnOnce() -> R) -> Option<String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(_) => None,
        Err(carga) => Some(texto_de_panico(&*carga)),
    }
}

/// El texto de la carga de un pánico (`&str` o `String`), o una descripción genérica.
pub fn texto_de_panico(carga: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = carga.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = carga.downcast_ref::<String>() {
        s.clone()
    } else {
        "pánico sin mensaje de texto".to_string()
    }
}
