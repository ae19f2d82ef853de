//! Calificar una entrega: cada suite oficial contra los ejercicios de un estudiante.
//!
//! Es el mismo cálculo para un instructor (la entrega de un estudiante) y para un alumno
//! (su propia copia del curso, con `cargo curso progreso`).

use crate::banco;
use crate::catalogo::{self, Ejercicio};
use crate::ejecucion::{Estado, Prueba};
use crate::ensayo::{self, Ensayo};
use crate::{Resultado, integridad};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Cómo quedó un ejercicio de la entrega.
#[derive(Debug)]
pub enum Situacion {
    /// Se ejecutó la suite.
    Calificado,
    /// La entrega no trae este ejercicio.
    SinEntregar,
    /// El `lib.rs` es el esqueleto original, sin tocar: no hay nada que ejecutar.
    SinEmpezar,
    /// La entrega no compila con la suite oficial: los errores del compilador.
    NoCompila(String),
    /// Esta máquina no tiene lo que el ejercicio necesita (ver [`crate::requisitos`]): qué
    /// falta y cómo instalarlo.
    SinRequisitos(String),
    /// Un control de integridad anuló el ejercicio: los motivos.
    Anulado(Vec<String>),
}

#[derive(Debug)]
pub struct Calificado {
    pub ejercicio: Ejercicio,
    pub situacion: Situacion,
    pub pruebas: Vec<Prueba>,
    pub puntos: f64,
    /// Lo que conviene saber del kit con que se juzgó (archivos de `tests/` que difieren
    /// del original, que no se usan).
    pub avisos: Vec<String>,
}

impl Calificado {
    pub fn superadas(&self) -> usize {
        self.pruebas
            .iter()
            .filter(|p| p.estado == Estado::Pasa)
            .count()
    }
    /// Todo bien: calificado y con todas las pruebas superadas.
    pub fn completo(&self) -> bool {
        matches!(self.situacion, Situacion::Calificado) && self.superadas() == self.pruebas.len()
    }
}

/// Dónde están los ejercicios de una entrega: un repositorio con `exercises/`, o directamente
/// la carpeta `exercises/`.
struct Entrega {
    raiz: Option<PathBuf>,
    ejercicios: PathBuf,
}

impl Entrega {
    fn localizar(ruta: &Path) -> Resultado<Self> {
        if ruta.join("exercises").is_dir() {
            Ok(Self {
                raiz: Some(ruta.to_path_buf()),
                ejercicios: ruta.join("exercises"),
            })
        } else if ruta.is_dir() {
            Ok(Self {
                raiz: None,
                ejercicios: ruta.to_path_buf(),
            })
        } else {
            Err(format!("{} no es una carpeta", ruta.display()))
        }
    }
}

/// El tiempo que se da a las pruebas de cada ejercicio, una vez compilado: GitHub Classroom
/// corta el trabajo a los 30 minutos, y 8 ejercicios × 150 s son 20 minutos, que dejan 10
/// para preparar la máquina y compilar. Un ejercicio correcto tarda mucho menos (sus
/// pruebas, unos segundos); uno que se atasca en cada prueba pierde las que no le caben, y
/// los demás se califican igual.
pub const PRESUPUESTO: Duration = Duration::from_secs(150);

/// Califica la entrega que hay en `ruta`, ejercicio a ejercicio, en el orden del curso.
pub fn calificar(ruta: &Path) -> Resultado<Vec<Calificado>> {
    calificar_con(ruta, PRESUPUESTO)
}

/// Como [`calificar`], con otro presupuesto de tiempo por ejercicio (las pruebas del curso
/// lo acortan para ver qué pasa cuando se agota sin esperar minutos).
pub fn calificar_con(ruta: &Path, presupuesto: Duration) -> Resultado<Vec<Calificado>> {
    let entrega = Entrega::localizar(ruta)?;
    catalogo::ejercicios()?
        .into_iter()
        .map(|e| calificar_uno(&entrega, e, presupuesto))
        .collect()
}

fn calificar_uno(
    entrega: &Entrega,
    ejercicio: Ejercicio,
    presupuesto: Duration,
) -> Resultado<Calificado> {
    let carpeta = entrega.ejercicios.join(&ejercicio.nombre);
    let lib = carpeta.join("src/lib.rs");
    let mut avisos = Vec::new();
    let sin_puntos = |situacion, avisos| Calificado {
        ejercicio: ejercicio.clone(),
        situacion,
        pruebas: Vec::new(),
        puntos: 0.0,
        avisos,
    };
    if !lib.is_file() {
        return Ok(sin_puntos(Situacion::SinEntregar, avisos));
    }
    // La suite, las instantáneas y el esqueleto, tal como están confirmados en el curso.
    let turno = banco::turno(&ejercicio)?;
    let kit = banco::kit_original(&ejercicio, &turno)?;
    avisos.extend(kit.avisos.iter().cloned());
    if sin_empezar(&lib, &kit.esqueleto()) {
        return Ok(sin_puntos(Situacion::SinEmpezar, avisos));
    }
    if let Some(falta) = crate::requisitos::lo_que_falta(&ejercicio) {
        return Ok(sin_puntos(Situacion::SinRequisitos(falta), avisos));
    }
    let motivos = integridad::revisar(&ejercicio, &carpeta, entrega.raiz.as_deref());
    if !motivos.is_empty() {
        return Ok(sin_puntos(Situacion::Anulado(motivos), avisos));
    }
    eprintln!("Calificando «{}»…", ejercicio.nombre);
    // El presupuesto del ejercicio empieza al acabar la compilación (que tiene su propio
    // límite, en el banco).
    let ensayo = ensayo::ensayar(
        &ejercicio,
        lib,
        "entrega",
        &turno,
        &kit.carpeta,
        Some(presupuesto),
    )?;
    let pruebas = match ensayo {
        Ensayo::Ejecutado(pruebas) => pruebas,
        Ensayo::NoCompila(errores) => {
            return Ok(sin_puntos(Situacion::NoCompila(errores), avisos));
        }
    };
    let superadas = pruebas.iter().filter(|p| p.estado == Estado::Pasa).count();
    let puntos = if pruebas.is_empty() {
        0.0
    } else {
        // Puntos proporcionales a las pruebas superadas, con una décima de precisión.
        (f64::from(ejercicio.puntos) * superadas as f64 / pruebas.len() as f64 * 10.0).round()
            / 10.0
    };
    Ok(Calificado {
        ejercicio,
        situacion: Situacion::Calificado,
        pruebas,
        puntos,
        avisos,
    })
}

/// ¿Es `lib` exactamente el esqueleto original (salvo los finales de línea)? Entonces el
/// ejercicio está sin empezar, y ejecutar la suite solo daría fallos sin interés.
pub fn sin_empezar(lib: &Path, esqueleto: &Path) -> bool {
    let leer = |ruta: &Path| std::fs::read_to_string(ruta).map(|t| crate::reinicio::normalizar(&t));
    matches!((leer(lib), leer(esqueleto)), (Ok(a), Ok(b)) if a == b)
}

/// El primer ejercicio, en el orden del curso, que aún no está completo.
pub fn siguiente(calificados: &[Calificado]) -> Option<&Calificado> {
    calificados.iter().find(|c| !c.completo())
}
