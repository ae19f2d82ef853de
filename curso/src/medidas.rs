//! `cargo curso medir <ejercicio>`: mide con criterion **tu** código (el crate
//! `exercises/<ejercicio>`) y lo pone al lado de las cifras publicadas de la solución de
//! referencia (`book/src/datos/<ejercicio>.json`). No escribe nada en el libro.
//!
//! `cargo curso medir <ejercicio> --libro` es para quien mantiene el curso: mide la solución
//! de referencia y, si hay python3, el original en Python, y reescribe la tabla del libro y
//! sus datos en bruto.

use crate::catalogo::Ejercicio;
use crate::{Resultado, decimal_es, espacio, raiz};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Una variante medida: su grupo, su nombre, la mediana y, si se declaró, el caudal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Medida {
    pub grupo: String,
    pub variante: String,
    pub segundos: f64,
    /// Bytes o elementos que procesa cada iteración, si el grupo lo declara.
    #[serde(default)]
    pub bytes: Option<f64>,
    #[serde(default)]
    pub elementos: Option<f64>,
}

/// Unas medidas y la máquina en que se tomaron: lo que se publica en
/// `book/src/datos/<ejercicio>.json`, de donde salen la tabla y los gráficos del libro.
#[derive(Debug, Serialize, Deserialize)]
pub struct Publicadas {
    pub maquina: String,
    pub medidas: Vec<Medida>,
}

impl Publicadas {
    /// Lee un archivo de datos publicados.
    pub fn leer(ruta: &Path) -> Resultado<Publicadas> {
        let texto = std::fs::read_to_string(ruta)
            .map_err(|e| format!("no se pudo leer {}: {e}", ruta.display()))?;
        serde_json::from_str(&texto)
            .map_err(|e| format!("{} no tiene la forma de unas medidas: {e}", ruta.display()))
    }
}

/// Mide el código del alumno y devuelve la comparación con la referencia publicada.
pub fn medir(ejercicio: &Ejercicio) -> Resultado<String> {
    let criterion = espacio::directorio_de_compilacion()?.join("criterion");
    let prefijo = format!("{}_", ejercicio.nombre);
    if !cargo_bench(&ejercicio.nombre, &criterion, &prefijo)? {
        return Err(format!(
            "no se pudo medir tu código (¿queda algún todo!() o falla alguna prueba?): \
             comprueba antes que pasa `cargo curso probar {}`",
            ejercicio.nombre
        ));
    }
    let tuyas = leer_criterion(&criterion, &prefijo)?;
    let publicadas = Publicadas::leer(&ejercicio.datos_del_libro()).ok();
    Ok(comparar(&tuyas, publicadas.as_ref()))
}

/// Mide la solución de referencia (y el original en Python) y reescribe la tabla del libro
/// y sus datos. Solo para quien mantiene el curso.
pub fn medir_para_el_libro(ejercicio: &Ejercicio) -> Resultado<String> {
    let criterion = espacio::directorio_de_compilacion()?.join("criterion");
    let prefijo = format!("{}_", ejercicio.nombre);
    if !cargo_bench(
        &format!("{}-solucion", ejercicio.nombre),
        &criterion,
        &prefijo,
    )? {
        return Err("cargo bench terminó con error".into());
    }
    let mut medidas = leer_criterion(&criterion, &prefijo)?;
    medidas.extend(python(&ejercicio.pruebas().join("original.py")));
    let tabla = tabla(&medidas);
    let datos = Publicadas {
        maquina: maquina(),
        medidas,
    };
    escribir(
        &ejercicio.carpeta_del_libro().join("medidas-tabla.md"),
        &tabla,
    )?;
    let datos_json = serde_json::to_string_pretty(&datos).map_err(|e| e.to_string())?;
    escribir(&ejercicio.datos_del_libro(), &datos_json)?;
    Ok(tabla)
}

/// Reescribe la tabla del libro de un ejercicio a partir de sus datos publicados, sin
/// medir nada (la usa `cargo curso graficos`). Devuelve la ruta si había datos.
pub fn rehacer_tabla(ejercicio: &Ejercicio) -> Resultado<Option<PathBuf>> {
    let datos = ejercicio.datos_del_libro();
    if !datos.exists() {
        return Ok(None);
    }
    let publicadas = Publicadas::leer(&datos)?;
    let destino = ejercicio.carpeta_del_libro().join("medidas-tabla.md");
    escribir(
        &destino,
        &tabla_de(&publicadas.medidas, &publicadas.maquina),
    )?;
    Ok(Some(destino))
}

/// `cargo bench -p <paquete>` tras borrar las medidas anteriores de los grupos del
/// ejercicio (el alumno y la referencia comparten nombres de grupo: no deben mezclarse).
fn cargo_bench(paquete: &str, criterion: &Path, prefijo: &str) -> Resultado<bool> {
    if let Ok(entradas) = std::fs::read_dir(criterion) {
        for e in entradas
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(prefijo))
        {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let estado = Command::new(cargo)
        .args(["bench", "--package", paquete])
        .current_dir(raiz())
        .status()
        .map_err(|e| format!("no se pudo ejecutar cargo bench: {e}"))?;
    Ok(estado.success())
}

/// Tus medidas al lado de las publicadas de la referencia, grupo a grupo, cada una con su
/// aceleración frente a la base de su propia corrida.
fn comparar(tuyas: &[Medida], referencia: Option<&Publicadas>) -> String {
    let mut texto = format!("Tu código, medido en esta máquina ({}).\n", maquina());
    match referencia {
        Some(r) => texto.push_str(&format!(
            "La referencia, tal como la publica el libro ({}).\n",
            r.maquina
        )),
        None => texto.push_str("(El libro no tiene medidas publicadas de este ejercicio.)\n"),
    }
    let vacias = Vec::new();
    let suyas = referencia.map_or(&vacias, |r| &r.medidas);
    let mut grupos: BTreeMap<&str, (Vec<&Medida>, Vec<&Medida>)> = BTreeMap::new();
    for m in tuyas {
        grupos.entry(&m.grupo).or_default().0.push(m);
    }
    for m in suyas {
        if let Some((_, de_referencia)) = grupos.get_mut(m.grupo.as_str()) {
            de_referencia.push(m);
        }
    }
    for (grupo, (mias, de_referencia)) in grupos {
        texto.push_str(&format!(
            "\n**{grupo}**\n\n| variante | tu mediana | tu aceleración | mediana de la referencia | su aceleración |\n|---|---:|---:|---:|---:|\n"
        ));
        let mut variantes: Vec<&str> = mias.iter().map(|m| m.variante.as_str()).collect();
        for m in &de_referencia {
            if !variantes.contains(&m.variante.as_str()) {
                variantes.push(&m.variante);
            }
        }
        let celdas = |lista: &[&Medida], variante: &str| {
            let base = lista
                .iter()
                .find(|m| m.variante.starts_with("base"))
                .map(|m| m.segundos);
            match lista.iter().find(|m| m.variante == variante) {
                None => ("—".to_string(), "—".to_string()),
                Some(m) => (
                    duracion(m.segundos),
                    base.map_or("—".into(), |b| cociente(b, m.segundos)),
                ),
            }
        };
        for variante in variantes {
            let (tu, tu_x) = celdas(&mias, variante);
            let (ref_, ref_x) = celdas(&de_referencia, variante);
            texto.push_str(&format!(
                "| {variante} | {tu} | {tu_x} | {ref_} | {ref_x} |\n"
            ));
        }
    }
    texto
}

/// Recorre `target/criterion/<grupo>/.../new/` y toma la mediana de cada variante.
fn leer_criterion(carpeta: &Path, prefijo: &str) -> Resultado<Vec<Medida>> {
    let mut medidas = Vec::new();
    let mut pendientes = vec![carpeta.to_path_buf()];
    while let Some(dir) = pendientes.pop() {
        let Ok(entradas) = std::fs::read_dir(&dir) else {
            continue;
        };
        for ruta in entradas.flatten().map(|e| e.path()) {
            if ruta.is_dir()
                && ruta
                    .file_name()
                    .is_some_and(|n| n != "base" && n != "change")
            {
                pendientes.push(ruta);
            } else if ruta.ends_with("new/benchmark.json") {
                let bench = leer_json(&ruta)?;
                let grupo = bench["group_id"].as_str().unwrap_or_default().to_string();
                if !grupo.starts_with(prefijo) {
                    continue;
                }
                let estimaciones = leer_json(&ruta.with_file_name("estimates.json"))?;
                let nanos = estimaciones["median"]["point_estimate"]
                    .as_f64()
                    .unwrap_or(f64::NAN);
                let variante = [bench["function_id"].as_str(), bench["value_str"].as_str()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                medidas.push(Medida {
                    grupo,
                    variante,
                    segundos: nanos / 1e9,
                    bytes: bench["throughput"]["Bytes"].as_f64(),
                    elementos: bench["throughput"]["Elements"].as_f64(),
                });
            }
        }
    }
    medidas.sort_by(|a, b| a.grupo.cmp(&b.grupo).then(a.variante.cmp(&b.variante)));
    Ok(medidas)
}

/// El original en Python, si hay python3: una medida por línea JSON impresa.
fn python(guion: &Path) -> Vec<Medida> {
    if !guion.exists() {
        return Vec::new();
    }
    let Ok(salida) = Command::new("python3").arg(guion).output() else {
        eprintln!("(sin python3: se omite el original en Python)");
        return Vec::new();
    };
    String::from_utf8_lossy(&salida.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| Medida {
            grupo: v["grupo"].as_str().unwrap_or_default().into(),
            variante: v["funcion"].as_str().unwrap_or_default().into(),
            segundos: v["segundos"].as_f64().unwrap_or(f64::NAN),
            // El guion mide el mismo lote que criterion: hereda el caudal del grupo.
            bytes: None,
            elementos: None,
        })
        .collect()
}

/// Una tabla Markdown por grupo, con el cociente de cada variante frente a la base.
pub fn tabla(medidas: &[Medida]) -> String {
    tabla_de(medidas, &maquina())
}

/// La tabla de unas medidas tomadas en `maquina`. Cada grupo lleva su título en español
/// (y su nombre en las medidas, que es como lo cita el texto); entre cada cifra y su unidad
/// va un espacio duro, para que «21,2 M/s» no se parta en dos líneas.
pub fn tabla_de(medidas: &[Medida], maquina: &str) -> String {
    let mut grupos: BTreeMap<&str, Vec<&Medida>> = BTreeMap::new();
    for m in medidas {
        grupos.entry(&m.grupo).or_default().push(m);
    }
    let mut texto = format!(
        "<!-- Generado por `cargo curso medir <ejercicio> --libro`; no editar a mano. -->\n\n*{maquina}*\n"
    );
    for (grupo, lista) in grupos {
        let base = lista
            .iter()
            .find(|m| m.variante.starts_with("base"))
            .map(|m| m.segundos);
        // Todas las variantes de un grupo procesan lo mismo (también el guion de Python).
        let bytes = lista.iter().find_map(|m| m.bytes);
        let elementos = lista.iter().find_map(|m| m.elementos);
        let titulo = crate::graficos::titulo_del_grupo(grupo);
        texto.push_str(&format!(
            "\n**{titulo}** (`{grupo}`)\n\n| variante | mediana | caudal | aceleración frente a la base |\n|---|---:|---:|---:|\n"
        ));
        for m in lista {
            let caudal = match (bytes, elementos) {
                (Some(b), _) => format!("{}\u{a0}GB/s", decimal_es(b / m.segundos / 1e9, 1)),
                (None, Some(e)) => format!("{}\u{a0}M/s", decimal_es(e / m.segundos / 1e6, 1)),
                (None, None) => "—".into(),
            };
            let cociente = base.map_or("—".into(), |b| cociente(b, m.segundos));
            texto.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                con_crates_como_codigo(&m.variante),
                duracion(m.segundos).replace(' ', "\u{a0}"),
                caudal,
                cociente
            ));
        }
    }
    texto
}

/// Los crates que nombran las variantes, marcados como código (`parking_lot` Mutex), como
/// en el resto del libro.
fn con_crates_como_codigo(variante: &str) -> String {
    const CRATES: [&str; 5] = ["rayon", "crossbeam", "parking_lot", "ndarray", "std"];
    variante
        .split(' ')
        .map(|palabra| {
            let nombre = palabra.trim_end_matches([',', ';', ':']);
            if CRATES.contains(&nombre) {
                format!("`{nombre}`{}", &palabra[nombre.len()..])
            } else {
                palabra.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn duracion(segundos: f64) -> String {
    if segundos >= 1.0 {
        format!("{} s", decimal_es(segundos, 2))
    } else if segundos >= 1e-3 {
        format!("{} ms", decimal_es(segundos * 1e3, 2))
    } else {
        format!("{} µs", decimal_es(segundos * 1e6, 1))
    }
}

/// La aceleración frente a la base: «1,83×».
fn cociente(base: f64, segundos: f64) -> String {
    format!("{}×", decimal_es(base / segundos, 2))
}

/// Procesador, núcleos y compilador de esta máquina, para fechar y situar las medidas.
fn maquina() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "procesador desconocido".into());
    let nucleos = std::thread::available_parallelism().map_or(0, |n| n.get());
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .map(|s| String::from_utf8_lossy(&s.stdout).trim().to_string())
        .unwrap_or_default();
    format!("{cpu}, {nucleos} núcleos, {rustc}")
}

fn leer_json(ruta: &Path) -> Resultado<serde_json::Value> {
    let texto = std::fs::read_to_string(ruta)
        .map_err(|e| format!("no se pudo leer {}: {e}", ruta.display()))?;
    serde_json::from_str(&texto).map_err(|e| format!("{} no es JSON válido: {e}", ruta.display()))
}

fn escribir(ruta: &Path, texto: &str) -> Resultado<()> {
    if let Some(padre) = ruta.parent() {
        std::fs::create_dir_all(padre).map_err(|e| e.to_string())?;
    }
    std::fs::write(ruta, texto).map_err(|e| format!("no se pudo escribir {}: {e}", ruta.display()))
}

#[cfg(test)]
mod pruebas {
    use super::*;

    fn medida(grupo: &str, variante: &str, segundos: f64) -> Medida {
        Medida {
            grupo: grupo.into(),
            variante: variante.into(),
            segundos,
            bytes: None,
            elementos: None,
        }
    }

    #[test]
    fn tus_medidas_salen_al_lado_de_las_de_la_referencia() {
        let tuyas = [
            medida("suma_calculo", "base: 1 hilo", 0.1),
            medida("suma_calculo", "suma_hilos 2 hilos", 0.08),
        ];
        let referencia = Publicadas {
            maquina: "otra máquina".into(),
            medidas: vec![
                medida("suma_calculo", "base: 1 hilo", 0.1),
                medida("suma_calculo", "suma_hilos 2 hilos", 0.05),
                medida("suma_calculo", "python: multiprocessing", 2.0),
                medida("otro_grupo", "base", 1.0),
            ],
        };
        let texto = comparar(&tuyas, Some(&referencia));
        assert!(texto.contains("otra máquina"), "{texto}");
        assert!(
            texto.contains("| suma_hilos 2 hilos | 80,00 ms | 1,25× | 50,00 ms | 2,00× |"),
            "{texto}"
        );
        assert!(
            texto.contains("| python: multiprocessing | — | — | 2,00 s | 0,05× |"),
            "{texto}"
        );
        assert!(!texto.contains("otro_grupo"), "{texto}");
    }
}
