//! El cronograma de una ejecución explorada que falla: la repetición del mismo plan, con la
//! crónica de sincro encendida, dibujada hilo a hilo en una página HTML autónoma.
//!
//! La página la dibuja el arnés con lo que apuntan las primitivas de sincro y las
//! anotaciones de la suite, nunca el código probado; y es la repetición del plan guardado,
//! así que enseña exactamente lo que repite `CURSO_REPETIR`.

use crate::dibujo;
use sincro::cronica::{Operacion, Suceso};
use std::path::PathBuf;

/// Un paso dibujable: en qué carril (hilo), qué dice y de qué clase es.
#[derive(Debug, Clone)]
pub(crate) struct Paso {
    /// El número del paso en la ejecución, desde 1.
    pub numero: usize,
    pub carril: usize,
    pub texto: String,
    pub clase: ClasePaso,
}

/// Cómo se pinta un paso.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClasePaso {
    /// Una anotación de la suite (lo que el escenario dice que pasa, con su estado).
    Anotacion,
    /// Tomar, soltar o intentar un cerrojo.
    Cerrojo,
    /// Una espera que bloquea al hilo (un cerrojo ocupado, un aviso, un `join`).
    Espera,
    /// Avisar o despertar.
    Aviso,
    /// Lanzar, terminar o unir hilos.
    Hilo,
}

/// Cómo terminó la ejecución dibujada.
#[derive(Debug, Clone)]
pub(crate) enum Final {
    /// Un hilo rompió una propiedad (o entró en pánico): en su carril, con el mensaje.
    Fallo { carril: Option<usize> },
    /// Todos esperan: lo que espera cada carril bloqueado y, si lo hay, el ciclo.
    Interbloqueo {
        esperas: Vec<(usize, String)>,
        ciclo: Option<String>,
    },
}

/// Todo lo que dibuja la página.
#[derive(Debug, Clone)]
pub(crate) struct Cronograma {
    pub prueba: String,
    pub ejercicio: String,
    /// Los nombres de los hilos, en el orden en que nacieron («principal», «hilo 1»…).
    pub carriles: Vec<String>,
    pub pasos: Vec<Paso>,
    /// El mensaje en español del fallo (el mismo del informe).
    pub mensaje: String,
    pub final_: Final,
    pub repetir: String,
}

/// Lo que el informe sabe del fallo y la página necesita.
pub(crate) struct Contexto<'a> {
    pub prueba: &'a str,
    pub plan: &'a str,
    pub mensaje: &'a str,
    pub repetir: &'a str,
    /// El hilo que entró en pánico, si fue un hilo.
    pub hilo: Option<&'a str>,
}

/// Repite `plan` con `repetir` y la crónica encendida, y guarda la página junto al plan.
/// Devuelve su ruta, o `None` si la repetición no falla igual (el escenario no es
/// determinista) o no se pudo escribir.
pub(crate) fn dibujar(contexto: &Contexto<'_>, repetir: &dyn Fn(&str)) -> Option<PathBuf> {
    let cronograma = grabar(contexto, repetir)?;
    crate::planes::guardar_pagina(contexto.prueba, &dibujo::pagina(&cronograma))
}

/// La repetición grabada, como cronograma.
fn grabar(contexto: &Contexto<'_>, repetir: &dyn Fn(&str)) -> Option<Cronograma> {
    sincro::olvidar_parada();
    crate::panico::tomar_fallo_explorado();
    sincro::cronica::grabar(true);
    let resultado =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| repetir(contexto.plan)));
    let sucesos = sincro::cronica::tomar();
    sincro::cronica::grabar(false);
    let parada = sincro::ejecucion_parada();
    sincro::olvidar_parada();
    let interbloqueo = sincro::tomar_interbloqueo();
    let ciclo = sincro::tomar_ciclo();
    let fallo = crate::panico::tomar_fallo_explorado();
    if resultado.is_ok() && !parada {
        return None;
    }
    // Las tareas bloqueadas: las que vio sincro o, si lo vio shuttle, las de su mensaje.
    let bloqueadas: Option<Vec<usize>> = interbloqueo.or_else(|| {
        let texto = resultado
            .as_ref()
            .err()
            .map(|c| crate::texto_de_panico(&**c))?;
        let lista = texto.strip_prefix("deadlock! blocked tasks: [")?;
        Some(
            crate::interbloqueo::tareas_bloqueadas(lista)
                .into_iter()
                .flatten()
                .collect(),
        )
    });
    let hilo = fallo.as_ref().map(|f| f.hilo.as_str()).or(contexto.hilo);
    let mut cronograma = construir(contexto, &sucesos, hilo);
    if let Some(tareas) = bloqueadas.filter(|_| fallo.is_none()) {
        let esperas = tareas
            .into_iter()
            .filter_map(|t| {
                let carril = carril_de(&mut cronograma.carriles, &sincro::nombre_de_tarea(t));
                Some((carril, sincro::espera_de_tarea(t)?))
            })
            .collect();
        cronograma.final_ = Final::Interbloqueo { esperas, ciclo };
    }
    Some(cronograma)
}

/// El cronograma de `sucesos` (sin interbloqueo: eso lo añade [`grabar`]). `hilo`: el que
/// entró en pánico, si lo hubo.
pub(crate) fn construir(
    contexto: &Contexto<'_>,
    sucesos: &[Suceso],
    hilo: Option<&str>,
) -> Cronograma {
    // Un carril por tarea, en el orden de las tareas de shuttle: el principal y después cada
    // hilo en el orden en que se lanzó.
    let mut tareas: Vec<usize> = sucesos.iter().map(|s| s.tarea).collect();
    tareas.sort_unstable();
    tareas.dedup();
    let mut carriles: Vec<String> = tareas.iter().map(|t| sincro::nombre_de_tarea(*t)).collect();
    let pasos = sucesos
        .iter()
        .enumerate()
        .map(|(i, s)| Paso {
            numero: i + 1,
            carril: tareas.binary_search(&s.tarea).unwrap_or(0),
            texto: s.operacion.to_string(),
            clase: clase(&s.operacion),
        })
        .collect();
    let carril = hilo.map(|h| carril_de(&mut carriles, h));
    Cronograma {
        prueba: contexto.prueba.to_string(),
        ejercicio: crate::registro::paquete(),
        carriles,
        pasos,
        mensaje: contexto.mensaje.to_string(),
        final_: Final::Fallo { carril },
        repetir: contexto.repetir.to_string(),
    }
}

/// El carril del hilo `nombre` (uno nuevo al final si no tiene).
fn carril_de(carriles: &mut Vec<String>, nombre: &str) -> usize {
    carriles
        .iter()
        .position(|c| c == nombre)
        .unwrap_or_else(|| {
            carriles.push(nombre.to_string());
            carriles.len() - 1
        })
}

fn clase(operacion: &Operacion) -> ClasePaso {
    match operacion {
        Operacion::Anotacion(_) => ClasePaso::Anotacion,
        o if o.espera() => ClasePaso::Espera,
        Operacion::Toma(_) | Operacion::Suelta(_) | Operacion::Intenta { .. } => ClasePaso::Cerrojo,
        Operacion::Avisa { .. } | Operacion::Despierta { .. } => ClasePaso::Aviso,
        _ => ClasePaso::Hilo,
    }
}
