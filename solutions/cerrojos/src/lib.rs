//! # Solución de referencia: cerrojos
//!
//! Misma API que `exercises/cerrojos`. Los atómicos, la `UnsafeCell` y el `Mutex` vienen de
//! `sincro` para que la suite pueda explorar planificaciones de este código y comprobar, con
//! su detector de carreras de datos, que los órdenes de memoria son los justos.

use sincro::Mutex;
use sincro::atomic::{AtomicBool, AtomicUsize, Ordering};
use sincro::cell::UnsafeCell;
use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

/// Vueltas de espera activa antes de ceder el procesador. Con más hilos que núcleos, quien
/// tiene el cerrojo puede estar desalojado: girar más solo quema el tiempo que él necesita.
const VUELTAS: u32 = 100;

/// La espera de un hilo que no puede entrar: unas vueltas con `spin_loop` (barato si el
/// cerrojo se libera enseguida) y, después, ceder el procesador en cada vuelta.
struct Espera(u32);

impl Espera {
    fn new() -> Self {
        Self(0)
    }

    fn una_vuelta(&mut self) {
        if self.0 < VUELTAS {
            self.0 += 1;
            sincro::hint::spin_loop();
        } else {
            sincro::thread::yield_now();
        }
    }
}

// ---------------------------------------------------------------------------------------
// Cerrojo de giro
// ---------------------------------------------------------------------------------------

/// Un cerrojo de espera activa (*spin lock*): protege un valor `T` al que solo se accede a
/// través de la [`Guarda`] que devuelve [`adquirir`](Self::adquirir).
pub struct CerrojoGiro<T> {
    /// `true` mientras alguien tiene la guarda.
    ocupado: AtomicBool,
    dato: UnsafeCell<T>,
}

// SAFETY: el cerrojo solo deja que un hilo a la vez llegue al `T` (con `&mut T`), y el par
// Acquire/Release ordena sus accesos. Compartir el cerrojo equivale a ir pasando el `T` de
// un hilo a otro: basta con que `T` se pueda enviar (`Send`); no hace falta que sea `Sync`,
// porque nunca hay dos hilos con una referencia a la vez. `Send` lo deduce el compilador
// (la `UnsafeCell<T>` es `Send` si `T` lo es).
unsafe impl<T: Send> Sync for CerrojoGiro<T> {}

/// La guarda de un [`CerrojoGiro`]: da acceso al dato y libera el cerrojo al destruirse.
#[must_use = "si no guardas la guarda, el cerrojo se libera en el acto"]
pub struct Guarda<'a, T> {
    cerrojo: &'a CerrojoGiro<T>,
    /// Un puntero crudo no es `Send` ni `Sync`: la guarda tampoco (ver abajo).
    _no_send: PhantomData<*const ()>,
}

// SAFETY: con `&Guarda` solo se obtiene `&T`; compartirla entre hilos es compartir `&T`, lo
// que exige `T: Sync`, como `std::sync::MutexGuard`. La guarda sigue sin ser `Send`: el hilo
// que adquiere es el que libera.
unsafe impl<T: Sync> Sync for Guarda<'_, T> {}

impl<T> CerrojoGiro<T> {
    /// Un cerrojo libre que protege `valor`.
    pub fn new(valor: T) -> Self {
        Self {
            ocupado: AtomicBool::new(false),
            dato: UnsafeCell::new(valor),
        }
    }

    /// Adquiere el cerrojo, esperando activamente mientras otro hilo lo tenga.
    pub fn adquirir(&self) -> Guarda<'_, T> {
        let mut espera = Espera::new();
        loop {
            // Comprobar y marcar en un solo paso indivisible: de varios hilos que ven `false`,
            // solo uno consigue cambiarlo a `true`. Acquire: quien entra ve todo lo que
            // escribió en el dato quien liberó antes (con Release).
            if self
                .ocupado
                .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
                .is_ok()
            {
                return self.guarda();
            }
            // Mientras esté ocupado, solo leer (*test-and-test-and-set*): una lectura no
            // reclama la línea de caché en exclusiva, un compare_exchange sí.
            while self.ocupado.load(Ordering::Relaxed) {
                espera.una_vuelta();
            }
        }
    }

    /// Adquiere el cerrojo si está libre; si no, devuelve `None` sin esperar.
    pub fn intentar_adquirir(&self) -> Option<Guarda<'_, T>> {
        self.ocupado
            .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
            .ok()
            .map(|_| self.guarda())
    }

    /// Consume el cerrojo y devuelve el valor (con el cerrojo en propiedad, nadie más puede
    /// tenerlo).
    pub fn into_inner(self) -> T {
        self.dato.into_inner()
    }

    fn guarda(&self) -> Guarda<'_, T> {
        Guarda {
            cerrojo: self,
            _no_send: PhantomData,
        }
    }
}

impl<T> Deref for Guarda<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: la guarda existe, así que este hilo tiene el cerrojo: nadie más accede.
        unsafe { &*self.cerrojo.dato.get() }
    }
}

impl<T> DerefMut for Guarda<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: como en `deref`, y `&mut self` impide otra referencia desde esta guarda.
        unsafe { &mut *self.cerrojo.dato.get() }
    }
}

impl<T> Drop for Guarda<'_, T> {
    fn drop(&mut self) {
        // Release: publica lo escrito en el dato para el próximo que adquiera (con Acquire).
        self.cerrojo.ocupado.store(false, Ordering::Release);
    }
}

// ---------------------------------------------------------------------------------------
// Cerrojo de tiques
// ---------------------------------------------------------------------------------------

/// Un cerrojo de tiques (*ticket lock*): como la máquina de números de una pescadería, cada
/// hilo toma un número al llegar y entra cuando la pantalla muestra el suyo. Atiende por
/// orden de llegada, así que ningún hilo espera para siempre (no hay inanición).
// Alineado a una línea de caché: los dos contadores y un dato pequeño viajan juntos de un
// núcleo a otro en cada relevo, en un solo viaje y no en dos.
#[repr(align(64))]
pub struct CerrojoTiques<T> {
    /// El próximo número que dará la máquina.
    siguiente: AtomicUsize,
    /// El número que puede entrar ahora (el de la pantalla).
    turno: AtomicUsize,
    dato: UnsafeCell<T>,
}

// SAFETY: como en `CerrojoGiro`: un solo hilo a la vez llega al `T`, con Acquire/Release.
unsafe impl<T: Send> Sync for CerrojoTiques<T> {}

/// La guarda de un [`CerrojoTiques`]: da acceso al dato y cede el turno al destruirse.
#[must_use = "si no guardas la guarda, el cerrojo se libera en el acto"]
pub struct GuardaTiques<'a, T> {
    cerrojo: &'a CerrojoTiques<T>,
    _no_send: PhantomData<*const ()>,
}

// SAFETY: como la de `Guarda`.
unsafe impl<T: Sync> Sync for GuardaTiques<'_, T> {}

impl<T> CerrojoTiques<T> {
    /// Un cerrojo libre que protege `valor`.
    pub fn new(valor: T) -> Self {
        Self {
            siguiente: AtomicUsize::new(0),
            turno: AtomicUsize::new(0),
            dato: UnsafeCell::new(valor),
        }
    }

    /// Adquiere el cerrojo: toma un tique y espera a que sea su turno.
    pub fn adquirir(&self) -> GuardaTiques<'_, T> {
        // Tomar número es una sola operación indivisible: dos hilos nunca reciben el mismo.
        // Relaxed basta: el número no publica nada; lo que ordena el dato es `turno`.
        // (`fetch_add` da la vuelta al llegar a usize::MAX, y la comparación sigue valiendo.)
        let mio = self.siguiente.fetch_add(1, Ordering::Relaxed);
        let mut espera = Espera::new();
        loop {
            // Acquire: al ver su número en la pantalla, ve también lo que escribió quien salió.
            let turno = self.turno.load(Ordering::Acquire);
            if turno == mio {
                break;
            }
            if mio.wrapping_sub(turno) == 1 {
                // El siguiente de la cola: el relevo llega pronto, merece la pena girar.
                espera.una_vuelta();
            } else {
                // Hay otros delante: girar no adelanta nada y quita la CPU a quien sí puede
                // avanzar (con más hilos que núcleos, el que tiene el cerrojo o el siguiente).
                sincro::thread::yield_now();
            }
        }
        GuardaTiques {
            cerrojo: self,
            _no_send: PhantomData,
        }
    }

    /// Cuántos hilos esperan su turno ahora mismo, sin contar al que tiene el cerrojo. Es una
    /// foto que puede cambiar en cuanto la lees: sirve para pruebas y depuración.
    pub fn turnos_esperando(&self) -> usize {
        // Primero `turno`: `siguiente` nunca va por detrás de lo leído en `turno`.
        let turno = self.turno.load(Ordering::SeqCst);
        let siguiente = self.siguiente.load(Ordering::SeqCst);
        siguiente.wrapping_sub(turno).saturating_sub(1)
    }

    /// Consume el cerrojo y devuelve el valor.
    pub fn into_inner(self) -> T {
        self.dato.into_inner()
    }
}

impl<T> Deref for GuardaTiques<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: es nuestro turno: nadie más accede al dato.
        unsafe { &*self.cerrojo.dato.get() }
    }
}

impl<T> DerefMut for GuardaTiques<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: como en `deref`.
        unsafe { &mut *self.cerrojo.dato.get() }
    }
}

impl<T> Drop for GuardaTiques<'_, T> {
    fn drop(&mut self) {
        // Solo quien tiene el turno lo cambia, así que leer y escribir por separado no
        // pierde nada, y un `store` es más barato que un `fetch_add` (en x86, una escritura
        // normal frente a una instrucción con `lock`). Release publica lo escrito en el dato.
        let turno = self.cerrojo.turno.load(Ordering::Relaxed);
        self.cerrojo
            .turno
            .store(turno.wrapping_add(1), Ordering::Release);
    }
}

// ---------------------------------------------------------------------------------------
// Reservas: comprobar y actuar en la misma sección crítica
// ---------------------------------------------------------------------------------------

/// Lo que protege el cerrojo de [`Reservas`].
struct Estado {
    plazas: usize,
    pasajeros: Vec<String>,
}

/// Las reservas de un vuelo con un número fijo de plazas.
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
        // Una sola guarda para comprobar y actuar: entre las dos cosas nadie puede colarse.
        let mut estado = self.estado.adquirir();
        if estado.pasajeros.len() >= estado.plazas {
            return None;
        }
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
    /// dinero fuera de las dos cuentas ni en las dos a la vez.
    pub fn transferir(
        &self,
        origen: usize,
        destino: usize,
        cantidad: u64,
    ) -> Result<(), ErrorTransferencia> {
        for cuenta in [origen, destino] {
            if cuenta >= self.cuentas.len() {
                return Err(ErrorTransferencia::CuentaInexistente(cuenta));
            }
        }
        if origen == destino {
            // Adquirir dos veces el mismo `Mutex` desde un hilo es un interbloqueo consigo
            // mismo.
            return Err(ErrorTransferencia::MismaCuenta);
        }
        // Orden global: siempre primero la cuenta de número menor. Dos transferencias
        // opuestas (0 → 1 y 1 → 0) piden los cerrojos en el mismo orden, y el ciclo de
        // esperas que necesita un interbloqueo no puede cerrarse.
        let (menor, mayor) = (origen.min(destino), origen.max(destino));
        let mut primera = self.cuentas[menor].lock();
        let mut segunda = self.cuentas[mayor].lock();
        let (saldo_origen, saldo_destino) = if origen == menor {
            (&mut *primera, &mut *segunda)
        } else {
            (&mut *segunda, &mut *primera)
        };
        // Comprobar y actuar con los dos cerrojos adquiridos.
        if *saldo_origen < cantidad {
            return Err(ErrorTransferencia::SaldoInsuficiente {
                disponible: *saldo_origen,
                pedido: cantidad,
            });
        }
        *saldo_origen -= cantidad;
        *saldo_destino += cantidad;
        Ok(())
    }

    /// El saldo de una cuenta, o `None` si no existe.
    pub fn saldo(&self, cuenta: usize) -> Option<u64> {
        self.cuentas.get(cuenta).map(|c| *c.lock())
    }

    /// La suma de todos los saldos, como una foto: adquiere todas las cuentas (en el mismo
    /// orden global) antes de sumar, así que nunca ve una transferencia a medias.
    pub fn total(&self) -> u64 {
        let guardas: Vec<_> = self.cuentas.iter().map(|c| c.lock()).collect();
        guardas.iter().map(|g| **g).sum()
    }
}
