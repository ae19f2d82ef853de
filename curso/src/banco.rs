//! El banco de pruebas: un espacio de trabajo provisional en `target/curso/banco/<ejercicio>`
//! donde cada implementación elegida (un `lib.rs` cualquiera) se convierte en un crate con
//! la suite oficial **original** como prueba de integración.
//!
//! Así la suite no se copia ni se edita nunca: todos los crates del banco apuntan al mismo
//! archivo de `tests/`. Comparten un directorio de compilación, de modo que las dependencias
//! (rayon, insta...) se compilan una sola vez.

use crate::catalogo::Ejercicio;
use crate::{Resultado, provisional, raiz};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use toml::{Table, Value};

/// Un `lib.rs` que se quiere probar, con una etiqueta para los informes.
#[derive(Debug, Clone)]
pub struct Implementacion {
    pub etiqueta: String,
    pub lib: PathBuf,
}

/// El resultado de compilar una implementación con la suite.
#[derive(Debug)]
pub enum Compilada {
    /// El ejecutable de la suite enlazado con la implementación.
    Lista(PathBuf),
    /// No compiló: los errores del compilador, tal cual.
    Error(String),
}

/// Uso exclusivo del banco de un ejercicio: dos órdenes `cargo curso` a la vez sobre el
/// mismo ejercicio se pisarían los crates y los ejecutables. Se libera al destruirse.
pub struct Turno {
    _candado: crate::candado::Candado,
}

/// Espera su turno para usar el banco de `ejercicio` (un candado `flock`, ver [`crate::candado`]).
pub fn turno(ejercicio: &Ejercicio) -> Resultado<Turno> {
    let candado = crate::candado::tomar(&ejercicio.candado(), || {
        eprintln!(
            "Esperando a que acabe otra orden `cargo curso` con «{}»…",
            ejercicio.nombre
        )
    })?;
    Ok(Turno { _candado: candado })
}

/// Compila la suite de `ejercicio` contra cada implementación. Devuelve, en el mismo orden,
/// el ejecutable o los errores de compilación de cada una. Exige un [`Turno`], que quien
/// llama debe conservar mientras use los ejecutables.
pub fn compilar(
    ejercicio: &Ejercicio,
    implementaciones: &[Implementacion],
    turno: &Turno,
) -> Resultado<Vec<Compilada>> {
    compilar_con_kit(ejercicio, implementaciones, turno, &ejercicio.pruebas())
}

/// El kit original del ejercicio (ver [`crate::kit`]) en `target/curso/kit/<ejercicio>/`.
/// Exige el [`Turno`]: el kit se reescribe en su sitio.
pub fn kit_original(ejercicio: &Ejercicio, _turno: &Turno) -> Resultado<crate::kit::Kit> {
    crate::kit::preparar(&raiz(), &ejercicio.nombre, &provisional().join("kit"))
}

/// Como [`compilar`], pero con la suite y las instantáneas de `kit` (una carpeta que hace de
/// `tests/<ejercicio>/`) en lugar de las del árbol de trabajo.
pub fn compilar_con_kit(
    ejercicio: &Ejercicio,
    implementaciones: &[Implementacion],
    _turno: &Turno,
    kit: &Path,
) -> Resultado<Vec<Compilada>> {
    let banco = ejercicio.banco();
    let _ = std::fs::remove_dir_all(&banco);
    std::fs::create_dir_all(&banco)
        .map_err(|e| format!("no se pudo crear {}: {e}", banco.display()))?;

    let raiz_toml = leer_toml(&raiz().join("Cargo.toml"))?;
    let ejercicio_toml = leer_toml(&ejercicio.carpeta().join("Cargo.toml"))?;
    let prueba = nombre_de_la_prueba(&ejercicio_toml)?;

    let mut miembros = Vec::new();
    for imp in implementaciones {
        let miembro = format!("{}-{}", ejercicio.nombre, limpiar(&imp.etiqueta));
        let lib = imp
            .lib
            .canonicalize()
            .map_err(|e| format!("no se encuentra {}: {e}", imp.lib.display()))?;
        let mut toml = miembro_toml(
            &ejercicio_toml,
            &ejercicio.carpeta(),
            &miembro,
            &ejercicio.nombre,
            &lib,
        );
        redirigir_suite(&mut toml, &ejercicio.pruebas(), kit);
        escribir(&banco.join(&miembro).join("Cargo.toml"), &toml)?;
        miembros.push(miembro);
    }
    escribir(
        &banco.join("Cargo.toml"),
        &espacio_toml(&raiz_toml, &miembros),
    )?;
    // El mismo Cargo.lock que el curso: las mismas versiones, sin tocar la red.
    std::fs::copy(raiz().join("Cargo.lock"), banco.join("Cargo.lock"))
        .map_err(|e| format!("no se pudo copiar Cargo.lock: {e}"))?;

    let (ejecutables, errores, agotado) = cargo_build(&banco, &prueba)?;
    let sin_mensajes = match agotado {
        Some(limite) => format!(
            "la compilación no terminó en {} s y se detuvo: ¿una evaluación constante o una \
             macro que no acaba? Una entrega que no compila en ese tiempo no compila.",
            limite.as_secs()
        ),
        None => "no compiló (sin mensajes del compilador)".into(),
    };
    Ok(miembros
        .iter()
        .map(|m| match ejecutables.get(m) {
            Some(exe) => Compilada::Lista(exe.clone()),
            None => Compilada::Error(
                errores
                    .get(m)
                    .cloned()
                    .unwrap_or_else(|| sin_mensajes.clone()),
            ),
        })
        .collect())
}

/// Ejecuta `cargo build --test <prueba>` en el banco y reparte ejecutables y errores por
/// miembro.
/// Los límites de una compilación: una entrega que no compila en 10 minutos no compila.
const LIMITES_COMPILAR: crate::aislamiento::Limites = crate::aislamiento::Limites {
    memoria_kib: None,
    procesos: None,
    archivo_kib: None,
    tiempo: Some(std::time::Duration::from_secs(600)),
};

/// Lo que dejó una compilación del banco: el ejecutable de cada miembro que compiló, los
/// errores de cada uno que no, y el límite de tiempo si se agotó.
type Construccion = (
    BTreeMap<String, PathBuf>,
    BTreeMap<String, String>,
    Option<std::time::Duration>,
);

fn cargo_build(banco: &Path, prueba: &str) -> Resultado<Construccion> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // En la jaula: la compilación solo escribe en `target/`; el curso es de solo lectura.
    let escribible = raiz().join("target");
    let mut hijo = crate::aislamiento::comando(cargo, &[&escribible], &LIMITES_COMPILAR)
        .args([
            "build",
            "--workspace",
            "--keep-going",
            "--message-format=json",
            "--test",
            prueba,
        ])
        .current_dir(banco)
        .env("CARGO_TARGET_DIR", raiz().join("target"))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("no se pudo ejecutar cargo: {e}"))?;
    let inicio = std::time::Instant::now();
    let mut ejecutables = BTreeMap::new();
    let mut errores: BTreeMap<String, String> = BTreeMap::new();
    let salida = hijo.stdout.take().expect("salida capturada");
    for linea in BufReader::new(salida).lines() {
        let linea = linea.map_err(|e| format!("no se pudo leer la salida de cargo: {e}"))?;
        let Ok(mensaje) = serde_json::from_str::<serde_json::Value>(&linea) else {
            continue;
        };
        let Some(miembro) = mensaje["manifest_path"].as_str().and_then(miembro_de) else {
            continue;
        };
        match mensaje["reason"].as_str() {
            Some("compiler-artifact") => {
                if let Some(exe) = mensaje["executable"].as_str() {
                    ejecutables.insert(miembro, PathBuf::from(exe));
                }
            }
            Some("compiler-message") if mensaje["message"]["level"] == "error" => {
                if let Some(texto) = mensaje["message"]["rendered"].as_str() {
                    errores.entry(miembro).or_default().push_str(texto);
                }
            }
            _ => {}
        }
    }
    let estado = hijo
        .wait()
        .map_err(|e| format!("cargo no terminó bien: {e}"))?;
    // Una compilación que se pasó de su límite la mató `timeout`: ni errores ni ejecutable.
    // Sin esto, el informe diría «no compiló (sin mensajes del compilador)».
    let limite = LIMITES_COMPILAR
        .tiempo
        .expect("la compilación tiene límite");
    if !estado.success() && inicio.elapsed() >= limite {
        return Ok((ejecutables, errores, Some(limite)));
    }
    Ok((ejecutables, errores, None))
}

/// `…/banco/suma/suma-solucion/Cargo.toml` → `suma-solucion`.
fn miembro_de(manifiesto: &str) -> Option<String> {
    let ruta = Path::new(manifiesto);
    ruta.starts_with(provisional().join("banco")).then(|| {
        ruta.parent()?
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
    })?
}

/// El nombre del objetivo `[[test]]` del ejercicio (la suite oficial).
fn nombre_de_la_prueba(ejercicio: &Table) -> Resultado<String> {
    ejercicio
        .get("test")
        .and_then(Value::as_array)
        .and_then(|t| t.first())
        .and_then(|t| t.get("name"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| "el Cargo.toml del ejercicio no declara su suite con [[test]]".into())
}

/// El Cargo.toml de un miembro: el del ejercicio con otro nombre de paquete, la biblioteca
/// en `lib` y todas las rutas absolutas.
fn miembro_toml(
    ejercicio: &Table,
    carpeta: &Path,
    miembro: &str,
    nombre_lib: &str,
    lib: &Path,
) -> Table {
    let mut toml = ejercicio.clone();
    if let Some(Value::Table(paquete)) = toml.get_mut("package") {
        paquete.insert("name".into(), miembro.into());
        paquete.remove("build");
    }
    let mut tabla_lib = Table::new();
    tabla_lib.insert("name".into(), nombre_lib.into());
    tabla_lib.insert("path".into(), ruta_texto(lib).into());
    toml.insert("lib".into(), Value::Table(tabla_lib));
    toml.remove("bench");
    if let Some(Value::Array(pruebas)) = toml.get_mut("test") {
        for prueba in pruebas.iter_mut().filter_map(Value::as_table_mut) {
            absolutizar(prueba, carpeta);
        }
    }
    for seccion in ["dependencies", "dev-dependencies", "build-dependencies"] {
        if let Some(Value::Table(deps)) = toml.get_mut(seccion) {
            for dep in deps.iter_mut().filter_map(|(_, d)| d.as_table_mut()) {
                absolutizar(dep, carpeta);
            }
        }
    }
    toml
}

/// Cambia la carpeta de la suite (`[[test]] path`) de `de` a `a`: insta busca las
/// instantáneas junto a la suite, así que vienen de la misma carpeta.
fn redirigir_suite(toml: &mut Table, de: &Path, a: &Path) {
    let de = de.canonicalize().unwrap_or_else(|_| de.to_path_buf());
    if let Some(Value::Array(pruebas)) = toml.get_mut("test") {
        for prueba in pruebas.iter_mut().filter_map(Value::as_table_mut) {
            let Some(Value::String(ruta)) = prueba.get("path") else {
                continue;
            };
            if let Ok(resto) = Path::new(ruta).strip_prefix(&de) {
                let nueva = ruta_texto(&a.join(resto));
                prueba.insert("path".into(), nueva.into());
            }
        }
    }
}

/// El Cargo.toml raíz del banco: los miembros y lo heredable del espacio de trabajo del
/// curso (versiones, dependencias, perfiles).
fn espacio_toml(raiz_toml: &Table, miembros: &[String]) -> Table {
    let mut espacio = Table::new();
    espacio.insert("resolver".into(), "3".into());
    espacio.insert(
        "members".into(),
        Value::Array(miembros.iter().map(|m| Value::from(m.as_str())).collect()),
    );
    if let Some(Value::Table(original)) = raiz_toml.get("workspace") {
        for clave in ["package", "dependencies"] {
            if let Some(valor) = original.get(clave) {
                espacio.insert(clave.into(), valor.clone());
            }
        }
        if let Some(Value::Table(deps)) = espacio.get_mut("dependencies") {
            for dep in deps.iter_mut().filter_map(|(_, d)| d.as_table_mut()) {
                absolutizar(dep, &raiz());
            }
        }
    }
    let mut toml = Table::new();
    toml.insert("workspace".into(), Value::Table(espacio));
    if let Some(perfiles) = raiz_toml.get("profile") {
        toml.insert("profile".into(), perfil_del_banco(perfiles));
    }
    toml
}

/// Convierte la clave `path` de una tabla en ruta absoluta respecto a `base`.
fn absolutizar(tabla: &mut Table, base: &Path) {
    if let Some(Value::String(ruta)) = tabla.get("path") {
        let absoluta = base.join(ruta);
        let absoluta = absoluta.canonicalize().unwrap_or(absoluta);
        tabla.insert("path".into(), ruta_texto(&absoluta).into());
    }
}

fn ruta_texto(ruta: &Path) -> String {
    ruta.to_string_lossy().into_owned()
}

/// Una etiqueta válida como nombre de paquete de cargo.
fn limpiar(etiqueta: &str) -> String {
    etiqueta
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

fn leer_toml(ruta: &Path) -> Resultado<Table> {
    let texto = std::fs::read_to_string(ruta)
        .map_err(|e| format!("no se pudo leer {}: {e}", ruta.display()))?;
    texto
        .parse()
        .map_err(|e| format!("{} no es TOML válido: {e}", ruta.display()))
}

fn escribir(ruta: &Path, toml: &Table) -> Resultado<()> {
    if let Some(padre) = ruta.parent() {
        std::fs::create_dir_all(padre)
            .map_err(|e| format!("no se pudo crear {}: {e}", padre.display()))?;
    }
    std::fs::write(ruta, toml.to_string())
        .map_err(|e| format!("no se pudo escribir {}: {e}", ruta.display()))
}

/// Los perfiles del curso para el banco, sin información de depuración en `dev`: el banco
/// compila la suite una vez por implementación (un centenar en una verificación), nadie abre
/// esos ejecutables con un depurador y sus pruebas corren con `RUST_BACKTRACE=0`; los
/// mensajes de pánico llevan archivo y línea igual, porque no salen de ella. Sin ella hay
/// menos que generar y enlazar, y ocupa mucho menos disco. El `opt-level` no se toca: las
/// pruebas de estrés lo necesitan.
fn perfil_del_banco(perfiles: &Value) -> Value {
    let mut perfiles = perfiles.clone();
    if let Some(Value::Table(dev)) = perfiles
        .as_table_mut()
        .map(|p| p.entry("dev").or_insert_with(|| Value::Table(Table::new())))
    {
        dev.insert("debug".into(), Value::Integer(0));
    }
    perfiles
}
