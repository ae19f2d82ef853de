//! Controles de integridad de una entrega: la nota no se compra.
//!
//! La suite, las instantáneas y los datos de prueba salen siempre del curso original (el
//! banco enlaza sus archivos, nunca los de la entrega), así que editarlos no cambia nada al
//! ejecutar. Aun así, una entrega que los toca, o que intenta salir del proceso, leer el
//! entorno de la corrección, incluir archivos ajenos o copiar la solución de referencia,
//! pierde los puntos de ese ejercicio y se dice por qué.

use crate::catalogo::Ejercicio;
use crate::{archivos, archivos_rs};
use std::path::Path;

mod alias;
pub mod copia;
mod fuentes;
mod motivos;
mod primitivas;
mod prohibido;

/// Lo que el enunciado de cada ejercicio pide además de lo que trae su esqueleto: rutas y
/// usos de `unsafe` («bloque», «fn», «impl», «trait», «puntero»). Con esto y el esqueleto se
/// admite todo lo que usan la solución y las correctas de `buenas/` (lo comprueba una
/// prueba), así que la edición del estudiante, que no las trae, admite lo mismo.
const PERMISOS: [(&str, &[&str], &[&str]); 4] = [
    // «con_crossbeam» y «con_mpsc» comparan el búfer propio con los canales de crossbeam y
    // de std, con hilos de std.
    (
        "productor_consumidor",
        &[
            "crossbeam::channel",
            "std::sync::mpsc",
            "std::sync::Mutex",
            "std::thread::scope",
        ],
        &[],
    ),
    // «unsafe impl Sync», `unsafe { &*….get() }` y `PhantomData<*const ()>` en las guardas.
    ("cerrojos", &[], &["bloque", "impl", "puntero"]),
    // Los índices sin comprobar de la versión rápida.
    ("matrices", &[], &["bloque", "fn"]),
    // Los procesos trabajadores.
    (
        "distribuida",
        &["std::process::Command", "std::process::Child"],
        &[],
    ),
];

/// Los motivos por los que la entrega de `ejercicio` en `carpeta` no puede puntuar (vacío si
/// está limpia). `raiz_entrega` es la raíz del repositorio del estudiante, si se conoce.
///
/// Se revisa exactamente lo que leería el compilador: `src/lib.rs` y los módulos que declara.
pub fn revisar(ejercicio: &Ejercicio, carpeta: &Path, raiz_entrega: Option<&Path>) -> Vec<String> {
    let (fuentes, mut motivos) = fuentes::compiladas(carpeta);
    let arboles: Vec<(&str, &syn::File)> = fuentes
        .iter()
        .map(|f| (f.nombre.as_str(), &f.arbol))
        .collect();
    motivos.extend(prohibido::revisar(&arboles, &permitido(ejercicio)));
    motivos.extend(copias(ejercicio, fuentes.iter().map(|f| f.texto.as_str())));
    motivos.extend(dependencias_ajenas(ejercicio, carpeta));
    if let Some(raiz_entrega) = raiz_entrega {
        motivos.extend(pruebas_tocadas(ejercicio, raiz_entrega));
    }
    motivos
}

/// Lo que el propio curso usa en `ejercicio` (su esqueleto y su solución), y por tanto
/// puede usar la entrega.
fn permitido(ejercicio: &Ejercicio) -> prohibido::Permitido {
    let mut rutas = vec![ejercicio.esqueleto()];
    rutas.extend(archivos_rs(&carpeta_solucion(ejercicio)));
    rutas.extend(ejercicio.buenas().unwrap_or_default());
    permitido_por(ejercicio, &rutas)
}

/// Lo que admiten en `ejercicio` los archivos `rutas` del curso, [`PERMISOS`] y, si la suite
/// explora planificaciones, solo eso en primitivas de sincronización.
fn permitido_por(ejercicio: &Ejercicio, rutas: &[std::path::PathBuf]) -> prohibido::Permitido {
    let arboles: Vec<syn::File> = rutas
        .iter()
        .filter_map(|r| std::fs::read_to_string(r).ok())
        .filter_map(|t| syn::parse_file(&t).ok())
        .collect();
    let mut permitido = prohibido::Permitido::de(&arboles);
    for (nombre, rutas, inseguro) in PERMISOS {
        if nombre == ejercicio.nombre {
            permitido.ampliar(rutas, inseguro);
        }
    }
    if explora(ejercicio) {
        permitido.vigilar_primitivas();
    }
    permitido
}

/// ¿Explora planificaciones la suite de `ejercicio`? Las que lo hacen dependen de `sincro`
/// (en el `Cargo.toml` del curso, no en el de la entrega).
fn explora(ejercicio: &Ejercicio) -> bool {
    std::fs::read_to_string(ejercicio.carpeta().join("Cargo.toml"))
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| t.get("dependencies")?.as_table()?.get("sincro").cloned())
        .is_some()
}

fn carpeta_solucion(ejercicio: &Ejercicio) -> std::path::PathBuf {
    ejercicio
        .solucion()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Las implementaciones del curso con las que se compara una entrega: la solución (todos
/// sus archivos juntos) y cada una de `tests/<e>/buenas/`, con el nombre que las identifica.
pub fn referencias(ejercicio: &Ejercicio) -> Vec<(String, Vec<String>)> {
    let leer = |r: &Path| std::fs::read_to_string(r).unwrap_or_default();
    let solucion = archivos_rs(&carpeta_solucion(ejercicio));
    let mut todas = vec![(
        format!("la solución de referencia (solutions/{})", ejercicio.nombre),
        solucion.iter().map(|r| leer(r)).collect(),
    )];
    for buena in ejercicio.buenas().unwrap_or_default() {
        let nombre = fuentes::relativa(&buena, &crate::raiz());
        todas.push((
            format!("una implementación del curso ({nombre})"),
            vec![leer(&buena)],
        ));
    }
    todas
}

/// Cuánto contiene la entrega (sus archivos compilados) de cada implementación del curso.
fn copias<'a>(ejercicio: &Ejercicio, textos: impl Iterator<Item = &'a str>) -> Vec<String> {
    let entrega = copia::secuencias(textos);
    let esqueleto = std::fs::read_to_string(ejercicio.esqueleto()).unwrap_or_default();
    let esqueleto = copia::secuencias([esqueleto.as_str()]);
    referencias(ejercicio)
        .into_iter()
        .filter_map(|(nombre, textos)| {
            let referencia = copia::secuencias(textos.iter().map(String::as_str));
            let parte = copia::contenida(&referencia, &esqueleto, &entrega)?;
            (parte >= copia::UMBRAL).then(|| {
                format!(
                    "el código contiene el {:.0} % de {nombre}, con otros nombres o no: es una \
                     copia",
                    parte * 100.0
                )
            })
        })
        .collect()
}

/// Dependencias del `Cargo.toml` de la entrega que el curso no declara para ese ejercicio.
fn dependencias_ajenas(ejercicio: &Ejercicio, carpeta: &Path) -> Vec<String> {
    let nombres = |ruta: &Path| -> Vec<String> {
        let Ok(texto) = std::fs::read_to_string(ruta) else {
            return Vec::new();
        };
        let Ok(toml) = texto.parse::<toml::Table>() else {
            return vec!["<Cargo.toml ilegible>".into()];
        };
        ["dependencies", "dev-dependencies", "build-dependencies"]
            .iter()
            .filter_map(|s| toml.get(*s).and_then(toml::Value::as_table))
            .flat_map(|t| t.keys().cloned())
            .collect()
    };
    let permitidas = nombres(&ejercicio.carpeta().join("Cargo.toml"));
    nombres(&carpeta.join("Cargo.toml"))
        .into_iter()
        .filter(|d| !permitidas.contains(d))
        .map(|d| format!("Cargo.toml añade una dependencia que el curso no permite: {d}"))
        .collect()
}

/// La suite oficial (su raíz y cada módulo suyo, los `.rs` de `tests/<ejercicio>/`) y sus
/// instantáneas, si la entrega las trae, deben ser idénticas a las del curso. Las erróneas y
/// correctas conocidas (`malas/`, `buenas/`) no son parte del kit: la edición del
/// estudiante no las lleva.
fn pruebas_tocadas(ejercicio: &Ejercicio, raiz_entrega: &Path) -> Vec<String> {
    let copia = raiz_entrega.join("tests").join(&ejercicio.nombre);
    if !copia.exists() {
        return Vec::new();
    }
    let original = ejercicio.pruebas();
    let mut vigilados: Vec<_> = std::fs::read_dir(&original)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|r| r.is_file() && r.extension().is_some_and(|x| x == "rs"))
        .collect();
    vigilados.sort();
    vigilados.extend(archivos(&original.join("snapshots")));
    vigilados
        .into_iter()
        .filter_map(|archivo| {
            let relativo = archivo.strip_prefix(&original).ok()?;
            let suyo = copia.join(relativo);
            let nombre = format!("tests/{}/{}", ejercicio.nombre, relativo.display());
            match std::fs::read(&suyo) {
                Err(_) => Some(format!("borró {nombre}")),
                Ok(bytes) if std::fs::read(&archivo).ok().as_ref() != Some(&bytes) => {
                    Some(format!("modificó {nombre}"))
                }
                Ok(_) => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod pruebas {
    use super::*;

    /// Sin la solución ni las correctas (la edición del estudiante), el esqueleto y
    /// [`PERMISOS`] admiten todo lo que ellas usan.
    #[test]
    fn el_esqueleto_y_los_permisos_admiten_lo_que_usa_el_curso() {
        let mut fallos = Vec::new();
        for e in crate::catalogo::ejercicios().expect("curso.toml") {
            let permitido = permitido_por(&e, &[e.esqueleto()]);
            let mut rutas = archivos_rs(&carpeta_solucion(&e));
            rutas.extend(e.buenas().unwrap_or_default());
            for ruta in rutas {
                let texto = std::fs::read_to_string(&ruta).unwrap();
                let arbol = syn::parse_file(&texto).unwrap();
                // Algunas correctas reutilizan la solución con `#[path]`: es del curso.
                let motivos: Vec<String> = prohibido::revisar(&[("x.rs", &arbol)], &permitido)
                    .into_iter()
                    .filter(|m| !m.contains("(path)"))
                    .collect();
                if !motivos.is_empty() {
                    fallos.push(format!("{}: {motivos:#?}", ruta.display()));
                }
            }
        }
        assert!(fallos.is_empty(), "{}", fallos.join("\n"));
    }

    /// El punto de partida de cada ejercicio no puede perder puntos por su propio código.
    #[test]
    fn el_esqueleto_de_cada_ejercicio_pasa_la_revision() {
        for ejercicio in crate::catalogo::ejercicios().expect("curso.toml") {
            let motivos = revisar(&ejercicio, &ejercicio.carpeta(), None);
            assert!(
                motivos.is_empty(),
                "el esqueleto de «{}» no pasaría la revisión: {motivos:?}",
                ejercicio.nombre
            );
        }
    }
}
