//! Un ensayo: la suite original de un ejercicio contra una implementación, de principio a
//! fin (compilarla en el banco y ejecutar cada prueba en su proceso).
//!
//! `cargo curso probar`, `progreso` y `calificar` son este mismo ensayo. `verificar` compila
//! muchas implementaciones en una sola invocación de cargo y reparte sus pruebas entre
//! procesos, pero cada prueba la ejecuta la misma pieza ([`ejecucion::ejecutar_prueba`]).

use crate::Resultado;
use crate::banco::{self, Compilada, Implementacion, Turno};
use crate::catalogo::Ejercicio;
use crate::ejecucion::{self, Prueba};
use std::path::{Path, PathBuf};

/// Procesos de prueba a la vez en un ensayo: los dos núcleos de una máquina modesta.
const A_LA_VEZ: usize = 2;

/// Cómo acabó un ensayo.
#[derive(Debug)]
pub enum Ensayo {
    /// La implementación no compila con la suite: los errores del compilador.
    NoCompila(String),
    /// Cada prueba de la suite, con su resultado, en el orden de la suite.
    Ejecutado(Vec<Prueba>),
}

/// Compila `lib` con la suite de `kit` (la carpeta que hace de `tests/<ejercicio>/`) y
/// ejecuta sus pruebas. `etiqueta` nombra la implementación en el banco y en las salidas.
pub fn ensayar(
    ejercicio: &Ejercicio,
    lib: PathBuf,
    etiqueta: &str,
    turno: &Turno,
    kit: &Path,
) -> Resultado<Ensayo> {
    let imp = Implementacion {
        etiqueta: etiqueta.into(),
        lib,
    };
    let compilada = banco::compilar_con_kit(ejercicio, &[imp], turno, kit)?
        .pop()
        .ok_or("el banco no devolvió nada")?;
    ejecutar(ejercicio, compilada, etiqueta)
}

/// Ejecuta las pruebas de una suite ya compilada (o dice que no compiló).
pub fn ejecutar(ejercicio: &Ejercicio, compilada: Compilada, etiqueta: &str) -> Resultado<Ensayo> {
    match compilada {
        Compilada::Error(errores) => Ok(Ensayo::NoCompila(errores)),
        Compilada::Lista(exe) => ejecucion::ejecutar(
            &exe,
            &ejercicio.nombre,
            &ejercicio.salidas(etiqueta),
            A_LA_VEZ,
        )
        .map(Ensayo::Ejecutado),
    }
}
