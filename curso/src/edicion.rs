//! La edición del estudiante: una copia del curso sin lo que resuelve los ejercicios.
//!
//! El repositorio del curso trae las soluciones de referencia (`solutions/`), las
//! implementaciones correctas alternativas (`tests/<e>/buenas/`), las erróneas
//! (`tests/<e>/malas/`: mutaciones de la solución, casi soluciones), la entrega correcta de
//! ejemplo y las pruebas de las herramientas (`curso/tests/`), y las páginas «Solución» del
//! libro. Un estudiante que recibe esa copia puede entregar cualquiera de ellas. La edición
//! conserva lo que el estudiante usa (el libro sin soluciones, los esqueletos de
//! `exercises/`, los kits de `tests/<e>/` con suite, instantáneas, esqueleto y datos, los
//! crates `arnes`, `contrato` y `sincro`, y `cargo curso`), así que `cargo test -p <e>`,
//! `cargo curso probar <e>` y `cargo curso progreso` funcionan igual. La calificación
//! definitiva la hace el instructor con su copia completa.

use crate::{Resultado, raiz};
use std::path::Path;
use std::process::Command;

/// Lo que dice la página que sustituye a un `{{#include}}` de una solución.
const SIN_SOLUCION: &str = "*(El código de la solución no está en la edición del estudiante.)*";

/// ¿Se queda fuera de la edición el archivo del curso `ruta` (relativa a la raíz)?
pub fn fuera(ruta: &str) -> bool {
    let partes: Vec<&str> = ruta.split('/').collect();
    match partes.as_slice() {
        ["solutions", ..] | ["curso", "tests", ..] | [".ci", ..] => true,
        ["tests", _, "buenas" | "malas", ..] => true,
        ["book", "src", .., pagina] if *pagina == "solucion.md" => true,
        // El flujo que califica desde el repositorio del instructor es solo suyo.
        ["curso", "plantillas", "calificacion_del_instructor.yml"] => true,
        _ => false,
    }
}

/// Escribe la edición del estudiante en `destino` (que no debe existir o estar vacío) y la
/// deja como repositorio git con un primer commit, si hay git. Devuelve un resumen.
pub fn escribir(destino: &Path) -> Resultado<String> {
    if destino.read_dir().is_ok_and(|mut d| d.next().is_some()) {
        return Err(format!("{} existe y no está vacío", destino.display()));
    }
    let origen = raiz();
    let (mut copiados, mut fuera_n) = (0, 0);
    for ruta in confirmados(&origen)? {
        if fuera(&ruta) {
            fuera_n += 1;
            continue;
        }
        let de = origen.join(&ruta);
        let a = destino.join(&ruta);
        if let Some(padre) = a.parent() {
            std::fs::create_dir_all(padre)
                .map_err(|e| format!("no se pudo crear {}: {e}", padre.display()))?;
        }
        let Ok(bytes) = std::fs::read(&de) else {
            // Confirmado pero borrado del árbol de trabajo: no se copia.
            continue;
        };
        let bytes = match String::from_utf8(bytes) {
            Ok(texto) => transformar(&ruta, &texto).into_bytes(),
            Err(e) => e.into_bytes(),
        };
        std::fs::write(&a, bytes)
            .map_err(|e| format!("no se pudo escribir {}: {e}", a.display()))?;
        copiados += 1;
    }
    // El flujo de GitHub Classroom, ya en su sitio, para que el estudiante vea su progreso.
    let flujo = destino.join(".github/workflows/classroom.yml");
    std::fs::create_dir_all(flujo.parent().expect("tiene carpeta"))
        .map_err(|e| format!("no se pudo crear .github/workflows: {e}"))?;
    std::fs::copy(origen.join("curso/plantillas/classroom.yml"), &flujo)
        .map_err(|e| format!("no se pudo copiar el flujo de Classroom: {e}"))?;
    let git = confirmar(destino);
    Ok(format!(
        "Edición del estudiante en {}: {copiados} archivos; {fuera_n} se quedan fuera \
         (soluciones, correctas y erróneas de tests/<e>/, entregas de ejemplo, pruebas de las \
         herramientas y páginas «Solución» del libro).\n{git}",
        destino.display()
    ))
}

/// Los archivos confirmados del curso (`git ls-files`): lo que el instructor ha decidido
/// publicar, sin `target/` ni borradores.
fn confirmados(origen: &Path) -> Resultado<Vec<String>> {
    let salida = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(origen)
        .output()
        .map_err(|e| format!("hace falta git para saber qué archivos son del curso: {e}"))?;
    if !salida.status.success() {
        return Err(
            "el curso no es un repositorio git: la edición copia sus archivos confirmados".into(),
        );
    }
    Ok(String::from_utf8_lossy(&salida.stdout)
        .split('\0')
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect())
}

/// El `Cargo.toml` del espacio de trabajo sin los miembros (de `members` y de
/// `default-members`) cuya ruta empieza por alguno de `prefijos`, estén en una línea
/// (`["curso", "solutions/*"]`) o uno por línea (`    "solutions/suma",`).
pub fn sin_miembros(toml: &str, prefijos: &[&str]) -> String {
    let quitar = |miembro: &str| prefijos.iter().any(|p| miembro.starts_with(p));
    let mut texto = String::new();
    for linea in toml.lines() {
        let recortada = linea.trim_start();
        if recortada.starts_with('"') && quitar(recortada.trim_start_matches('"')) {
            continue;
        }
        // Una lista en una línea: se reescribe sin los miembros quitados.
        let linea = match (linea.find('['), linea.rfind(']')) {
            (Some(a), Some(b)) if linea.trim_start().contains("members") && a < b => {
                let miembros: Vec<&str> = linea[a + 1..b]
                    .split(',')
                    .map(str::trim)
                    .filter(|m| !m.is_empty() && !quitar(m.trim_matches('"')))
                    .collect();
                format!(
                    "{}[{}]{}",
                    &linea[..a],
                    miembros.join(", "),
                    &linea[b + 1..]
                )
            }
            _ => linea.to_string(),
        };
        texto.push_str(&linea);
        texto.push('\n');
    }
    texto
}

/// El texto de `ruta` en la edición: sin los miembros `solutions/*` del espacio de trabajo, sin
/// entradas «Solución» en el índice del libro y sin enlaces ni inclusiones que apunten a
/// lo que no está.
pub fn transformar(ruta: &str, texto: &str) -> String {
    if ruta == "Cargo.toml" {
        return sin_miembros(texto, &["solutions/"]);
    }
    if ruta == "book/src/SUMMARY.md" {
        return texto
            .lines()
            .filter(|l| !l.contains("solucion.md"))
            .map(|l| format!("{l}\n"))
            .collect();
    }
    if ruta.starts_with("book/src/") && ruta.ends_with(".md") {
        return texto
            .lines()
            // La entrada «Solución» de la lista de páginas de un capítulo.
            .filter(|l| !l.trim_start().starts_with("- [Solución](solucion.md)"))
            .map(|l| {
                if l.contains("{{#include") && l.contains("solutions/") {
                    SIN_SOLUCION.to_string()
                } else {
                    sin_enlaces_a_soluciones(l)
                }
            })
            .map(|l| format!("{l}\n"))
            .collect();
    }
    texto.to_string()
}

/// `[texto](…/solucion.md#algo)` → `texto`: el enlace apuntaría a una página que no existe.
fn sin_enlaces_a_soluciones(linea: &str) -> String {
    let mut salida = String::new();
    let mut resto = linea;
    while let Some(inicio) = resto.find('[') {
        let (antes, desde) = resto.split_at(inicio);
        salida.push_str(antes);
        let enlace = desde.find("](").and_then(|medio| {
            let fin = desde[medio..].find(')')? + medio;
            let destino = &desde[medio + 2..fin];
            (destino.contains("solucion.md") || destino.contains("solutions/"))
                .then(|| (desde[1..medio].to_string(), fin))
        });
        match enlace {
            Some((texto, fin)) => {
                salida.push_str(&texto);
                resto = &desde[fin + 1..];
            }
            None => {
                salida.push('[');
                resto = &desde[1..];
            }
        }
    }
    salida.push_str(resto);
    salida
}

/// `git init` y un primer commit: `cargo curso probar` juzga con el kit confirmado.
fn confirmar(destino: &Path) -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(["-c", "user.name=curso", "-c", "user.email=curso@localhost"])
            .args(args)
            .current_dir(destino)
            .output()
            .is_ok_and(|s| s.status.success())
    };
    if git(&["init", "--quiet"])
        && git(&["add", "--all"])
        && git(&[
            "commit",
            "--quiet",
            "-m",
            "Edición del estudiante del curso",
        ])
    {
        "Es un repositorio git con un primer commit: súbelo como plantilla de la tarea.".into()
    } else {
        "No se pudo crear el repositorio git: haz `git init` y un primer commit antes de \
         publicarla (las órdenes del curso juzgan con los kits confirmados)."
            .into()
    }
}

#[cfg(test)]
mod pruebas {
    use super::*;

    #[test]
    fn se_quedan_fuera_las_soluciones_y_las_casi_soluciones() {
        for r in [
            "solutions/suma/src/lib.rs",
            "tests/suma/buenas/x.rs",
            "tests/suma/malas/y.rs",
            "curso/tests/entregas/correcta/exercises/suma/src/lib.rs",
            "book/src/suma/solucion.md",
        ] {
            assert!(fuera(r), "{r}");
        }
        for r in [
            "tests/suma/suite.rs",
            "tests/suma/esqueleto.rs",
            "exercises/suma/src/lib.rs",
            "book/src/suma/enunciado.md",
            "curso/src/main.rs",
            "curso/plantillas/classroom.yml",
        ] {
            assert!(!fuera(r), "{r}");
        }
    }

    #[test]
    fn los_enlaces_a_la_solucion_quedan_en_texto() {
        let l = "Mira [la solución](solucion.md#bloques) y [el enunciado](enunciado.md).";
        assert_eq!(
            sin_enlaces_a_soluciones(l),
            "Mira la solución y [el enunciado](enunciado.md)."
        );
        let t = transformar(
            "book/src/SUMMARY.md",
            "- [A](a.md)\n  - [Solución](a/solucion.md)\n",
        );
        assert_eq!(t, "- [A](a.md)\n");
        let c = transformar(
            "Cargo.toml",
            "members = [\"exercises/*\", \"solutions/*\"]\n",
        );
        assert_eq!(c, "members = [\"exercises/*\"]\n");
        let d = transformar(
            "Cargo.toml",
            "default-members = [\n    \"curso\",\n    \"solutions/suma\",\n]\n",
        );
        assert_eq!(d, "default-members = [\n    \"curso\",\n]\n");
        let z = sin_miembros(
            "members = [\"curso\", \"book/pruebas\", \"solutions/*\"]\n",
            &["book/pruebas", "solutions/"],
        );
        assert_eq!(z, "members = [\"curso\"]\n");
    }
}
