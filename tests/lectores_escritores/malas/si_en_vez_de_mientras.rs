//! Error: espera con `if` en lugar de `while`. Tras un despertar espurio, o si otro hilo entró
//! antes, el hilo entra sin volver a comprobar si puede.
//!
//! Debe fallar: explorar_exclusion_con_preferencia_de_lectores, explorar_exclusion_con_preferencia_de_escritores, explorar_exclusion_con_politica_justa

use sincro::{Condvar, Mutex};
use std::cell::UnsafeCell;
use std::ops::{Deref, DerefMut};

/// Quién pasa primero cuando lectores y escritores compiten por el cerrojo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Politica {
    /// Preferencia por los lectores: un lector solo espera si hay un escritor dentro, y los
    /// lectores que esperan pasan antes que los escritores que esperan. Un flujo continuo
    /// de lectores puede dejar a un escritor en inanición.
    Lectores,
    /// Preferencia por los escritores: en cuanto un escritor espera, ningún lector nuevo
    /// entra. Un flujo continuo de escritores puede dejar a los lectores en inanición.
    Escritores,
    /// Justa: se entra por orden de llegada (los lectores seguidos entran juntos). Nadie
    /// pasa hambre.
    Justa,
}

/// Una foto del estado del cerrojo, para las pruebas y la depuración: puede cambiar en
/// cuanto la tomas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Foto {
    /// Lectores dentro (con una [`GuardaLectura`] viva).
    pub lectores: usize,
    /// Si hay un escritor dentro (con una [`GuardaEscritura`] viva).
    pub escritor: bool,
    /// Hilos dormidos dentro de [`CerrojoLE::leer`] porque la política no les deja entrar.
    pub lectores_esperando: usize,
    /// Hilos dormidos dentro de [`CerrojoLE::escribir`] porque la política no les deja entrar.
    pub escritores_esperando: usize,
}

/// Lo que protege el `Mutex` del cerrojo.
struct Estado {
    lectores: usize,
    escritor: bool,
    lectores_esperando: usize,
    escritores_esperando: usize,
    /// Política justa: el próximo número que se reparte, como en la pescadería.
    siguiente_turno: u64,
    /// Política justa: el número al que le toca. Se avanza al entrar, así que tras un lector
    /// puede entrar el siguiente de la fila si también es lector.
    atendido: u64,
}

impl Estado {
    /// Si un lector con número `turno` puede entrar ya.
    fn puede_leer(&self, politica: Politica, turno: u64) -> bool {
        !self.escritor
            && match politica {
                Politica::Lectores => true,
                Politica::Escritores => self.escritores_esperando == 0,
                Politica::Justa => turno == self.atendido,
            }
    }

    /// Si un escritor con número `turno` puede entrar ya.
    fn puede_escribir(&self, politica: Politica, turno: u64) -> bool {
        !self.escritor
            && self.lectores == 0
            && match politica {
                // Los lectores que esperan (solo esperan si había un escritor) van primero.
                Politica::Lectores => self.lectores_esperando == 0,
                Politica::Escritores => true,
                Politica::Justa => turno == self.atendido,
            }
    }

    fn hay_quien_espere(&self) -> bool {
        self.lectores_esperando + self.escritores_esperando > 0
    }
}

/// Un cerrojo de lectores y escritores que protege un valor `T`: muchos lectores a la vez,
/// o un solo escritor, según la [`Politica`] elegida al crearlo.
pub struct CerrojoLE<T> {
    politica: Politica,
    estado: Mutex<Estado>,
    /// Una sola variable de condición para lectores y escritores. Por eso los avisos son
    /// `notify_all`: con `notify_one` podría despertar a un hilo que no puede entrar
    /// mientras el que sí podría sigue dormido (un despertar perdido).
    cambio: Condvar,
    valor: UnsafeCell<T>,
}

// SEGURIDAD: `UnsafeCell` no es `Sync` porque no sabe quién accede al valor. Aquí lo sabe el
// protocolo: solo las guardas acceden a `valor`; una `GuardaEscritura` existe solo cuando
// no hay ninguna otra guarda (escritor == true y lectores == 0), y las `GuardaLectura` solo
// dan `&T`. Compartir el cerrojo entre hilos reparte `&T` entre ellos (exige `T: Sync`) y
// deja que otro hilo escriba, y por tanto mueva, el valor (exige `T: Send`): lo mismo que
// pide `std::sync::RwLock`.
unsafe impl<T: Send + Sync> Sync for CerrojoLE<T> {}

/// Permiso de lectura: da `&T` y deja entrar a otros lectores a la vez. Sale del cerrojo
/// al destruirse, también durante un pánico.
#[must_use = "si no guardas la guarda, sales del cerrojo en el acto"]
pub struct GuardaLectura<'a, T> {
    cerrojo: &'a CerrojoLE<T>,
}

/// Permiso de escritura: da `&mut T` y excluye a todos los demás. Sale del cerrojo al
/// destruirse, también durante un pánico.
#[must_use = "si no guardas la guarda, sales del cerrojo en el acto"]
pub struct GuardaEscritura<'a, T> {
    cerrojo: &'a CerrojoLE<T>,
}

impl<T> CerrojoLE<T> {
    /// Un cerrojo nuevo que protege `valor` con la política `politica`.
    pub fn new(valor: T, politica: Politica) -> Self {
        Self {
            politica,
            estado: Mutex::new(Estado {
                lectores: 0,
                escritor: false,
                lectores_esperando: 0,
                escritores_esperando: 0,
                siguiente_turno: 0,
                atendido: 0,
            }),
            cambio: Condvar::new(),
            valor: UnsafeCell::new(valor),
        }
    }

    /// La política con la que se creó.
    pub fn politica(&self) -> Politica {
        self.politica
    }

    /// Entra a leer, esperando mientras la política no lo permita.
    pub fn leer(&self) -> GuardaLectura<'_, T> {
        let mut estado = self.estado.lock();
        let turno = self.pedir_turno(&mut estado);
        if !estado.puede_leer(self.politica, turno) {
            estado.lectores_esperando += 1;
            // `while`: el aviso puede ser para otro, o espurio.
            if !estado.puede_leer(self.politica, turno) {
                self.cambio.wait(&mut estado);
            }
            estado.lectores_esperando -= 1;
        }
        // Comprobar y entrar en la misma sección crítica: nadie se cuela en medio.
        estado.lectores += 1;
        if self.politica == Politica::Justa {
            // El turno pasa al siguiente de la fila; si es un lector, puede entrar ya con
            // nosotros, y hay que despertarlo.
            estado.atendido += 1;
            if estado.hay_quien_espere() {
                self.cambio.notify_all();
            }
        }
        GuardaLectura { cerrojo: self }
    }

    /// Entra a escribir, esperando mientras la política no lo permita.
    pub fn escribir(&self) -> GuardaEscritura<'_, T> {
        let mut estado = self.estado.lock();
        let turno = self.pedir_turno(&mut estado);
        if !estado.puede_escribir(self.politica, turno) {
            // Contarse antes de dormir: con preferencia por escritores, esto es lo que
            // cierra la puerta a los lectores nuevos.
            estado.escritores_esperando += 1;
            if !estado.puede_escribir(self.politica, turno) {
                self.cambio.wait(&mut estado);
            }
            estado.escritores_esperando -= 1;
        }
        estado.escritor = true;
        if self.politica == Politica::Justa {
            // Nadie más puede entrar mientras escribimos: no hace falta avisar.
            estado.atendido += 1;
        }
        GuardaEscritura { cerrojo: self }
    }

    /// Una foto del estado del cerrojo (lectores y escritor dentro, hilos que esperan).
    pub fn foto(&self) -> Foto {
        let estado = self.estado.lock();
        Foto {
            lectores: estado.lectores,
            escritor: estado.escritor,
            lectores_esperando: estado.lectores_esperando,
            escritores_esperando: estado.escritores_esperando,
        }
    }

    /// Consume el cerrojo y devuelve el valor.
    pub fn into_inner(self) -> T {
        self.valor.into_inner()
    }

    /// Reparte un número de turno. Solo la política justa lo mira.
    fn pedir_turno(&self, estado: &mut Estado) -> u64 {
        let turno = estado.siguiente_turno;
        if self.politica == Politica::Justa {
            estado.siguiente_turno += 1;
        }
        turno
    }
}

impl<T> Deref for GuardaLectura<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SEGURIDAD: mientras viva esta guarda no hay escritor dentro (ver `unsafe impl Sync`).
        unsafe { &*self.cerrojo.valor.get() }
    }
}

impl<T> Deref for GuardaEscritura<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SEGURIDAD: mientras viva esta guarda es la única (ver `unsafe impl Sync`).
        unsafe { &*self.cerrojo.valor.get() }
    }
}

impl<T> DerefMut for GuardaEscritura<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SEGURIDAD: mientras viva esta guarda es la única, y `&mut self` impide pedir dos
        // `&mut T` a la vez a través de ella.
        unsafe { &mut *self.cerrojo.valor.get() }
    }
}

impl<T> Drop for GuardaLectura<'_, T> {
    fn drop(&mut self) {
        let mut estado = self.cerrojo.estado.lock();
        estado.lectores -= 1;
        // El último lector en salir «apaga la luz»: ahora puede entrar un escritor.
        if estado.lectores == 0 && estado.escritores_esperando > 0 {
            self.cerrojo.cambio.notify_all();
        }
    }
}

impl<T> Drop for GuardaEscritura<'_, T> {
    fn drop(&mut self) {
        let mut estado = self.cerrojo.estado.lock();
        estado.escritor = false;
        // Primero el cambio, después el aviso, con el cerrojo del estado adquirido.
        if estado.hay_quien_espere() {
            self.cerrojo.cambio.notify_all();
        }
    }
}
