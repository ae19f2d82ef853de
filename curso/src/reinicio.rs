//! `cargo curso reiniciar <ejercicio>`: vuelve al esqueleto original sin perder nunca el
//! trabajo del alumno.
//!
//! Cada versión que se reemplaza se guarda con un número nuevo en
//! `exercises/<ejercicio>/versiones/lib-<n>.rs`; ninguna se sobrescribe, así que reiniciar dos
//! veces seguidas no pierde la versión buena. No se guarda una copia del propio esqueleto ni
//! una igual a otra ya guardada.

use crate::Resultado;
use std::path::{Path, PathBuf};

/// Guarda `lib` en `versiones/` (si hace falta) y pone en su lugar `esqueleto`. Devuelve lo
/// que hay que decirle al alumno.
pub fn reiniciar(lib: &Path, esqueleto: &Path, versiones: &Path) -> Resultado<Vec<String>> {
    let original = std::fs::read_to_string(esqueleto)
        .map_err(|e| format!("no se pudo leer el esqueleto {}: {e}", esqueleto.display()))?;
    let mut mensajes = Vec::new();
    match std::fs::read_to_string(lib) {
        Err(_) => {}
        Ok(tuyo) if normalizar(&tuyo) == normalizar(&original) => mensajes.push(format!(
            "{} ya es el esqueleto original: no hay nada que guardar.",
            lib.display()
        )),
        Ok(tuyo) => mensajes.push(guardar(&tuyo, versiones)?),
    }
    std::fs::write(lib, &original).map_err(|e| {
        format!(
            "no se pudo restaurar el esqueleto en {}: {e}",
            lib.display()
        )
    })?;
    mensajes.push(format!(
        "Restaurado el esqueleto original en {}.",
        lib.display()
    ));
    Ok(mensajes)
}

/// Guarda `texto` como la versión siguiente, salvo que ya esté guardado.
fn guardar(texto: &str, versiones: &Path) -> Resultado<String> {
    let guardadas = guardadas(versiones);
    if let Some((_, ruta)) = guardadas.iter().rev().find(|(_, ruta)| {
        std::fs::read_to_string(ruta).is_ok_and(|t| normalizar(&t) == normalizar(texto))
    }) {
        return Ok(format!(
            "Tu versión ya estaba guardada en {}: no se guarda otra copia igual.",
            ruta.display()
        ));
    }
    let n = guardadas.last().map_or(1, |(n, _)| n + 1);
    std::fs::create_dir_all(versiones)
        .map_err(|e| format!("no se pudo crear {}: {e}", versiones.display()))?;
    let ruta = versiones.join(format!("lib-{n}.rs"));
    std::fs::write(&ruta, texto)
        .map_err(|e| format!("no se pudo guardar tu versión en {}: {e}", ruta.display()))?;
    let anteriores = if n > 1 {
        " (las anteriores siguen ahí)"
    } else {
        ""
    };
    Ok(format!(
        "Tu versión queda guardada en {}{anteriores}.",
        ruta.display()
    ))
}

/// Las versiones guardadas, `(n, ruta)` ordenadas por `n`.
fn guardadas(versiones: &Path) -> Vec<(u32, PathBuf)> {
    let mut todas: Vec<(u32, PathBuf)> = std::fs::read_dir(versiones)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let nombre = e.file_name().to_string_lossy().into_owned();
            let n = nombre
                .strip_prefix("lib-")?
                .strip_suffix(".rs")?
                .parse()
                .ok()?;
            Some((n, e.path()))
        })
        .collect();
    todas.sort();
    todas
}

/// El mismo texto con finales de línea de Windows o de Unix es el mismo código.
pub fn normalizar(texto: &str) -> String {
    texto.replace("\r\n", "\n")
}

#[cfg(test)]
mod pruebas {
    use super::*;

    fn carpeta(caso: &str) -> PathBuf {
        let c = crate::raiz()
            .join("target/curso/pruebas-reinicio")
            .join(caso);
        let _ = std::fs::remove_dir_all(&c);
        std::fs::create_dir_all(c.join("src")).unwrap();
        std::fs::write(c.join("esqueleto.rs"), "todo!()\n").unwrap();
        c
    }

    fn reiniciar_en(c: &Path) -> Vec<String> {
        reiniciar(
            &c.join("src/lib.rs"),
            &c.join("esqueleto.rs"),
            &c.join("versiones"),
        )
        .unwrap()
    }

    #[test]
    fn reiniciar_dos_veces_no_pierde_la_version_terminada() {
        let c = carpeta("dos_veces");
        std::fs::write(c.join("src/lib.rs"), "terminada\n").unwrap();
        reiniciar_en(&c);
        let segunda = reiniciar_en(&c);
        assert_eq!(
            std::fs::read_to_string(c.join("versiones/lib-1.rs")).unwrap(),
            "terminada\n"
        );
        assert!(
            !c.join("versiones/lib-2.rs").exists(),
            "guardó el esqueleto"
        );
        assert!(
            segunda[0].contains("ya es el esqueleto original"),
            "{segunda:?}"
        );
        assert_eq!(
            std::fs::read_to_string(c.join("src/lib.rs")).unwrap(),
            "todo!()\n"
        );
    }

    #[test]
    fn cada_version_distinta_se_guarda_con_su_numero_y_las_repetidas_no() {
        let c = carpeta("versiones");
        for texto in ["primera\n", "segunda\n", "segunda\r\n"] {
            std::fs::write(c.join("src/lib.rs"), texto).unwrap();
            reiniciar_en(&c);
        }
        let leer = |n: u32| std::fs::read_to_string(c.join(format!("versiones/lib-{n}.rs")));
        assert_eq!(leer(1).unwrap(), "primera\n");
        assert_eq!(leer(2).unwrap(), "segunda\n");
        assert!(leer(3).is_err(), "guardó otra copia de la misma versión");
    }
}
