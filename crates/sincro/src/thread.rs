//! Hilos, reales o explorados: `spawn`, `scope`, `yield_now` y `sleep`, como en
//! `std::thread`.

use crate::carreras::{self, Reloj};
use crate::cronica::{self, Operacion};
use crate::grafo::Arista;
use crate::modo::{self, explorando};
use std::cell::RefCell;
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
                esperar_hilo(hilo, &nombre, || h.join()).map(sincronizar)
            }
        }
    }
}

/// Al explorar: el `join` del hilo explorado `hilo`, apuntado en el grafo de esperas y en la
/// crónica.
fn esperar_hilo<R>(hilo: usize, nombre: &str, join: impl FnOnce() -> R) -> R {
    let bloqueara = !modo::tarea_terminada(hilo);
    let que = format!("espera a que termine «{nombre}» (join)");
    if bloqueara {
        cronica::apuntar(|| Operacion::EsperaFin(format!("«{nombre}»")));
    }
    let resultado = modo::esperando(que, Arista::Hilos(vec![hilo]), bloqueara, join);
    cronica::apuntar(|| Operacion::Une(format!("«{nombre}»")));
    resultado
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
        cronica::apuntar(|| Operacion::Termina);
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
            cronica::apuntar(|| Operacion::Lanza(nombre.clone()));
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
    /// Con las tareas que lanza, para esperar su final en el grafo de esperas.
    Explorado(
        &'scope shuttle::thread::Scope<'scope, 'env>,
        RefCell<Vec<usize>>,
    ),
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
                esperar_hilo(hilo, &nombre, || h.join()).map(sincronizar)
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
        match &self.0 {
            Ambito::Real(s) => ScopedJoinHandle(ManejadorAmbito::Real(s.spawn(f))),
            Ambito::Explorado(s, tareas) => {
                let nombre = modo::nombre_de_hilo_nuevo(None);
                cronica::apuntar(|| Operacion::Lanza(nombre.clone()));
                let h = s.spawn(con_relojes(nombre.clone(), f));
                tareas.borrow_mut().push(usize::from(h.thread().id()));
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
        let mut espera = None;
        let resultado = shuttle::thread::scope(|s| {
            let ambito = Scope(Ambito::Explorado(s, RefCell::new(Vec::new())));
            let resultado = f(&ambito);
            // Al salir, shuttle espera a los hilos del ámbito que no hayan terminado: esa espera
            // también va al grafo, para que un interbloqueo con ella se vea antes que shuttle.
            if let Ambito::Explorado(_, tareas) = ambito.0 {
                let tareas = tareas.into_inner();
                let vivas: Vec<usize> = tareas
                    .into_iter()
                    .filter(|t| !modo::tarea_terminada(*t))
                    .collect();
                if !vivas.is_empty() {
                    cronica::apuntar(|| {
                        Operacion::EsperaFin("los hilos del ámbito (thread::scope)".into())
                    });
                    espera = modo::empezar_espera(
                        "espera a que terminen los hilos de su ámbito (thread::scope)",
                        Arista::Hilos(vivas),
                        true,
                    );
                }
            }
            resultado
        });
        if let Some(tarea) = espera {
            modo::terminar_espera(tarea);
        }
        resultado
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
