//! Compilar la suite contra todos los casos de una verificación, con el menor número de
//! compilaciones: las mutaciones que solo cambian cuerpos de funciones van juntas en una
//! copia conmutada de la solución (ver [`mutantes::conmutar`]) y comparten un ejecutable.

use super::{Caso, avisar};
use crate::Resultado;
use crate::banco::{self, Compilada, Implementacion, Turno};
use crate::catalogo::Ejercicio;
use crate::mutantes::{self, Conmutadas};

/// El ejecutable de un caso: el suyo, o el compartido de las mutaciones conmutadas con el
/// número que elige la suya.
pub(super) struct Ejecutable {
    pub(super) compilada: Compilada,
    pub(super) mutante: Option<u32>,
}

/// Compila la suite contra cada caso (en el orden de `casos`). Genera el `lib.rs` de cada
/// mutación que se compila aparte. Si la copia conmutada no compila, cada una de sus
/// mutaciones se compila aparte: el veredicto nunca depende del atajo.
pub(super) fn compilar(
    ejercicio: &Ejercicio,
    casos: &mut [Caso],
    turno: &Turno,
) -> Resultado<Vec<Ejecutable>> {
    let conmutadas = conmutar(ejercicio, casos)?;
    let numero = |caso: &Caso| {
        let conmutadas = conmutadas.as_ref()?;
        let (archivo, _) = caso.mutacion.as_ref()?;
        conmutadas
            .numeros
            .get(&mutantes::nombre_de(archivo))
            .copied()
    };
    let numeros: Vec<Option<u32>> = casos.iter().map(numero).collect();
    if let Some(c) = &conmutadas {
        let aparte = casos.iter().filter(|c| c.mutacion.is_some()).count() - c.numeros.len();
        avisar(&format!(
            "«{}»: {} mutaciones comparten una sola compilación; {aparte} se compilan aparte",
            ejercicio.nombre,
            c.numeros.len()
        ));
    }
    for (caso, n) in casos.iter_mut().zip(&numeros) {
        if n.is_none() {
            generar(ejercicio, caso)?;
        }
    }
    let mut imps: Vec<Implementacion> = casos
        .iter()
        .zip(&numeros)
        .filter(|(_, n)| n.is_none())
        .map(|(c, _)| c.imp.clone())
        .collect();
    if let Some(c) = &conmutadas {
        imps.push(Implementacion {
            etiqueta: mutantes::ETIQUETA_CONMUTADAS.into(),
            lib: c.lib.clone(),
        });
    }
    let mut compiladas = banco::compilar(ejercicio, &imps, turno)?.into_iter();
    let sin_numero = numeros.iter().filter(|n| n.is_none()).count();
    let mut propias: Vec<Compilada> = compiladas.by_ref().take(sin_numero).collect();
    let compartida = match (conmutadas, compiladas.next()) {
        (Some(_), Some(Compilada::Lista(exe))) => Some(exe),
        (Some(_), _) => {
            avisar(&format!(
                "«{}»: la copia conmutada de las mutaciones no compila; se compila cada una aparte",
                ejercicio.nombre
            ));
            None
        }
        (None, _) => None,
    };
    // Sin ejecutable compartido, las mutaciones conmutadas se compilan una a una.
    let mut numeros = numeros;
    if compartida.is_none() && numeros.iter().any(Option::is_some) {
        let mut sueltas = Vec::new();
        for (caso, n) in casos.iter_mut().zip(numeros.iter_mut()) {
            if n.take().is_some() {
                generar(ejercicio, caso)?;
                sueltas.push(caso.imp.clone());
            }
        }
        propias.extend(banco::compilar(ejercicio, &sueltas, turno)?);
        // `propias` va en el orden de las no conmutadas y luego las sueltas: se reordena abajo.
        return Ok(reordenar(casos, propias, &sueltas));
    }
    let mut propias = propias.into_iter();
    Ok(numeros
        .into_iter()
        .map(|n| match n {
            Some(numero) => Ejecutable {
                compilada: Compilada::Lista(compartida.clone().expect("hay compartida")),
                mutante: Some(numero),
            },
            None => Ejecutable {
                compilada: propias.next().expect("una compilación por caso propio"),
                mutante: None,
            },
        })
        .collect())
}

/// La copia conmutada de las mutaciones de `casos`, salvo que `CURSO_SIN_CONMUTAR` lo impida
/// (para comparar los dos caminos).
fn conmutar(ejercicio: &Ejercicio, casos: &[Caso]) -> Resultado<Option<Conmutadas>> {
    if std::env::var_os("CURSO_SIN_CONMUTAR").is_some() {
        return Ok(None);
    }
    let mutaciones: Vec<(String, &mutantes::Mutacion)> = casos
        .iter()
        .filter_map(|c| c.mutacion.as_ref())
        .map(|(archivo, m)| (mutantes::nombre_de(archivo), m))
        .collect();
    mutantes::conmutar(ejercicio, &mutaciones)
}

/// Genera el `lib.rs` de un caso que es una mutación.
fn generar(ejercicio: &Ejercicio, caso: &mut Caso) -> Resultado<()> {
    if let Some((archivo, mutacion)) = &caso.mutacion {
        caso.imp.lib = mutantes::generar(ejercicio, archivo, mutacion)?;
    }
    Ok(())
}

/// Pone cada compilación con su caso, por etiqueta: las propias vinieron primero en el orden
/// de los casos no conmutados, y después las sueltas.
fn reordenar(
    casos: &[Caso],
    compiladas: Vec<Compilada>,
    sueltas: &[Implementacion],
) -> Vec<Ejecutable> {
    let propias: Vec<&str> = casos
        .iter()
        .map(|c| c.imp.etiqueta.as_str())
        .filter(|e| !sueltas.iter().any(|s| s.etiqueta == *e))
        .chain(sueltas.iter().map(|s| s.etiqueta.as_str()))
        .collect();
    let mut por_etiqueta: Vec<(&str, Compilada)> = propias.into_iter().zip(compiladas).collect();
    casos
        .iter()
        .map(|c| {
            let i = por_etiqueta
                .iter()
                .position(|(e, _)| *e == c.imp.etiqueta)
                .expect("cada caso se compiló");
            Ejecutable {
                compilada: por_etiqueta.remove(i).1,
                mutante: None,
            }
        })
        .collect()
}
