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
use std::time::{Duration, Instant};

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
/// `presupuesto`: el tiempo que pueden durar las pruebas, juntas (la compilación tiene su
/// propio límite en el banco); las que no caben fallan con
/// [`ejecucion::PRESUPUESTO_AGOTADO`].
pub fn ensayar(
    ejercicio: &Ejercicio,
    lib: PathBuf,
    etiqueta: &str,
    turno: &Turno,
    kit: &Path,
    presupuesto: Option<Duration>,
) -> Resultado<Ensayo> {
    let imp = Implementacion {
        etiqueta: etiqueta.into(),
        lib,
    };
    let compilada = banco::compilar_con_kit(ejercicio, &[imp], turno, kit)?
        .pop()
        .ok_or("el banco no devolvió nada")?;
    ejecutar(ejercicio, compilada, etiqueta, presupuesto)
}

/// Ejecuta las pruebas de una suite ya compilada (o dice que no compiló).
pub fn ejecutar(
    ejercicio: &Ejercicio,
    compilada: Compilada,
    etiqueta: &str,
    presupuesto: Option<Duration>,
) -> Resultado<Ensayo> {
    match compilada {
        Compilada::Error(errores) => Ok(Ensayo::NoCompila(errores)),
        Compilada::Lista(exe) => ejecucion::ejecutar_hasta(
            &exe,
            &ejercicio.nombre,
            &ejercicio.salidas(etiqueta),
            A_LA_VEZ,
            presupuesto.map(|p| Instant::now() + p),
        )
        .map(Ensayo::Ejecutado),
    }
}

/// Ordena las pruebas para el informe de quien aprende: primero las que fallan, de la más
/// precisa a la menos (una propiedad rota o un interbloqueo encontrado al explorar dicen
/// exactamente qué pasó; un límite de tiempo agotado suele ser la consecuencia de otro
/// fallo), y al final las que pasan. Dentro de cada clase, en el orden de `orden` (el de la
/// tabla del enunciado, que va de lo concreto a lo general: un hilo, orden forzado,
/// exploración, estrés); las que no están en él, después, en el orden de la suite.
pub fn lo_mas_preciso_primero(pruebas: &mut [Prueba], orden: &[String]) {
    let fila = |p: &Prueba| {
        orden
            .iter()
            .position(|n| *n == p.nombre)
            .unwrap_or(orden.len())
    };
    pruebas.sort_by_key(|p| (clase(p), fila(p)));
}

/// Los nombres de las pruebas en el orden en que las presenta la tabla del enunciado del
/// ejercicio (filas que empiezan por «| `nombre` |»); vacío si no hay enunciado.
pub fn orden_del_enunciado(ejercicio: &Ejercicio) -> Vec<String> {
    let enunciado = ejercicio.carpeta_del_libro().join("enunciado.md");
    std::fs::read_to_string(enunciado)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.strip_prefix("| `")?.split_once('`'))
        .map(|(nombre, _)| nombre.to_string())
        .collect()
}

/// De la clase de fallo más precisa (0) a la que menos dice (6); las que pasan, al final.
fn clase(p: &Prueba) -> u8 {
    use crate::ejecucion::Estado;
    use contrato::Clase;
    match (p.estado, p.clase) {
        (Estado::Pasa, _) => 9,
        (Estado::AgotoTiempo, _) | (_, Some(Clase::Tiempo)) => 6,
        (_, Some(Clase::Propiedad)) => 0,
        (_, Some(Clase::Interbloqueo)) => 1,
        (_, Some(Clase::SinMemoria)) => 2,
        (_, Some(Clase::SalidaPrematura)) => 3,
        (_, None) => 4,
        (_, Some(Clase::SinImplementar)) => 5,
    }
}

#[cfg(test)]
mod pruebas {
    use super::*;
    use crate::ejecucion::Estado;
    use contrato::Clase;

    fn prueba(nombre: &str, estado: Estado, clase: Option<Clase>) -> Prueba {
        Prueba {
            nombre: nombre.into(),
            estado,
            mensaje: String::new(),
            clase,
            salida: String::new(),
            duracion: std::time::Duration::ZERO,
        }
    }

    #[test]
    fn la_propiedad_rota_va_antes_que_el_tiempo_agotado() {
        let mut pruebas = vec![
            prueba("a_estres", Estado::Falla, Some(Clase::Tiempo)),
            prueba("b_pasa", Estado::Pasa, None),
            prueba("c_cuelga", Estado::AgotoTiempo, None),
            prueba("d_explorada", Estado::Falla, Some(Clase::Interbloqueo)),
            prueba("e_unidad", Estado::Falla, Some(Clase::Propiedad)),
            prueba("f_estres", Estado::Falla, Some(Clase::Propiedad)),
            prueba("g_un_hilo", Estado::Falla, Some(Clase::Propiedad)),
        ];
        let tabla = ["g_un_hilo".to_string(), "f_estres".to_string()];
        lo_mas_preciso_primero(&mut pruebas, &tabla);
        let orden: Vec<&str> = pruebas.iter().map(|p| p.nombre.as_str()).collect();
        assert_eq!(
            orden,
            [
                "g_un_hilo",
                "f_estres",
                "e_unidad",
                "d_explorada",
                "a_estres",
                "c_cuelga",
                "b_pasa"
            ]
        );
    }
}
