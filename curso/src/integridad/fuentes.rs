//! Los archivos que el compilador leería para una entrega: `src/lib.rs` y, desde él, cada
//! `mod x;` hasta `x.rs` o `x/mod.rs`. Ni uno más (un archivo suelto en `src/` no se
//! compila, así que no cuenta) ni uno menos (una copia escondida en un módulo sí).

use std::path::{Path, PathBuf};

/// Tamaño máximo de un archivo de código de una entrega (la solución más larga no llega a
/// 40 KiB).
const MAXIMO_BYTES: u64 = 1024 * 1024;

/// Un archivo de la entrega, ya analizado.
pub struct Fuente {
    /// La ruta relativa a la carpeta del ejercicio, para los mensajes (`src/lib.rs`).
    pub nombre: String,
    pub texto: String,
    pub arbol: syn::File,
}

/// Los archivos que compilaría `carpeta` (la de un ejercicio) y los motivos para rechazar
/// la entrega: enlaces simbólicos, archivos fuera de `src/`, módulos que no se pueden leer.
pub fn compiladas(carpeta: &Path) -> (Vec<Fuente>, Vec<String>) {
    let mut fuentes = Vec::new();
    let mut motivos = Vec::new();
    let src = carpeta.join("src");
    let Ok(src_real) = src.canonicalize() else {
        return (fuentes, vec!["no hay carpeta src/ legible".into()]);
    };
    // (archivo, carpeta de sus submódulos)
    let mut pendientes = vec![(src.join("lib.rs"), src.clone())];
    while let Some((ruta, dir_hijos)) = pendientes.pop() {
        let nombre = relativa(&ruta, carpeta);
        if let Some(motivo) = fuera_de_src(&ruta, &src, &src_real) {
            motivos.push(format!("{nombre}: {motivo}"));
            continue;
        }
        // Ni una tubería con nombre (leerla no acabaría nunca) ni un archivo enorme.
        match std::fs::metadata(&ruta) {
            Ok(m) if !m.is_file() => {
                motivos.push(format!("{nombre}: no es un archivo normal"));
                continue;
            }
            Ok(m) if m.len() > MAXIMO_BYTES => {
                motivos.push(format!(
                    "{nombre}: ocupa {} bytes, más de los {MAXIMO_BYTES} que puede tener un \
                     archivo de un ejercicio",
                    m.len()
                ));
                continue;
            }
            _ => {}
        }
        let texto = match std::fs::read_to_string(&ruta) {
            Ok(t) => t,
            // Un módulo que no existe no se compila: ya lo dirá el compilador.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                motivos.push(format!("{nombre}: no se pudo leer ({e})"));
                continue;
            }
        };
        let arbol = match syn::parse_file(&texto) {
            Ok(a) => a,
            Err(e) => {
                let linea = e.span().start().line;
                motivos.push(format!(
                    "{nombre}:{linea}: no se pudo analizar el código ({e}); la revisión no \
                     califica lo que no puede leer"
                ));
                continue;
            }
        };
        modulos(&arbol.items, &dir_hijos, &mut |hijo, dir| {
            pendientes.push((hijo, dir));
        });
        fuentes.push(Fuente {
            nombre,
            texto,
            arbol,
        });
    }
    fuentes.sort_by(|a, b| a.nombre.cmp(&b.nombre));
    (fuentes, motivos)
}

/// Cada `mod x;` de `items` (también dentro de módulos en línea), con el archivo que
/// leería el compilador y la carpeta de sus propios submódulos.
fn modulos(items: &[syn::Item], dir: &Path, encontrado: &mut impl FnMut(PathBuf, PathBuf)) {
    for item in items {
        let syn::Item::Mod(m) = item else { continue };
        let nombre = m.ident.to_string();
        let nombre = nombre.strip_prefix("r#").unwrap_or(&nombre);
        let sub = dir.join(nombre);
        match &m.content {
            Some((_, dentro)) => modulos(dentro, &sub, encontrado),
            None => {
                // `#[path]` está prohibido por la revisión; sin él, estas son las dos rutas.
                let plano = dir.join(format!("{nombre}.rs"));
                let archivo = if plano.symlink_metadata().is_ok() {
                    plano
                } else {
                    sub.join("mod.rs")
                };
                encontrado(archivo, sub);
            }
        }
    }
}

/// Un archivo que es (o atraviesa) un enlace simbólico, o que no está dentro de `src/`.
fn fuera_de_src(ruta: &Path, src: &Path, src_real: &Path) -> Option<String> {
    let mut actual = ruta;
    loop {
        if actual
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            let carpeta = src.parent().unwrap_or(src);
            return Some(format!(
                "{} es un enlace simbólico: el código de una entrega va en sus propios archivos",
                relativa(actual, carpeta)
            ));
        }
        if actual == src {
            break;
        }
        actual = actual.parent()?;
    }
    match ruta.canonicalize() {
        Ok(real) if real.starts_with(src_real) => None,
        Ok(real) => Some(format!(
            "lee un archivo de fuera de src/: {}",
            real.display()
        )),
        Err(_) => None,
    }
}

pub fn relativa(archivo: &Path, base: &Path) -> String {
    archivo
        .strip_prefix(base)
        .unwrap_or(archivo)
        .display()
        .to_string()
}
