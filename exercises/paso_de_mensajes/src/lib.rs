//! Ejercicio `paso_de_mensajes`: MPI de verdad, con rsmpi.
//!
//! Cada función la ejecutan **todos** los rangos a la vez: el mismo programa en cada
//! proceso (SPMD). Solo la raíz tiene los datos de entrada; el resto recibe su parte por
//! mensajes. Ningún proceso comparte memoria con otro.
//!
//! Sustituye cada `todo!()` por tu código y comprueba con `cargo test -p paso_de_mensajes`
//! (necesita MPI instalado: mira el capítulo «Paso de mensajes con MPI»).

// Lo que seguramente usarás ya está importado; hasta que lo uses, sin avisos.
#![allow(unused_imports)]

use mpi::collective::SystemOperation;
use mpi::datatype::{Partition, PartitionMut};
use mpi::point_to_point as p2p;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use mpi::{Rank, Tag};

/// Etiqueta de un mensaje del coordinador con una tarea: `[índice, valor]`.
pub const ETIQUETA_TAREA: Tag = 1;
/// Etiqueta de un mensaje de un trabajador con un resultado: `[índice, resultado]`.
pub const ETIQUETA_RESULTADO: Tag = 2;
/// Etiqueta del mensaje de parada: el trabajador que lo recibe vuelve.
pub const ETIQUETA_PARADA: Tag = 3;

/// Una matriz de enteros guardada por filas (`datos[i * columnas + j]`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matriz {
    pub filas: usize,
    pub columnas: usize,
    pub datos: Vec<i64>,
}

impl Matriz {
    /// La matriz sin filas ni columnas: lo que pasan los rangos que no son la raíz.
    pub fn vacia() -> Self {
        Self::default()
    }
}

/// Cuántos elementos le tocan a cada una de las `partes`, en orden, si se reparten `n`: los
/// `n % partes` primeros reciben uno más. Ninguno se pierde y ninguno se repite.
pub fn reparto(n: usize, partes: usize) -> Vec<usize> {
    let _ = (n, partes);
    todo!("`n / partes` para cada uno, y uno más para los `n % partes` primeros")
}

/// Suma repartida: la raíz reparte `datos` con `scatter` (a trozos casi iguales, también si
/// la longitud no es múltiplo del número de rangos), cada rango suma su trozo y `reduce`
/// junta las sumas en la raíz. Devuelve `Some(total)` en la raíz y `None` en los demás.
/// Solo la raíz lee `datos`; los demás pasan `&[]`.
pub fn suma(mundo: &SimpleCommunicator, raiz: Rank, datos: &[u64]) -> Option<u64> {
    let _ = (mundo, raiz, datos);
    todo!("broadcast de la longitud, scatter_varcount y reduce hacia `raiz`")
}

/// Producto `a × b` por bloques de filas: la raíz difunde `b` entera (`broadcast`), reparte
/// las filas de `a` (`scatter`, con bloques desiguales si no se dividen exactamente), cada
/// rango multiplica sus filas y la raíz junta las de `c` en orden (`gather`). Solo la raíz
/// lee `a` y `b`; los demás pasan [`Matriz::vacia`]. Devuelve `Some(c)` en la raíz.
pub fn multiplicar(
    mundo: &SimpleCommunicator,
    raiz: Rank,
    a: &Matriz,
    b: &Matriz,
) -> Option<Matriz> {
    let _ = (mundo, raiz, a, b);
    todo!("broadcast de las dimensiones y de B, scatter de las filas de A, gather de C")
}

/// Coordinador y trabajadores con una cola dinámica. El rango 0 coordina: da una tarea a
/// cada trabajador y, cada vez que le llega un resultado (de cualquiera, `any_process`), da
/// la siguiente tarea pendiente a quien acaba de terminar; al vaciarse la cola, manda a cada
/// trabajador un mensaje de parada. Los demás rangos trabajan: reciben, aplican `trabajo` y
/// responden, hasta que les llega la parada. Devuelve en el rango 0 los resultados en el
/// orden de `tareas` (solo el rango 0 lee `tareas`); en los demás, `None`.
pub fn coordinar(
    mundo: &SimpleCommunicator,
    tareas: &[u64],
    trabajo: &dyn Fn(u64) -> u64,
) -> Option<Vec<u64>> {
    let _ = (mundo, tareas, trabajo);
    todo!("el rango 0 reparte con una cola dinámica; los demás trabajan hasta la parada")
}

/// Un all-reduce (suma elemento a elemento) hecho a mano en anillo, solo con mensajes punto
/// a punto: en cada uno de los `tamaño - 1` pasos, cada rango manda a su vecino de la
/// derecha lo que recibió en el paso anterior (al principio, lo suyo), recibe de su vecino
/// de la izquierda y lo acumula. Al final todos tienen la suma de todos, como con el
/// `all_reduce_into` de la biblioteca.
pub fn suma_en_anillo(mundo: &SimpleCommunicator, local: &[u64]) -> Vec<u64> {
    let _ = (mundo, local);
    todo!("`tamaño - 1` pasos: envía a la derecha, recibe de la izquierda y acumula")
}
