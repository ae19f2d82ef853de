//! # Ejercicio: cerrojos
//!
//! Lee el capítulo «Cerrojos y exclusión mutua» del libro antes de empezar. Sustituye cada
//! `todo!()` por tu código, arregla `Reservas::reservar` y comprueba tu trabajo con:
//!
//! ```text
//! cargo test -p cerrojos
//! ```
//!
//! Usa las primitivas de `sincro` (`sincro::atomic`, `sincro::cell::UnsafeCell`,
//! `sincro::hint::spin_loop`, `sincro::Mutex`), no las de `std`: son las mismas, pero la
//! suite puede ejecutar tu código bajo un planificador que prueba miles de órdenes distintos
//! de los hilos, y un detector que comprueba tus órdenes de memoria (`Ordering`).

// Quita esta línea cuando empieces: solo evita avisos de cosas aún sin usar.
#![allow(unused_imports, dead_code)]

use sincro::Mutex;
use sincro::atomic::{AtomicBool, AtomicUsize, Ordering};
use sincro::cell::UnsafeCell;
use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

// ---------------------------------------------------------------------------------------
// Cerrojo de giro
// ---------------------------------------------------------------------------------------

/// Un cerrojo de espera activa (*spin lock*): protege un valor `T` al que solo se accede a
/// través de la [`Guarda`] que devuelve [`adquirir`](Self::adquirir).
///
/// Se comparte entre hilos (`&CerrojoGiro<T>` en varios hilos) siempre que `T` sea `Send`,
/// aunque `T` no sea `Sync` (como `Mutex<T>`).
pub struct CerrojoGiro<T> {
    // Tus campos: una bandera atómica (`AtomicBool`) que diga si está ocupado y el dato en
    // una `sincro::cell::UnsafeCell<T>`. Quita `_dato` cuando los pongas.
    _dato: PhantomData<T>,
}

// Con el dato en una `UnsafeCell`, el compilador dejará de considerar `Sync` tu cerrojo
// (y la suite no compilará): tendrás que prometerlo tú con un `unsafe impl ... Sync`.
// Piensa qué debe cumplir `T`, ni más ni menos.

/// La guarda de un [`CerrojoGiro`]: da acceso al dato (`*guarda`) y libera el cerrojo al
/// destruirse, también si el hilo entra en pánico. No se puede enviar a otro hilo (no es
/// `Send`): el hilo que adquiere es el que libera.
#[must_use = "si no guardas la guarda, el cerrojo se libera en el acto"]
pub struct Guarda<'a, T> {
    cerrojo: &'a CerrojoGiro<T>,
    // Añade un campo que impida que la guarda sea `Send`.
}

impl<T> CerrojoGiro<T> {
    /// Un cerrojo libre que protege `valor`.
    pub fn new(valor: T) -> Self {
        let _ = valor;
        todo!()
    }

    /// Adquiere el cerrojo, esperando activamente (con `sincro::hint::spin_loop()` en el
    /// bucle) mientras otro hilo lo tenga.
    pub fn adquirir(&self) -> Guarda<'_, T> {
        todo!("compare_exchange de false a true, con el orden de memoria justo")
    }

    /// Adquiere el cerrojo si está libre; si no, devuelve `None` sin esperar.
    pub fn intentar_adquirir(&self) -> Option<Guarda<'_, T>> {
        todo!()
    }

    /// Consume el cerrojo y devuelve el valor.
    pub fn into_inner(self) -> T {
        todo!()
    }
}

impl<T> Deref for Guarda<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        todo!("unsafe {{ &*... .get() }}, con un comentario SAFETY")
    }
}

impl<T> DerefMut for Guarda<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        todo!()
    }
}

impl<T> Drop for Guarda<'_, T> {
    fn drop(&mut self) {
        todo!("libera el cerrojo, con el orden de memoria justo")
    }
}

// ---------------------------------------------------------------------------------------
// Cerrojo de tiques
// ---------------------------------------------------------------------------------------

/// Un cerrojo de tiques (*ticket lock*): cada hilo toma un número al llegar y entra cuando
/// es su turno. Atiende por orden de llegada: quien tomó antes su número entra antes, y
/// ningún hilo espera para siempre (no hay inanición).
///
/// Se comparte entre hilos en las mismas condiciones que [`CerrojoGiro`].
pub struct CerrojoTiques<T> {
    // Tus campos: dos contadores atómicos (el próximo número que se da y el turno actual)
    // y el dato en una `UnsafeCell<T>`. Quita `_dato` cuando los pongas.
    _dato: PhantomData<T>,
}

/// La guarda de un [`CerrojoTiques`]: da acceso al dato y cede el turno al siguiente al
/// destruirse. Como [`Guarda`], no es `Send`.
#[must_use = "si no guardas la guarda, el cerrojo se libera en el acto"]
pub struct GuardaTiques<'a, T> {
    cerrojo: &'a CerrojoTiques<T>,
    // Añade un campo que impida que la guarda sea `Send`.
}

impl<T> CerrojoTiques<T> {
    /// Un cerrojo libre que protege `valor`.
    pub fn new(valor: T) -> Self {
        let _ = valor;
        todo!()
    }

    /// Adquiere el cerrojo: toma un tique y espera (activamente) a que sea su turno.
    pub fn adquirir(&self) -> GuardaTiques<'_, T> {
        todo!("fetch_add para el tique; después, espera a que el turno sea el tuyo")
    }

    /// Cuántos hilos esperan su turno ahora mismo, sin contar al que tiene el cerrojo (0 si
    /// está libre). Es una foto que puede cambiar en cuanto la lees.
    pub fn turnos_esperando(&self) -> usize {
        todo!()
    }

    /// Consume el cerrojo y devuelve el valor.
    pub fn into_inner(self) -> T {
        todo!()
    }
}

impl<T> Deref for GuardaTiques<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        todo!()
    }
}

impl<T> DerefMut for GuardaTiques<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        todo!()
    }
}

impl<T> Drop for GuardaTiques<'_, T> {
    fn drop(&mut self) {
        todo!("pasa el turno al siguiente")
    }
}

// ---------------------------------------------------------------------------------------
// Reservas: este código ya funciona... casi
// ---------------------------------------------------------------------------------------

/// Lo que protege el cerrojo de [`Reservas`].
struct Estado {
    plazas: usize,
    pasajeros: Vec<String>,
}

/// Las reservas de un vuelo con un número fijo de plazas, protegidas por tu [`CerrojoGiro`].
///
/// **Tiene una condición de carrera.** Cuando tu cerrojo funcione, las pruebas de un solo
/// hilo pasarán, pero la exploración de planificaciones encontrará un vuelo con más
/// pasajeros que plazas. Encuentra el error en `reservar` y arréglalo.
pub struct Reservas {
    estado: CerrojoGiro<Estado>,
}

impl Reservas {
    /// Un vuelo con `plazas` plazas, todas libres.
    pub fn new(plazas: usize) -> Self {
        Self {
            estado: CerrojoGiro::new(Estado {
                plazas,
                pasajeros: Vec::new(),
            }),
        }
    }

    /// Reserva una plaza para `cliente` si queda alguna y devuelve su número (1, 2...); si
    /// el vuelo está lleno, devuelve `None`. Nunca vende más plazas de las que hay.
    pub fn reservar(&self, cliente: &str) -> Option<usize> {
        // Comprobar...
        let hay_sitio = {
            let estado = self.estado.adquirir();
            estado.pasajeros.len() < estado.plazas
        };
        if !hay_sitio {
            return None;
        }
        // ...y actuar.
        let mut estado = self.estado.adquirir();
        estado.pasajeros.push(cliente.to_string());
        Some(estado.pasajeros.len())
    }

    /// Cuántas plazas quedan libres.
    pub fn libres(&self) -> usize {
        let estado = self.estado.adquirir();
        estado.plazas.saturating_sub(estado.pasajeros.len())
    }

    /// Los pasajeros con plaza, en el orden de sus plazas.
    pub fn pasajeros(&self) -> Vec<String> {
        self.estado.adquirir().pasajeros.clone()
    }
}

// ---------------------------------------------------------------------------------------
// Banco: varias cuentas, un orden global
// ---------------------------------------------------------------------------------------

/// Por qué no se hizo una transferencia. Si falla, no cambia ningún saldo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorTransferencia {
    /// No hay ninguna cuenta con ese número.
    CuentaInexistente(usize),
    /// El origen y el destino son la misma cuenta.
    MismaCuenta,
    /// El origen no tiene bastante dinero.
    SaldoInsuficiente { disponible: u64, pedido: u64 },
}

impl fmt::Display for ErrorTransferencia {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::CuentaInexistente(c) => write!(f, "la cuenta {c} no existe"),
            Self::MismaCuenta => write!(f, "el origen y el destino son la misma cuenta"),
            Self::SaldoInsuficiente { disponible, pedido } => {
                write!(
                    f,
                    "saldo insuficiente: hay {disponible} y se piden {pedido}"
                )
            }
        }
    }
}

impl std::error::Error for ErrorTransferencia {}

/// Un banco con varias cuentas numeradas desde 0, cada una con su propio cerrojo: dos
/// transferencias entre cuentas distintas pueden hacerse a la vez.
pub struct Banco {
    cuentas: Vec<Mutex<u64>>,
}

impl Banco {
    /// Un banco con una cuenta por saldo inicial: la cuenta `i` empieza con `saldos[i]`.
    pub fn new(saldos: &[u64]) -> Self {
        Self {
            cuentas: saldos.iter().map(|&s| Mutex::new(s)).collect(),
        }
    }

    /// Mueve `cantidad` de la cuenta `origen` a la cuenta `destino`, de una vez: nadie ve el
    /// dinero fuera de las dos cuentas ni en las dos a la vez. Los errores se comprueban en
    /// este orden: cuentas inexistentes (primero el origen), misma cuenta, saldo
    /// insuficiente. Dos transferencias opuestas a la vez (0 → 1 y 1 → 0) no deben
    /// interbloquearse.
    pub fn transferir(
        &self,
        origen: usize,
        destino: usize,
        cantidad: u64,
    ) -> Result<(), ErrorTransferencia> {
        let _ = (origen, destino, cantidad);
        todo!("adquiere los dos cerrojos siempre en el mismo orden global")
    }

    /// El saldo de una cuenta, o `None` si no existe.
    pub fn saldo(&self, cuenta: usize) -> Option<u64> {
        let _ = cuenta;
        todo!()
    }

    /// La suma de todos los saldos, como una foto: nunca ve una transferencia a medias.
    pub fn total(&self) -> u64 {
        todo!()
    }
}
