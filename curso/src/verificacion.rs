//! ¿Tiene dientes la suite? La solución de referencia debe pasarla entera; el esqueleto
//! original y cada implementación errónea conocida deben fallarla (y cada errónea, en las
//! pruebas que su comentario «Debe fallar:» anuncia). Las implementaciones correctas
//! distintas de la referencia (`buenas/`) deben pasarla también.

use crate::Resultado;
use crate::banco::{self, Compilada, Implementacion};
use crate::catalogo::Ejercicio;
use crate::ejecucion::{self, Estado, Prueba};
use crate::mutantes;
use std::path::Path;

/// Lo que se espera de una implementación.
#[derive(Debug, Clone)]
pub enum Esperado {
    PasaTodo,
    FallaTodo,
    /// Falla al menos estas pruebas (y por tanto la suite).
    Falla(Vec<String>),
}

/// El veredicto de una implementación: si cumplió lo esperado y por qué.
#[derive(Debug)]
pub struct Veredicto {
    pub etiqueta: String,
    pub esperado: Esperado,
    pub cumple: bool,
    pub detalle: String,
}

/// Comprueba la suite de `ejercicio` contra solución, esqueleto y erróneas.
pub fn verificar(ejercicio: &Ejercicio) -> Resultado<Vec<Veredicto>> {
    let mut casos = vec![
        (
            Implementacion {
                etiqueta: "solucion".into(),
                lib: ejercicio.solucion(),
            },
            Esperado::PasaTodo,
        ),
        (
            Implementacion {
                etiqueta: "esqueleto".into(),
                lib: ejercicio.esqueleto(),
            },
            Esperado::FallaTodo,
        ),
    ];
    for buena in ejercicio.buenas()? {
        let etiqueta = format!(
            "buena_{}",
            buena.file_stem().unwrap_or_default().to_string_lossy()
        );
        casos.push((
            Implementacion {
                etiqueta,
                lib: buena,
            },
            Esperado::PasaTodo,
        ));
    }
    for mala in ejercicio.malas()? {
        // La etiqueta sale del archivo de `malas/`, no del `lib.rs` que genera una mutación.
        let etiqueta = format!(
            "mala_{}",
            mala.file_stem().unwrap_or_default().to_string_lossy()
        );
        // Una mutación de la solución (`.toml`) o una implementación completa (`.rs`).
        let (lib, esperado) = if mala.extension().is_some_and(|e| e == "toml") {
            let mutacion = mutantes::leer(&mala)?;
            let mutante = mutantes::generar(ejercicio, &mala, &mutacion)?;
            (mutante, Esperado::Falla(mutacion.debe_fallar))
        } else {
            let esperado = Esperado::Falla(debe_fallar(&mala)?);
            (mala, esperado)
        };
        casos.push((Implementacion { etiqueta, lib }, esperado));
    }
    let implementaciones: Vec<_> = casos.iter().map(|(i, _)| i.clone()).collect();
    let turno = banco::turno(ejercicio)?;
    let compiladas = banco::compilar(ejercicio, &implementaciones, &turno)?;
    let salidas = banco::provisional().join("salidas").join(&ejercicio.nombre);
    // Dos implementaciones a la vez, cada una con dos pruebas a la vez: muchas pruebas de las
    // implementaciones erróneas esperan a que venza un límite sin gastar procesador.
    let pendientes = std::sync::Mutex::new(casos.into_iter().zip(compiladas).enumerate());
    let veredictos = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let siguiente = pendientes.lock().unwrap().next();
                    let Some((i, ((imp, esperado), compilada))) = siguiente else {
                        return;
                    };
                    let veredicto = juzgar_compilada(ejercicio, &salidas, imp, esperado, compilada);
                    veredictos.lock().unwrap().push((i, veredicto));
                }
            });
        }
    });
    let mut veredictos = veredictos.into_inner().unwrap();
    veredictos.sort_by_key(|(i, _)| *i);
    veredictos.into_iter().map(|(_, v)| v).collect()
}

fn juzgar_compilada(
    ejercicio: &Ejercicio,
    salidas: &Path,
    imp: Implementacion,
    esperado: Esperado,
    compilada: Compilada,
) -> Resultado<Veredicto> {
    let pruebas = match compilada {
        Compilada::Lista(exe) => {
            ejecucion::ejecutar(&exe, &ejercicio.nombre, &salidas.join(&imp.etiqueta), 2)?
        }
        Compilada::Error(errores) => {
            return Ok(Veredicto {
                etiqueta: imp.etiqueta,
                esperado,
                cumple: false,
                detalle: format!("no compila:\n{errores}"),
            });
        }
    };
    let (cumple, detalle) = juzgar(&esperado, &pruebas);
    Ok(Veredicto {
        etiqueta: imp.etiqueta,
        esperado,
        cumple,
        detalle,
    })
}

fn juzgar(esperado: &Esperado, pruebas: &[Prueba]) -> (bool, String) {
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
                (
                    false,
                    format!(
                        "pasan pruebas que deberían fallar: {}",
                        aprobadas.join(", ")
                    ),
                )
            }
        }
        Esperado::Falla(nombres) => {
            let no_fallan: Vec<_> = nombres
                .iter()
                .filter(|n| !falladas.iter().any(|p| &p.nombre == *n))
                .map(String::as_str)
                .collect();
            if falladas.is_empty() {
                (false, "ninguna prueba la rechaza".into())
            } else if !no_fallan.is_empty() {
                (
                    false,
                    format!(
                        "deberían rechazarla, y no lo hacen: {}",
                        no_fallan.join(", ")
                    ),
                )
            } else {
                let p = falladas
                    .iter()
                    .find(|p| nombres.contains(&p.nombre))
                    .unwrap_or(&falladas[0]);
                // La primera línea que dice algo (no un encabezado terminado en dos puntos).
                let primera_linea = p
                    .mensaje
                    .lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty() && !l.ends_with(':'))
                    .unwrap_or_default();
                (
                    true,
                    format!(
                        "la rechazan {} de {total}; {}: «{primera_linea}»",
                        falladas.len(),
                        p.nombre
                    ),
                )
            }
        }
    }
}

/// Las pruebas que una implementación errónea anuncia que debe fallar, en su línea
/// `//! Debe fallar: prueba_a, prueba_b`.
fn debe_fallar(archivo: &Path) -> Resultado<Vec<String>> {
    let texto = std::fs::read_to_string(archivo)
        .map_err(|e| format!("no se pudo leer {}: {e}", archivo.display()))?;
    texto
        .lines()
        .find_map(|l| {
            l.trim_start_matches("//!")
                .trim()
                .strip_prefix("Debe fallar:")
        })
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
        })
}
