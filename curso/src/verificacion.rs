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
}

/// Comprueba la suite de `ejercicio` contra solución, esqueleto, correctas y erróneas.
pub fn verificar(ejercicio: &Ejercicio) -> Resultado<Vec<Veredicto>> {
    let casos = casos(ejercicio)?;
    let nombre = &ejercicio.nombre;
    let implementaciones: Vec<_> = casos.iter().map(|c| c.imp.clone()).collect();
    let turno = banco::turno(ejercicio)?;
    avisar(&format!(
        "«{nombre}»: compilando la suite con {} implementaciones…",
        casos.len()
    ));
    let inicio = Instant::now();
    let compiladas = banco::compilar(ejercicio, &implementaciones, &turno)?;
    avisar(&format!(
        "«{nombre}»: compiladas en {}; ejecutando sus pruebas",
        segundos(inicio.elapsed())
    ));
    let salidas = banco::provisional().join("salidas").join(nombre);
    let veredictos = ejecutar_y_juzgar(ejercicio, &salidas, casos, compiladas)?;
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
            let lib = mutantes::generar(ejercicio, &mala, &mutacion)?;
            let esperado = Esperado::Falla {
                pruebas: mutacion.debe_fallar,
                motivo: mutacion.motivo,
            };
            casos.push(caso(etiqueta, lib, esperado));
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
    salidas: &Path,
    casos: Vec<Caso>,
    compiladas: Vec<Compilada>,
) -> Resultado<Vec<Veredicto>> {
    let total = casos.len();
    let historial = Historial::leer(&ejercicio.nombre);
    let mut veredictos: Vec<Option<Veredicto>> = (0..total).map(|_| None).collect();
    let mut ejecutables: Vec<Option<PathBuf>> = vec![None; total];
    let mut pendientes = vec![0usize; total];
    let mut tareas = Vec::new();
    let mut juzgadas = 0;
    for (i, (caso, compilada)) in casos.iter().zip(compiladas).enumerate() {
        let ejecutable = match compilada {
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
        ejecutables[i] = Some(ejecutable);
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
                    let exe = ejecutables[tarea.caso].as_ref().expect("compilada");
                    let prueba = ejecucion::ejecutar_prueba(
                        exe,
                        &ejercicio.nombre,
                        &tarea.prueba,
                        &salidas.join(&caso.imp.etiqueta),
                    );
                    let mut e = estado.lock().unwrap();
                    let prueba = prueba.unwrap_or_else(|error| Prueba {
                        nombre: tarea.prueba.clone(),
                        estado: Estado::Falla,
                        mensaje: error,
                        salida: String::new(),
                        duracion: Duration::ZERO,
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
    estado.historial.guardar(&ejercicio.nombre);
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

/// Juzga las pruebas ejecutadas de una implementación frente a lo esperado.
pub fn juzgar(esperado: &Esperado, pruebas: &[Prueba]) -> (bool, String) {
    let falladas: Vec<&Prueba> = pruebas
        .iter()
        .filter(|p| p.estado != Estado::Pasa)
        .collect();
    let total = pruebas.len();
    match esperado {
        _ if total == 0 => (false, "la suite no tiene pruebas".into()),
        Esperado::PasaTodo => match falladas.first() {
            None => (true, format!("pasan las {total} pruebas")),
            Some(p) => (
                false,
                format!(
                    "falla {} de {total}; la primera, {}: {}",
                    falladas.len(),
                    p.nombre,
                    p.mensaje
                ),
            ),
        },
        Esperado::FallaTodo => {
            let aprobadas: Vec<_> = pruebas
                .iter()
                .filter(|p| p.estado == Estado::Pasa)
                .map(|p| p.nombre.as_str())
                .collect();
            if aprobadas.is_empty() {
                (true, format!("fallan las {total} pruebas"))
            } else {
                let lista = aprobadas.join(", ");
                (false, format!("pasan pruebas que deberían fallar: {lista}"))
            }
        }
        Esperado::Falla {
            pruebas: nombres,
            motivo,
        } => juzgar_erronea(nombres, motivo.as_ref(), pruebas),
    }
}

/// Una errónea cumple si cada prueba anunciada falla, y con un mensaje que contiene el motivo
/// anunciado: fallar por otra razón (no compila, un límite de tiempo de rebote, otra
/// propiedad) no demuestra que la suite vea el error que la errónea dice tener.
fn juzgar_erronea(
    nombres: &[String],
    motivo: Option<&Motivo>,
    pruebas: &[Prueba],
) -> (bool, String) {
    if nombres.is_empty() {
        return (false, "no anuncia qué pruebas la rechazan".into());
    }
    if let Some(Motivo::PorPrueba(tabla)) = motivo {
        let sueltos: Vec<_> = tabla.keys().filter(|k| !nombres.contains(k)).collect();
        let sin: Vec<_> = nombres.iter().filter(|n| !tabla.contains_key(*n)).collect();
        if !sueltos.is_empty() || !sin.is_empty() {
            return (
                false,
                format!(
                    "su tabla de motivos no casa con debe_fallar: sobran {sueltos:?}, faltan {sin:?}"
                ),
            );
        }
    }
    let buscar = |n: &String| pruebas.iter().find(|p| &p.nombre == n);
    let no_fallan: Vec<_> = nombres
        .iter()
        .filter(|n| buscar(n).is_none_or(|p| p.estado == Estado::Pasa))
        .map(String::as_str)
        .collect();
    if !no_fallan.is_empty() {
        let lista = no_fallan.join(", ");
        return (
            false,
            format!("deberían rechazarla, y no lo hacen: {lista}"),
        );
    }
    let fallidas: Vec<&Prueba> = nombres.iter().filter_map(buscar).collect();
    for p in &fallidas {
        let Some(esperado) = motivo.and_then(|m| m.de(&p.nombre)) else {
            continue;
        };
        if !p.mensaje.contains(esperado) {
            let linea = primera_linea(&p.mensaje);
            return (
                false,
                format!(
                    "{} la rechaza por otro motivo: «{linea}» (anuncia «{esperado}»)",
                    p.nombre
                ),
            );
        }
    }
    let sin_motivo = if motivo.is_none() {
        " (sin motivo anunciado: no se comprueba por qué)"
    } else {
        ""
    };
    let p = fallidas[0];
    (
        true,
        format!(
            "la rechaza{sin_motivo} {}: «{}»",
            nombres.join(", "),
            primera_linea(&p.mensaje)
        ),
    )
}

/// La primera línea que dice algo (no un encabezado terminado en dos puntos).
fn primera_linea(mensaje: &str) -> &str {
    mensaje
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.ends_with(':'))
        .unwrap_or_default()
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

/// Cuánto tardó cada prueba de cada implementación la última vez, para empezar por las largas.
/// Sin historial (la primera vez), todas valen lo mismo y se sigue el orden del informe.
struct Historial {
    duraciones: Vec<(String, Duration)>,
}

impl Historial {
    fn ruta(ejercicio: &str) -> PathBuf {
        banco::provisional()
            .join("duraciones")
            .join(format!("{ejercicio}.txt"))
    }

    fn leer(ejercicio: &str) -> Historial {
        let texto = std::fs::read_to_string(Self::ruta(ejercicio)).unwrap_or_default();
        let duraciones = texto
            .lines()
            .filter_map(|l| {
                let (clave, ms) = l.rsplit_once(' ')?;
                Some((clave.to_string(), Duration::from_millis(ms.parse().ok()?)))
            })
            .collect();
        Historial { duraciones }
    }

    fn duracion(&self, etiqueta: &str, prueba: &str) -> Duration {
        let clave = format!("{etiqueta}/{prueba}");
        self.duraciones
            .iter()
            .find(|(c, _)| *c == clave)
            .map_or(Duration::ZERO, |(_, d)| *d)
    }

    fn anotar(&mut self, etiqueta: &str, prueba: &Prueba) {
        let clave = format!("{etiqueta}/{}", prueba.nombre);
        self.duraciones.retain(|(c, _)| *c != clave);
        self.duraciones.push((clave, prueba.duracion));
    }

    /// Guardarlo es solo una ayuda para la próxima vez: si falla, no pasa nada.
    fn guardar(&self, ejercicio: &str) {
        let ruta = Self::ruta(ejercicio);
        let texto: String = self
            .duraciones
            .iter()
            .map(|(c, d)| format!("{c} {}\n", d.as_millis()))
            .collect();
        let _ = std::fs::create_dir_all(ruta.parent().expect("tiene carpeta"));
        let _ = std::fs::write(ruta, texto);
    }
}

#[cfg(test)]
mod pruebas {
    use super::*;

    fn prueba(nombre: &str, estado: Estado, mensaje: &str) -> Prueba {
        Prueba {
            nombre: nombre.into(),
            estado,
            mensaje: mensaje.into(),
            salida: String::new(),
            duracion: Duration::ZERO,
        }
    }

    fn falla(pruebas: &[&str], motivo: Option<&str>) -> Esperado {
        Esperado::Falla {
            pruebas: pruebas.iter().map(|p| p.to_string()).collect(),
            motivo: motivo.map(|m| Motivo::Todas(m.to_string())),
        }
    }

    #[test]
    fn una_erronea_que_deja_de_fallar_no_cumple() {
        let esperado = falla(&["a"], Some("se perdió"));
        let (cumple, detalle) = juzgar(&esperado, &[prueba("a", Estado::Pasa, "")]);
        assert!(!cumple, "{detalle}");
        assert!(detalle.contains("no lo hacen: a"), "{detalle}");
    }

    #[test]
    fn una_erronea_que_falla_por_otro_motivo_no_cumple() {
        let esperado = falla(&["a", "b"], Some("se perdió"));
        let pruebas = [
            prueba("a", Estado::Falla, "el elemento 3 se perdió"),
            prueba("b", Estado::AgotoTiempo, "posible interbloqueo: no terminó"),
        ];
        let (cumple, detalle) = juzgar(&esperado, &pruebas);
        assert!(!cumple, "{detalle}");
        assert!(
            detalle.contains("b la rechaza por otro motivo"),
            "{detalle}"
        );
    }

    #[test]
    fn una_erronea_que_falla_por_su_motivo_cumple() {
        let esperado = falla(&["a"], Some("se perdió"));
        let pruebas = [prueba(
            "a",
            Estado::Falla,
            "cabecera:\nel elemento 3 se perdió",
        )];
        let (cumple, detalle) = juzgar(&esperado, &pruebas);
        assert!(cumple, "{detalle}");
        assert!(detalle.contains("«el elemento 3 se perdió»"), "{detalle}");
    }

    #[test]
    fn cada_prueba_puede_anunciar_su_motivo() {
        let tabla =
            [("a", "se perdió"), ("b", "esperado")].map(|(p, m)| (p.to_string(), m.to_string()));
        let esperado = Esperado::Falla {
            pruebas: vec!["a".into(), "b".into()],
            motivo: Some(Motivo::PorPrueba(tabla.into_iter().collect())),
        };
        let bien = [
            prueba("a", Estado::Falla, "el elemento 3 se perdió"),
            prueba("b", Estado::Falla, "esperado: 1"),
        ];
        assert!(juzgar(&esperado, &bien).0);
        let cruzadas = [
            prueba("a", Estado::Falla, "esperado: 1"),
            prueba("b", Estado::Falla, "el elemento 3 se perdió"),
        ];
        assert!(!juzgar(&esperado, &cruzadas).0);
    }

    #[test]
    fn una_prueba_anunciada_que_no_se_ejecuto_no_cuenta_como_fallo() {
        let esperado = falla(&["a", "b"], None);
        let (cumple, detalle) = juzgar(&esperado, &[prueba("a", Estado::Falla, "x")]);
        assert!(!cumple, "{detalle}");
        assert!(detalle.contains("no lo hacen: b"), "{detalle}");
    }

    #[test]
    fn la_solucion_y_el_esqueleto_se_juzgan_con_todas_sus_pruebas() {
        let dos = [
            prueba("a", Estado::Pasa, ""),
            prueba("b", Estado::Falla, "x"),
        ];
        assert!(!juzgar(&Esperado::PasaTodo, &dos).0);
        assert!(!juzgar(&Esperado::FallaTodo, &dos).0);
        assert!(!juzgar(&Esperado::PasaTodo, &[]).0);
    }
}
