//! La crónica de una ejecución explorada: qué hizo cada hilo, paso a paso.
//!
//! Cuando una exploración falla, el arnés repite el plan que falla con la crónica encendida
//! ([`grabar`]) y dibuja con ella la página que enseña los hilos uno al lado del otro. Las
//! primitivas de sincro apuntan aquí cada operación que puede bloquear o despertar a otro
//! (tomar y soltar un cerrojo, esperar y avisar, lanzar y esperar hilos); el arnés apunta las
//! anotaciones de la suite. Apagada (siempre, salvo en esa repetición), no cuesta más que
//! mirar una marca.

use std::cell::{Cell, RefCell};
use std::fmt;

/// Una operación de un hilo explorado.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operacion {
    /// Lanza el hilo que se nombra.
    Lanza(String),
    /// El hilo termina.
    Termina,
    /// Pide un cerrojo que tiene otro hilo: va a esperar.
    Pide(String),
    /// Toma un cerrojo.
    Toma(String),
    /// Suelta un cerrojo.
    Suelta(String),
    /// `try_lock` de un cerrojo, con o sin éxito.
    Intenta { objeto: String, logrado: bool },
    /// Espera un aviso en una variable de condición, soltando su cerrojo.
    EsperaAviso { condicion: String, cerrojo: String },
    /// Vuelve de una espera en una variable de condición, con el cerrojo otra vez tomado.
    Despierta { condicion: String, espurio: bool },
    /// Avisa a uno (o a todos) de los que esperan en una variable de condición.
    Avisa { condicion: String, todos: bool },
    /// Espera a que termine el hilo que se nombra (`join`).
    EsperaFin(String),
    /// El `join` de ese hilo vuelve.
    Une(String),
    /// Una anotación de la suite (`arnes::anotar`).
    Anotacion(String),
}

impl Operacion {
    /// Si es una operación que bloquea al hilo hasta que otro haga algo.
    pub fn espera(&self) -> bool {
        matches!(
            self,
            Operacion::Pide(_) | Operacion::EsperaAviso { .. } | Operacion::EsperaFin(_)
        )
    }
}

impl fmt::Display for Operacion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operacion::Lanza(hilo) => write!(f, "lanza «{hilo}»"),
            Operacion::Termina => f.write_str("termina"),
            Operacion::Pide(c) => write!(f, "pide {c}, que tiene otro: espera"),
            Operacion::Toma(c) => write!(f, "toma {c}"),
            Operacion::Suelta(c) => write!(f, "suelta {c}"),
            Operacion::Intenta {
                objeto,
                logrado: true,
            } => write!(f, "intenta tomar {objeto} (try_lock): lo toma"),
            Operacion::Intenta {
                objeto,
                logrado: false,
            } => write!(f, "intenta tomar {objeto} (try_lock): ocupado"),
            Operacion::EsperaAviso { condicion, cerrojo } => {
                write!(f, "espera un aviso en {condicion} (suelta {cerrojo})")
            }
            Operacion::Despierta {
                condicion,
                espurio: false,
            } => write!(f, "despierta de {condicion}"),
            Operacion::Despierta {
                condicion,
                espurio: true,
            } => write!(f, "despierta de {condicion} sin aviso (espurio)"),
            Operacion::Avisa {
                condicion,
                todos: false,
            } => write!(f, "avisa a uno en {condicion} (notify_one)"),
            Operacion::Avisa {
                condicion,
                todos: true,
            } => write!(f, "avisa a todos en {condicion} (notify_all)"),
            Operacion::EsperaFin(hilo) => write!(f, "espera a que termine {hilo} (join)"),
            Operacion::Une(hilo) => write!(f, "{hilo} ha terminado: join vuelve"),
            Operacion::Anotacion(texto) => f.write_str(texto),
        }
    }
}

/// Un paso de la crónica: qué tarea de shuttle hizo qué.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suceso {
    /// El número de tarea de shuttle (0 es el hilo principal del escenario).
    pub tarea: usize,
    pub operacion: Operacion,
}

thread_local! {
    static GRABANDO: Cell<bool> = const { Cell::new(false) };
    static SUCESOS: RefCell<Vec<Suceso>> = const { RefCell::new(Vec::new()) };
}

/// Enciende (o apaga) la crónica, vacía.
pub fn grabar(encendida: bool) {
    GRABANDO.set(encendida);
    SUCESOS.with(|s| s.borrow_mut().clear());
}

/// Los sucesos apuntados desde [`grabar`], y la crónica queda vacía.
pub fn tomar() -> Vec<Suceso> {
    SUCESOS.with(|s| s.take())
}

/// Si la crónica está encendida.
pub fn grabando() -> bool {
    GRABANDO.get()
}

/// Apunta `operacion` de la tarea que se ejecuta ahora (si la crónica está encendida y hay
/// una tarea explorada).
pub fn apuntar(operacion: impl FnOnce() -> Operacion) {
    if !grabando() {
        return;
    }
    if let Some(tarea) = crate::modo::tarea_actual() {
        let suceso = Suceso {
            tarea,
            operacion: operacion(),
        };
        let _ = SUCESOS.try_with(|s| s.try_borrow_mut().map(|mut s| s.push(suceso)));
    }
}

/// El nombre de un cerrojo numerado para la crónica, o `None` si es interno (los de la mesa
/// de los filósofos, cuyos movimientos ya cuenta la mesa).
pub(crate) fn cerrojo(numero: u32) -> Option<String> {
    (numero > 0).then(|| format!("el cerrojo {numero}"))
}

/// Como [`cerrojo`], para una variable de condición.
pub(crate) fn condicion(numero: u32) -> Option<String> {
    (numero > 0).then(|| format!("la condición {numero}"))
}
