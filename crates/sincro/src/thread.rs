//! Hilos, reales o explorados: `spawn`, `scope`, `yield_now` y `sleep`, como en
//! `std::thread`.

use crate::carreras::{self, Reloj};
use crate::modo::{self, explorando};
use std::time::Duration;

/// El manejador de un hilo lanzado con [`spawn`].
pub struct JoinHandle<T>(Manejador<T>);

enum Manejador<T> {
    Real(std::thread::JoinHandle<T>),
    /// El hilo explorado devuelve también su reloj final: esperarlo es sincronizarse con él.
    /// Con su nombre, para decir a quién espera quien lo espera.
    Explorado(shuttle::thread::JoinHandle<(T, Reloj)>, String),
}

impl<T> JoinHandle<T> {
    /// Espera a que el hilo termine. `Err` si entró en pánico.
    pub fn join(self) -> std::thread::Result<T> {
        match self.0 {
            Manejador::Real(h) => h.join(),
            Manejador::Explorado(h, nombre) => {
                let hilo = usize::from(h.thread().id());
                let que = format!("espera a que termine «{nombre}» (join)");
                let recurso = Some(modo::Recurso::Hilo(hilo));
                let bloqueara = !modo::tarea_terminada(hilo);
                modo::esperando(que, recurso, None, bloqueara, || h.join()).map(sincronizar)
            }
        }
    }
}

/// Al explorar: el hilo nuevo sabe lo que sabía quien lo lanzó, y al terminar devuelve lo
/// que sabe él. También se apunta con su nombre del curso, para los informes.
fn con_relojes<T>(nombre: String, f: impl FnOnce() -> T) -> impl FnOnce() -> (T, Reloj) {
    let al_nacer = carreras::liberar();
    move || {
        modo::registrar_hilo(nombre);
        carreras::adquirir(&al_nacer);
        let resultado = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
            .unwrap_or_else(|carga| modo::fallo_en_hilo(carga));
        modo::al_terminar_hilo();
        (resultado, carreras::liberar())
    }
}

/// Al explorar: esperar a un hilo es incorporar lo que sabía al terminar.
fn sincronizar<T>((resultado, reloj): (T, Reloj)) -> T {
    carreras::adquirir(&reloj);
    resultado
}

/// Lanza un hilo, como `std::thread::spawn`.
pub fn spawn<F, T>(f: F) -> JoinHandle<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    Builder::new().spawn(f).expect("no se pudo crear el hilo")
}

/// Para lanzar un hilo con nombre, como `std::thread::Builder`.
#[derive(Debug, Default)]
pub struct Builder {
    nombre: Option<String>,
}

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    /// El nombre del hilo, que aparece en los mensajes de pánico y de interbloqueo.
    pub fn name(mut self, nombre: String) -> Self {
        self.nombre = Some(nombre);
        self
    }

    pub fn spawn<F, T>(self, f: F) -> std::io::Result<JoinHandle<T>>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        if explorando() {
            let nombre = modo::nombre_de_hilo_nuevo(self.nombre);
            shuttle::thread::Builder::new()
                .name(nombre.clone())
                .spawn(con_relojes(nombre.clone(), f))
                .map(|h| JoinHandle(Manejador::Explorado(h, nombre)))
        } else {
            let mut b = std::thread::Builder::new();
            if let Some(nombre) = self.nombre {
                b = b.name(nombre);
            }
            b.spawn(f).map(|h| JoinHandle(Manejador::Real(h)))
        }
    }
}

/// Un ámbito de hilos, como `std::thread::Scope`: los hilos que lanza pueden tomar prestado
/// lo que vive fuera del ámbito, y todos terminan antes de que [`scope`] vuelva.
pub struct Scope<'scope, 'env: 'scope>(Ambito<'scope, 'env>);

enum Ambito<'scope, 'env> {
    Real(&'scope std::thread::Scope<'scope, 'env>),
    Explorado(&'scope shuttle::thread::Scope<'scope, 'env>),
}

/// El manejador de un hilo lanzado dentro de un ámbito.
pub struct ScopedJoinHandle<'scope, T>(ManejadorAmbito<'scope, T>);

enum ManejadorAmbito<'scope, T> {
    Real(std::thread::ScopedJoinHandle<'scope, T>),
    Explorado(
        shuttle::thread::ScopedJoinHandle<'scope, (T, Reloj)>,
        String,
    ),
}

impl<T> ScopedJoinHandle<'_, T> {
    /// Espera a que el hilo termine. `Err` si entró en pánico.
    pub fn join(self) -> std::thread::Result<T> {
        match self.0 {
            ManejadorAmbito::Real(h) => h.join(),
            ManejadorAmbito::Explorado(h, nombre) => {
                let hilo = usize::from(h.thread().id());
                let que = format!("espera a que termine «{nombre}» (join)");
                let recurso = Some(modo::Recurso::Hilo(hilo));
                let bloqueara = !modo::tarea_terminada(hilo);
                modo::esperando(que, recurso, None, bloqueara, || h.join()).map(sincronizar)
            }
        }
    }
}

impl<'scope, 'env> Scope<'scope, 'env> {
    /// Lanza un hilo dentro del ámbito.
    pub fn spawn<F, T>(&self, f: F) -> ScopedJoinHandle<'scope, T>
    where
        F: FnOnce() -> T + Send + 'scope,
        T: Send + 'scope,
    {
        match self.0 {
            Ambito::Real(s) => ScopedJoinHandle(ManejadorAmbito::Real(s.spawn(f))),
            Ambito::Explorado(s) => {
                let nombre = modo::nombre_de_hilo_nuevo(None);
                let h = s.spawn(con_relojes(nombre.clone(), f));
                ScopedJoinHandle(ManejadorAmbito::Explorado(h, nombre))
            }
        }
    }
}

/// Crea un ámbito de hilos, como `std::thread::scope`.
pub fn scope<'env, F, T>(f: F) -> T
where
    F: for<'scope> FnOnce(&Scope<'scope, 'env>) -> T,
{
    if explorando() {
        shuttle::thread::scope(|s| f(&Scope(Ambito::Explorado(s))))
    } else {
        std::thread::scope(|s| f(&Scope(Ambito::Real(s))))
    }
}

/// Cede el procesador a otro hilo.
pub fn yield_now() {
    if explorando() {
        shuttle::thread::yield_now()
    } else {
        std::thread::yield_now()
    }
}

/// Duerme `duracion` (al explorar, solo cede el paso: el planificador no mide el tiempo).
pub fn sleep(duracion: Duration) {
    if explorando() {
        shuttle::thread::sleep(duracion)
    } else {
        std::thread::sleep(duracion)
    }
}
