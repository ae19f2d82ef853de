//! ¿Tiene dientes la suite? La solución de referencia y cada implementación correcta distinta
//! (`buenas/`) deben pasarla entera; el esqueleto original debe fallarla entera; y cada
//! implementación errónea conocida (`malas/`) debe fallar las pruebas que anuncia, cada una
//! por el motivo que anuncia.
//!
//! De una errónea solo se ejecutan las pruebas que anuncia: son lo único que afirma, y las
//! demás no demostrarían nada de lo dicho (muchas solo esperarían a que venza un límite).
//! Las pruebas de todas las implementaciones se reparten entre unos pocos procesos a la vez,
//! las más largas primero, y cada implementación juzgada se anuncia en stderr al acabar.

use crate::Resultado;
use crate::banco::{self, Compilada, Implementacion};
use crate::catalogo::Ejercicio;
use crate::ejecucion::{self, Estado, Prueba};
use crate::mutantes::{self, Motivo};

mod compilacion;
mod historial;
mod juicio;

use historial::Historial;
pub use juicio::juzgar;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Procesos de prueba a la vez. Muchas pruebas de las erróneas pasan su tiempo esperando (a
/// una cita que no llega, a un límite): con cuatro, los dos núcleos no se quedan ociosos, y las
/// pruebas de estrés de la solución siguen teniendo el procesador que esperan.
const A_LA_VEZ: usize = 4;

/// Lo que se espera de una implementación.
#[derive(Debug, Clone)]
pub enum Esperado {
    PasaTodo,
    FallaTodo,
    /// Falla al menos estas pruebas, y cada una con un mensaje que contiene su motivo.
    Falla {
        pruebas: Vec<String>,
        motivo: Option<Motivo>,
    },
}

/// El veredicto de una implementación: si cumplió lo esperado y por qué.
#[derive(Debug)]
pub struct Veredicto {
    pub etiqueta: String,
    pub esperado: Esperado,
    pub cumple: bool,
    pub detalle: String,
}

/// Una implementación y lo que se espera de ella.
struct Caso {
    imp: Implementacion,
    esperado: Esperado,
    /// Si es una mutación de la solución, su archivo y la mutación: su `lib.rs` se genera al
    /// compilar (ver [`compilacion`]).
    mutacion: Option<(PathBuf, mutantes::Mutacion)>,
}

/// Comprueba la suite de `ejercicio` contra solución, esqueleto, correctas y erróneas.
pub fn verificar(ejercicio: &Ejercicio) -> Resultado<Vec<Veredicto>> {
    let mut casos = casos(ejercicio)?;
    let nombre = &ejercicio.nombre;
    let turno = banco::turno(ejercicio)?;
    avisar(&format!(
        "«{nombre}»: compilando la suite con {} implementaciones…",
        casos.len()
    ));
    let inicio = Instant::now();
    let compiladas = compilacion::compilar(ejercicio, &mut casos, &turno)?;
    avisar(&format!(
        "«{nombre}»: compiladas en {}; ejecutando sus pruebas",
        segundos(inicio.elapsed())
    ));
    let veredictos = ejecutar_y_juzgar(ejercicio, casos, compiladas)?;
    avisar(&format!(
        "«{nombre}»: {} implementaciones juzgadas en {}",
        veredictos.len(),
        segundos(inicio.elapsed())
    ));
    Ok(veredictos)
}

/// Las implementaciones que se juzgan, en el orden del informe.
fn casos(ejercicio: &Ejercicio) -> Resultado<Vec<Caso>> {
    let caso = |etiqueta: String, lib: PathBuf, esperado| Caso {
        imp: Implementacion { etiqueta, lib },
        esperado,
        mutacion: None,
    };
    let mut casos = vec![
        caso("solucion".into(), ejercicio.solucion(), Esperado::PasaTodo),
        caso(
            "esqueleto".into(),
            ejercicio.esqueleto(),
            Esperado::FallaTodo,
        ),
    ];
    let nombre = |ruta: &Path| {
        ruta.file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    };
    for buena in ejercicio.buenas()? {
        casos.push(caso(
            format!("buena_{}", nombre(&buena)),
            buena,
            Esperado::PasaTodo,
        ));
    }
    for mala in ejercicio.malas()? {
        // La etiqueta sale del archivo de `malas/`, no del `lib.rs` que genera una mutación.
        let etiqueta = format!("mala_{}", nombre(&mala));
        // Una mutación de la solución (`.toml`) o una implementación completa (`.rs`).
        if mala.extension().is_some_and(|e| e == "toml") {
            let mutacion = mutantes::leer(&mala)?;
            let esperado = Esperado::Falla {
                pruebas: mutacion.debe_fallar.clone(),
                motivo: mutacion.motivo.clone(),
            };
            let mut caso = caso(etiqueta, PathBuf::new(), esperado);
            caso.mutacion = Some((mala, mutacion));
            casos.push(caso);
        } else {
            let esperado = anuncio(&mala)?;
            casos.push(caso(etiqueta, mala, esperado));
        }
    }
    Ok(casos)
}

/// Una prueba pendiente: de qué caso, cuál y cuánto se espera que dure.
struct Tarea {
    caso: usize,
    prueba: String,
    estimada: Duration,
}

/// Ejecuta las pruebas que cada caso necesita, repartidas entre [`A_LA_VEZ`] procesos, y
/// juzga cada caso en cuanto acaban las suyas.
fn ejecutar_y_juzgar(
    ejercicio: &Ejercicio,
    casos: Vec<Caso>,
    compiladas: Vec<compilacion::Ejecutable>,
) -> Resultado<Vec<Veredicto>> {
    let total = casos.len();
    let historial = Historial::leer(ejercicio);
    let mut veredictos: Vec<Option<Veredicto>> = (0..total).map(|_| None).collect();
    let mut ejecutables: Vec<Option<(PathBuf, Option<u32>)>> = vec![None; total];
    let mut pendientes = vec![0usize; total];
    let mut tareas = Vec::new();
    let mut juzgadas = 0;
    for (i, (caso, compilada)) in casos.iter().zip(compiladas).enumerate() {
        let mutante = compilada.mutante;
        let ejecutable = match compilada.compilada {
            Compilada::Lista(exe) => exe,
            Compilada::Error(errores) => {
                let v = veredicto(caso, false, format!("no compila:\n{errores}"));
                juzgadas += 1;
                progreso(&ejercicio.nombre, juzgadas, total, &v, Duration::ZERO);
                veredictos[i] = Some(v);
                continue;
            }
        };
        let suite = ejecucion::listar(&ejecutable)?;
        let a_ejecutar = match &caso.esperado {
            Esperado::Falla { pruebas, .. } => {
                let ajenas: Vec<_> = pruebas.iter().filter(|p| !suite.contains(p)).collect();
                if !ajenas.is_empty() {
                    let detalle = format!("anuncia pruebas que la suite no tiene: {ajenas:?}");
                    let v = veredicto(caso, false, detalle);
                    juzgadas += 1;
                    progreso(&ejercicio.nombre, juzgadas, total, &v, Duration::ZERO);
                    veredictos[i] = Some(v);
                    continue;
                }
                pruebas.clone()
            }
            _ => suite,
        };
        pendientes[i] = a_ejecutar.len();
        for prueba in a_ejecutar {
            let estimada = historial.duracion(&caso.imp.etiqueta, &prueba);
            tareas.push(Tarea {
                caso: i,
                prueba,
                estimada,
            });
        }
        ejecutables[i] = Some((ejecutable, mutante));
    }
    // Las más largas primero: una prueba de 10 s que empieza la última alarga la espera entera.
    tareas.sort_by_key(|t| std::cmp::Reverse(t.estimada));
    let estado = Mutex::new(Reparto {
        tareas: tareas.into_iter(),
        pendientes,
        pruebas: vec![Vec::new(); total],
        veredictos,
        juzgadas,
        historial,
    });
    let inicio = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..A_LA_VEZ {
            s.spawn(|| {
                loop {
                    let Some(tarea) = estado.lock().unwrap().tareas.next() else {
                        return;
                    };
                    let caso = &casos[tarea.caso];
                    let (exe, mutante) = ejecutables[tarea.caso].as_ref().expect("compilada");
                    let prueba = ejecucion::ejecutar_prueba(
                        exe,
                        &ejercicio.nombre,
                        &tarea.prueba,
                        &ejercicio.salidas(&caso.imp.etiqueta),
                        *mutante,
                    );
                    let mut e = estado.lock().unwrap();
                    let prueba = prueba.unwrap_or_else(|error| Prueba {
                        nombre: tarea.prueba.clone(),
                        estado: Estado::Falla,
                        mensaje: error,
                        salida: String::new(),
                        duracion: Duration::ZERO,
                        clase: None,
                    });
                    e.historial.anotar(&caso.imp.etiqueta, &prueba);
                    e.pruebas[tarea.caso].push(prueba);
                    e.pendientes[tarea.caso] -= 1;
                    if e.pendientes[tarea.caso] == 0 {
                        let pruebas = std::mem::take(&mut e.pruebas[tarea.caso]);
                        let (cumple, detalle) = juzgar(&caso.esperado, &pruebas);
                        let v = veredicto(caso, cumple, detalle);
                        e.juzgadas += 1;
                        progreso(&ejercicio.nombre, e.juzgadas, total, &v, inicio.elapsed());
                        e.veredictos[tarea.caso] = Some(v);
                    }
                }
            });
        }
    });
    let estado = estado.into_inner().unwrap();
    estado.historial.guardar(ejercicio);
    Ok(estado
        .veredictos
        .into_iter()
        .zip(&casos)
        .map(|(v, caso)| v.unwrap_or_else(|| veredicto(caso, false, "sin pruebas".into())))
        .collect())
}

/// Lo que comparten los procesos de prueba de una verificación.
struct Reparto {
    tareas: std::vec::IntoIter<Tarea>,
    /// Por caso, cuántas pruebas faltan por acabar.
    pendientes: Vec<usize>,
    pruebas: Vec<Vec<Prueba>>,
    veredictos: Vec<Option<Veredicto>>,
    juzgadas: usize,
    historial: Historial,
}

fn veredicto(caso: &Caso, cumple: bool, detalle: String) -> Veredicto {
    Veredicto {
        etiqueta: caso.imp.etiqueta.clone(),
        esperado: caso.esperado.clone(),
        cumple,
        detalle,
    }
}

/// Una línea en stderr por implementación juzgada, para que una verificación larga nunca
/// parezca colgada.
fn progreso(ejercicio: &str, juzgadas: usize, total: usize, v: &Veredicto, desde: Duration) {
    let marca = if v.cumple { "✔" } else { "✘" };
    avisar(&format!(
        "«{ejercicio}»: {juzgadas} de {total} juzgadas, faltan {} ({}): {marca} {}",
        total - juzgadas,
        segundos(desde),
        v.etiqueta
    ));
}

/// Escribe directamente en stderr: dentro de `cargo test`, `eprintln!` quedaría capturado
/// hasta el final de la prueba, y el avance es justo lo que se quiere ver mientras dura.
fn avisar(linea: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{linea}");
}

fn segundos(d: Duration) -> String {
    format!("{:.0} s", d.as_secs_f64())
}

/// Lo que anuncia la cabecera de una errónea completa: las pruebas que deben rechazarla
/// (`//! Debe fallar: prueba_a, prueba_b`) y el trozo del mensaje con que deben hacerlo, uno
/// para todas (`//! Motivo: …`) o uno por prueba (`//! Motivo de prueba_a: …`).
fn anuncio(archivo: &Path) -> Resultado<Esperado> {
    let texto = std::fs::read_to_string(archivo)
        .map_err(|e| format!("no se pudo leer {}: {e}", archivo.display()))?;
    let cabecera: Vec<&str> = texto
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .map(str::trim)
        .collect();
    let pruebas = cabecera
        .iter()
        .find_map(|l| l.strip_prefix("Debe fallar:"))
        .map(|lista| {
            lista
                .split(',')
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect()
        })
        .ok_or_else(|| {
            format!(
                "{} no dice qué pruebas deben fallar (falta «//! Debe fallar: ...»)",
                archivo.display()
            )
        })?;
    let todas = cabecera.iter().find_map(|l| l.strip_prefix("Motivo:"));
    let por_prueba: std::collections::BTreeMap<String, String> = cabecera
        .iter()
        .filter_map(|l| l.strip_prefix("Motivo de ")?.split_once(':'))
        .map(|(prueba, texto)| (prueba.trim().to_string(), texto.trim().to_string()))
        .collect();
    let motivo = match (todas, por_prueba.is_empty()) {
        (Some(texto), true) => Some(Motivo::Todas(texto.trim().to_string())),
        (None, false) => Some(Motivo::PorPrueba(por_prueba)),
        (None, true) => None,
        (Some(_), false) => {
            return Err(format!(
                "{}: «Motivo:» y «Motivo de …:» a la vez; usa uno de los dos",
                archivo.display()
            ));
        }
    };
    Ok(Esperado::Falla { pruebas, motivo })
}
