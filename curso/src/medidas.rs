//! `cargo curso medir <ejercicio>`: ejecuta las medidas criterion de la solución de
//! referencia y, si hay python3, el original en Python; escribe en el libro una tabla con
//! cocientes frente a la base de cada grupo y los datos en bruto de los que sale.

use crate::catalogo::Ejercicio;
use crate::{Resultado, raiz};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Una variante medida: su grupo, su nombre, la mediana y, si se declaró, el caudal.
#[derive(Debug, Clone, Serialize)]
pub struct Medida {
    pub grupo: String,
    pub variante: String,
    pub segundos: f64,
    /// Bytes o elementos que procesa cada iteración, si el grupo lo declara.
    pub bytes: Option<f64>,
    pub elementos: Option<f64>,
}

pub fn medir(ejercicio: &Ejercicio) -> Resultado<String> {
    let criterion = raiz().join("target/criterion");
    let prefijo = format!("{}_", ejercicio.nombre);
    if let Ok(entradas) = std::fs::read_dir(&criterion) {
        for e in entradas
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefijo))
        {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
    let paquete = format!("{}-solucion", ejercicio.nombre);
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let estado = Command::new(cargo)
        .args(["bench", "--package", &paquete])
        .current_dir(raiz())
        .status()
        .map_err(|e| format!("no se pudo ejecutar cargo bench: {e}"))?;
    if !estado.success() {
        return Err("cargo bench terminó con error".into());
    }
    let mut medidas = leer_criterion(&criterion, &prefijo)?;
    medidas.extend(python(&ejercicio.pruebas().join("original.py")));
    let tabla = tabla(&medidas);
    let datos = serde_json::json!({ "maquina": maquina(), "medidas": medidas });
    let carpeta = raiz().join("book/src").join(
        Path::new(&ejercicio.capitulo)
            .parent()
            .unwrap_or(Path::new("")),
    );
    escribir(&carpeta.join("medidas-tabla.md"), &tabla)?;
    let datos_json = serde_json::to_string_pretty(&datos).map_err(|e| e.to_string())?;
    escribir(
        &raiz()
            .join("book/src/datos")
            .join(format!("{}.json", ejercicio.nombre)),
        &datos_json,
    )?;
    Ok(tabla)
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
    let mut grupos: BTreeMap<&str, Vec<&Medida>> = BTreeMap::new();
    for m in medidas {
        grupos.entry(&m.grupo).or_default().push(m);
    }
    let mut texto = format!(
        "<!-- Generado por `cargo curso medir`; no editar a mano. -->\n\n*{}*\n",
        maquina()
    );
    for (grupo, lista) in grupos {
        let base = lista
            .iter()
            .find(|m| m.variante.starts_with("base"))
            .map(|m| m.segundos);
        // Todas las variantes de un grupo procesan lo mismo (también el guion de Python).
        let bytes = lista.iter().find_map(|m| m.bytes);
        let elementos = lista.iter().find_map(|m| m.elementos);
        texto.push_str(&format!(
            "\n**{grupo}**\n\n| variante | mediana | caudal | aceleración frente a la base |\n|---|---:|---:|---:|\n"
        ));
        for m in lista {
            let caudal = match (bytes, elementos) {
                (Some(b), _) => format!("{:.1} GB/s", b / m.segundos / 1e9),
                (None, Some(e)) => format!("{:.1} M/s", e / m.segundos / 1e6),
                (None, None) => "—".into(),
            };
            let cociente = base.map_or("—".into(), |b| {
                format!("{:.2}×", b / m.segundos).replace('.', ",")
            });
            texto.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                m.variante,
                duracion(m.segundos),
                caudal.replace('.', ","),
                cociente
            ));
        }
    }
    texto
}

fn duracion(segundos: f64) -> String {
    let texto = if segundos >= 1.0 {
        format!("{segundos:.2} s")
    } else if segundos >= 1e-3 {
        format!("{:.2} ms", segundos * 1e3)
    } else {
        format!("{:.1} µs", segundos * 1e6)
    };
    texto.replace('.', ",")
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
