//! Instantáneas de la suite oficial: se comparan, nunca se reescriben al probar.
//!
//! Las instantáneas (`tests/<ejercicio>/snapshots/*.snap`, en el formato de insta) son parte
//! de la referencia del curso, no del alumno. Por eso la suite no las compara con las macros
//! de insta: ante una diferencia, insta aconseja en inglés «cargo insta review» o
//! `INSTA_UPDATE=always`, y seguir ese consejo reescribe la instantánea oficial y da por
//! buena una implementación errónea. Aquí una diferencia es siempre un fallo, explicado en
//! español con las líneas que cambian, y ninguna variable del alumno hace que se escriba nada.
//!
//! Quien mantiene el curso crea o actualiza una instantánea a propósito con
//! `CURSO_INSTANTANEAS=escribir cargo test -p <ejercicio>-solucion` (nunca con `CI=true`).

use std::path::{Path, PathBuf};

/// Variable con la que quien mantiene el curso pide escribir las instantáneas.
const ESCRIBIR: &str = "CURSO_INSTANTANEAS";

/// Compara `obtenido` con la instantánea `nombre` de la suite (`file!()` de quien llama).
/// Úsala a través de [`crate::instantanea!`] o [`crate::instantanea_debug!`].
#[track_caller]
pub fn comparar(archivo_de_la_suite: &str, manifiesto: &str, nombre: &str, obtenido: &str) {
    let suite = ubicar(archivo_de_la_suite, manifiesto);
    let prefijo = suite
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let crate_de_la_suite = prefijo_del_crate(&suite);
    let ruta = suite
        .parent()
        .unwrap_or(Path::new("."))
        .join("snapshots")
        .join(format!("{crate_de_la_suite}__{nombre}.snap"));
    let obtenido = normalizar(obtenido);
    let esperado = std::fs::read_to_string(&ruta).ok().map(|t| contenido(&t));
    if esperado.as_deref() == Some(obtenido.as_str()) {
        return;
    }
    if quiere_escribir() {
        escribir(&ruta, &suite, &prefijo, &obtenido);
        return;
    }
    let Some(esperado) = esperado else {
        panic!(
            "falta la instantánea oficial «{nombre}» ({}).\nLa suite del curso no está completa: \
             vuelve a descargar tests/ del curso (tu código no tiene la culpa).",
            ruta.display()
        );
    };
    panic!(
        "el resultado no coincide con la instantánea oficial «{nombre}».\n\
         Las líneas con «-» son las esperadas; con «+», las que produjo tu código:\n{}\n\
         La instantánea es parte de la suite oficial ({}): no la cambies; cambia tu código \
         hasta que produzca las líneas esperadas.",
        diferencias(&esperado, &obtenido),
        ruta.display()
    );
}

/// Compara con la instantánea `nombre` el texto de un valor (`to_string()`).
#[macro_export]
macro_rules! instantanea {
    ($nombre:expr, $valor:expr $(,)?) => {
        $crate::instantanea::comparar(
            file!(),
            env!("CARGO_MANIFEST_DIR"),
            $nombre,
            &::std::string::ToString::to_string(&$valor),
        )
    };
}

/// Compara con la instantánea `nombre` la forma `{:#?}` de un valor (la de
/// `insta::assert_debug_snapshot!`).
#[macro_export]
macro_rules! instantanea_debug {
    ($nombre:expr, $valor:expr $(,)?) => {
        $crate::instantanea::comparar(
            file!(),
            env!("CARGO_MANIFEST_DIR"),
            $nombre,
            &format!("{:#?}", $valor),
        )
    };
}

/// La ruta real del archivo de la suite: `file!()` es absoluta (el banco de `cargo curso`)
/// o relativa a la raíz del espacio de trabajo, que es algún antepasado del manifiesto del
/// crate que compila la suite.
fn ubicar(archivo: &str, manifiesto: &str) -> PathBuf {
    let archivo = Path::new(archivo);
    if archivo.is_absolute() {
        return archivo.to_path_buf();
    }
    Path::new(manifiesto)
        .ancestors()
        .map(|base| base.join(archivo))
        .find(|ruta| ruta.is_file())
        .unwrap_or_else(|| archivo.to_path_buf())
}

/// insta nombra los archivos `<crate>__<nombre>.snap`; el crate de la suite se llama como
/// su carpeta de `tests/` (`tests/cerrojos/suite.rs` → `cerrojos`).
fn prefijo_del_crate(suite: &Path) -> String {
    suite
        .parent()
        .and_then(Path::file_name)
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// El contenido de un archivo `.snap`: lo que sigue a la cabecera `---` … `---`.
fn contenido(archivo: &str) -> String {
    let cuerpo = archivo
        .strip_prefix("---\n")
        .and_then(|resto| resto.split_once("\n---\n"))
        .map_or(archivo, |(_, cuerpo)| cuerpo);
    normalizar(cuerpo)
}

/// Como insta: sin espacios al final de cada línea ni líneas vacías al final.
fn normalizar(texto: &str) -> String {
    texto
        .replace("\r\n", "\n")
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_end()
        .to_string()
}

fn quiere_escribir() -> bool {
    let en_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
    !en_ci && std::env::var(ESCRIBIR).is_ok_and(|v| v == "escribir")
}

fn escribir(ruta: &Path, suite: &Path, prefijo: &str, obtenido: &str) {
    let cabecera = format!(
        "---\nsource: tests/{}/{prefijo}.rs\nexpression: instantánea del curso\n---\n",
        prefijo_del_crate(suite)
    );
    if let Some(carpeta) = ruta.parent() {
        let _ = std::fs::create_dir_all(carpeta);
    }
    std::fs::write(ruta, format!("{cabecera}{obtenido}\n"))
        .unwrap_or_else(|e| panic!("no se pudo escribir {}: {e}", ruta.display()));
    eprintln!("instantánea escrita: {}", ruta.display());
}

/// Las líneas distintas, con dos de contexto: `-` esperadas, `+` obtenidas.
fn diferencias(esperado: &str, obtenido: &str) -> String {
    let diff = similar::TextDiff::from_lines(esperado, obtenido);
    let mut texto = String::new();
    for grupo in diff.grouped_ops(2) {
        texto.push_str("  ⋯\n");
        for op in grupo {
            for cambio in diff.iter_changes(&op) {
                let signo = match cambio.tag() {
                    similar::ChangeTag::Delete => '-',
                    similar::ChangeTag::Insert => '+',
                    similar::ChangeTag::Equal => ' ',
                };
                texto.push_str(&format!("  {signo} {}", cambio.value()));
                if !cambio.value().ends_with('\n') {
                    texto.push('\n');
                }
            }
        }
    }
    texto
}

#[cfg(test)]
mod pruebas {
    use super::*;

    #[test]
    fn el_contenido_sale_de_detras_de_la_cabecera() {
        let archivo = "---\nsource: x\nexpression: y\n---\nuno  \ndos\n\n";
        assert_eq!(contenido(archivo), "uno\ndos");
    }

    #[test]
    fn las_diferencias_marcan_lo_esperado_y_lo_obtenido() {
        let d = diferencias("a\nb\nc\n", "a\nB\nc\n");
        assert!(d.contains("  - b\n") && d.contains("  + B\n"), "{d}");
    }

    #[test]
    fn un_archivo_relativo_se_busca_desde_el_manifiesto_hacia_arriba() {
        let manifiesto = env!("CARGO_MANIFEST_DIR");
        let ruta = ubicar("crates/arnes/src/instantanea.rs", manifiesto);
        assert!(ruta.is_file(), "{}", ruta.display());
        assert_eq!(prefijo_del_crate(&ruta), "src");
    }
}
