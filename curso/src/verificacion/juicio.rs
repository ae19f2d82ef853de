//! El juicio de una implementación: sus pruebas ejecutadas frente a lo que se esperaba de
//! ella. Sin procesos ni archivos, para poder probarlo aparte.

use super::Esperado;
use crate::ejecucion::{Estado, Prueba};
use crate::mutantes::Motivo;

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

#[cfg(test)]
mod pruebas {
    use super::*;
    use std::time::Duration;

    fn prueba(nombre: &str, estado: Estado, mensaje: &str) -> Prueba {
        Prueba {
            nombre: nombre.into(),
            estado,
            mensaje: mensaje.into(),
            salida: String::new(),
            duracion: Duration::ZERO,
            clase: None,
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
