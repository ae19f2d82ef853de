//! # Ejercicio: la cena de los filósofos
//!
//! Lee el capítulo «Interbloqueo e inanición» del libro antes de empezar. Sustituye cada
//! `todo!()` por tu código y comprueba tu trabajo con:
//!
//! ```text
//! cargo test -p filosofos
//! ```
//!
//! Los tenedores los pone el curso (`sincro::mesa`): saben quién los tiene y quién los
//! espera, y por eso la suite puede decirte, si tu versión se interbloquea, qué filósofo
//! espera qué tenedor. Para lo demás usa las primitivas de `sincro` (`Mutex`, `Condvar`,
//! `sincro::thread`, `sincro::azar`), no las de `std`: son las mismas, pero la suite puede
//! ejecutar tu código bajo un planificador que prueba miles de órdenes distintos de los
//! hilos y repetir el que falle.
//!
//! Para ver el interbloqueo de la versión ingenua:
//!
//! ```text
//! cargo run -p filosofos --example interbloqueo
//! ```

// Quita esta línea cuando empieces: solo evita avisos de cosas aún sin usar.
#![allow(unused_imports, dead_code)]

pub use sincro::mesa::{EnMano, Mesa, Tenedor};
use sincro::{Condvar, Mutex, azar, thread};

/// Una forma de que un filósofo tome sus dos tenedores, coma y los suelte.
pub trait Protocolo: Sync {
    /// El filósofo `filosofo` toma sus dos tenedores de `mesa` (el izquierdo,
    /// `mesa.izquierdo(filosofo)`, y el derecho, `mesa.derecho(filosofo)`) con las reglas de
    /// esta versión, ejecuta `comida` con los dos en la mano, los suelta y devuelve lo que
    /// devuelva `comida`. Los tenedores se sueltan también si `comida` entra en pánico.
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R;
}

/// La versión del enunciado clásico, que ya viene hecha: primero el tenedor izquierdo,
/// después el derecho, esperando cada uno. Si todos toman a la vez el izquierdo, todos
/// esperan el derecho para siempre: **puede interbloquearse**.
pub struct Ingenuo;

impl Protocolo for Ingenuo {
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R {
        let _izquierdo = mesa.izquierdo(filosofo).tomar(filosofo);
        let _derecho = mesa.derecho(filosofo).tomar(filosofo);
        comida()
    }
}

/// Versión 1, **orden global**: cada filósofo toma primero el tenedor de número menor.
pub struct EnOrden;

impl Protocolo for EnOrden {
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R {
        let _ = (mesa, filosofo, comida);
        todo!("toma primero el tenedor de número menor (Tenedor::numero), después el otro")
    }
}

/// Versión 2, **el camarero**: como mucho `n - 1` filósofos sentados a la vez, atendidos por
/// orden de llegada.
///
/// Constrúyelo con un `sincro::Mutex` que proteja las sillas libres (y lo que necesites
/// para el orden de llegada) y una `sincro::Condvar` donde esperen los que no tienen sitio.
pub struct Camarero {
    // Tus campos.
}

/// Una silla ocupada. Se devuelve al camarero al destruirse (`Drop`), también si el
/// filósofo entra en pánico.
#[must_use = "si no guardas la silla, te levantas en el acto"]
pub struct Silla<'a> {
    camarero: &'a Camarero,
}

impl Camarero {
    /// Un camarero para una mesa de `filosofos` filósofos: deja sentarse a `filosofos - 1`
    /// a la vez (al menos a uno).
    pub fn new(filosofos: usize) -> Self {
        let _ = filosofos;
        todo!()
    }

    /// El filósofo `filosofo` pide sitio y espera (durmiendo) hasta que le toque y haya una
    /// silla libre. Nadie que llegue después se sienta antes que él.
    pub fn sentarse(&self, filosofo: usize) -> Silla<'_> {
        let _ = filosofo;
        todo!("da a cada uno un número al llegar y sienta por orden de número")
    }

    /// Cuántas sillas hay libres ahora mismo.
    pub fn libres(&self) -> usize {
        todo!()
    }
}

impl Drop for Silla<'_> {
    fn drop(&mut self) {
        todo!("devuelve la silla y avisa a quien espera")
    }
}

impl Protocolo for Camarero {
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R {
        let _ = (mesa, filosofo, comida);
        todo!("siéntate; después, como el ingenuo")
    }
}

/// Versión 3, **intentos con espera al azar**: toma el izquierdo; si el derecho está
/// ocupado, suelta el izquierdo, espera un rato al azar (`sincro::azar::numero` cesiones
/// con `sincro::thread::yield_now`) y vuelve a empezar.
pub struct ConIntentos;

impl Protocolo for ConIntentos {
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R {
        let _ = (mesa, filosofo, comida);
        todo!("tomar el izquierdo, intentar_tomar el derecho; si falla, soltar y esperar al azar")
    }
}
