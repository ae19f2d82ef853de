//! Solución de referencia del ejercicio `paso_de_mensajes`: MPI de verdad, con rsmpi.
//!
//! Cada función la ejecutan **todos** los rangos a la vez (el mismo programa en cada proceso,
//! SPMD). Solo la raíz tiene los datos de entrada; el resto recibe su parte por mensajes.
//! Nada de esto comparte memoria: cada proceso tiene la suya, como en `distribuida`.

use mpi::collective::SystemOperation;
use mpi::datatype::{Partition, PartitionMut};
use mpi::point_to_point as p2p;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use mpi::{Count, Rank, Tag};

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
    let (base, resto) = (n / partes, n % partes);
    (0..partes).map(|i| base + usize::from(i < resto)).collect()
}

/// Cuentas y desplazamientos de `reparto(n, partes)` multiplicados por `ancho` (elementos
/// por fila), en el tipo que pide MPI.
fn particion(n: usize, partes: usize, ancho: usize) -> (Vec<Count>, Vec<Count>) {
    let cuentas: Vec<Count> = reparto(n, partes)
        .iter()
        .map(|&c| (c * ancho) as Count)
        .collect();
    let desplazamientos = cuentas
        .iter()
        .scan(0, |acumulado, &c| {
            let inicio = *acumulado;
            *acumulado += c;
            Some(inicio)
        })
        .collect();
    (cuentas, desplazamientos)
}

/// Suma repartida: la raíz reparte `datos` con `scatter` (a trozos casi iguales, también si
/// la longitud no es múltiplo del número de rangos), cada rango suma su trozo y `reduce`
/// junta las sumas en la raíz. Devuelve `Some(total)` en la raíz y `None` en los demás.
pub fn suma(mundo: &SimpleCommunicator, raiz: Rank, datos: &[u64]) -> Option<u64> {
    let raiz_p = mundo.process_at_rank(raiz);
    let soy_raiz = mundo.rank() == raiz;
    // Solo la raíz sabe cuántos datos hay: primero lo dice a todos.
    let mut n = if soy_raiz { datos.len() as u64 } else { 0 };
    raiz_p.broadcast_into(&mut n);
    let partes = mundo.size() as usize;
    let mias = reparto(n as usize, partes)[mundo.rank() as usize];
    let mut trozo = vec![0u64; mias];
    if soy_raiz {
        let (cuentas, desplazamientos) = particion(n as usize, partes, 1);
        let particion = Partition::new(datos, cuentas, desplazamientos);
        raiz_p.scatter_varcount_into_root(&particion, &mut trozo[..]);
    } else {
        raiz_p.scatter_varcount_into(&mut trozo[..]);
    }
    let parcial: u64 = trozo.iter().sum();
    if soy_raiz {
        let mut total = 0u64;
        raiz_p.reduce_into_root(&parcial, &mut total, SystemOperation::sum());
        Some(total)
    } else {
        raiz_p.reduce_into(&parcial, SystemOperation::sum());
        None
    }
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
    let raiz_p = mundo.process_at_rank(raiz);
    let soy_raiz = mundo.rank() == raiz;
    // Las dimensiones primero: sin ellas nadie sabe cuánto recibir.
    let mut dims = [a.filas as u64, a.columnas as u64, b.columnas as u64];
    raiz_p.broadcast_into(&mut dims[..]);
    let [n, m, p] = dims.map(|d| d as usize);
    let mut bb = if soy_raiz {
        b.datos.clone()
    } else {
        vec![0; m * p]
    };
    raiz_p.broadcast_into(&mut bb[..]);

    let partes = mundo.size() as usize;
    let mis_filas = reparto(n, partes)[mundo.rank() as usize];
    let mut bloque = vec![0i64; mis_filas * m];
    if soy_raiz {
        let (cuentas, desplazamientos) = particion(n, partes, m);
        let particion = Partition::new(&a.datos[..], cuentas, desplazamientos);
        raiz_p.scatter_varcount_into_root(&particion, &mut bloque[..]);
    } else {
        raiz_p.scatter_varcount_into(&mut bloque[..]);
    }

    let mut mio = vec![0i64; mis_filas * p];
    for i in 0..mis_filas {
        for k in 0..m {
            let aik = bloque[i * m + k];
            for j in 0..p {
                mio[i * p + j] += aik * bb[k * p + j];
            }
        }
    }

    if soy_raiz {
        let mut c = vec![0i64; n * p];
        let (cuentas, desplazamientos) = particion(n, partes, p);
        let mut particion = PartitionMut::new(&mut c[..], cuentas, desplazamientos);
        raiz_p.gather_varcount_into_root(&mio[..], &mut particion);
        Some(Matriz {
            filas: n,
            columnas: p,
            datos: c,
        })
    } else {
        raiz_p.gather_varcount_into(&mio[..]);
        None
    }
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
    if mundo.rank() != 0 {
        trabajar(mundo, trabajo);
        return None;
    }
    let trabajadores = mundo.size() - 1;
    if trabajadores == 0 {
        // Sin nadie a quien repartir, el coordinador lo hace todo.
        return Some(tareas.iter().map(|&t| trabajo(t)).collect());
    }
    let mut resultados = vec![0u64; tareas.len()];
    let mut siguiente = 0;
    let mut en_vuelo = 0;
    // Una tarea a cada trabajador para empezar (si hay tantas).
    for rango in 1..=trabajadores {
        if siguiente < tareas.len() {
            let tarea = [siguiente as u64, tareas[siguiente]];
            mundo
                .process_at_rank(rango)
                .send_with_tag(&tarea[..], ETIQUETA_TAREA);
            siguiente += 1;
            en_vuelo += 1;
        }
    }
    while en_vuelo > 0 {
        let (respuesta, estado) = mundo
            .any_process()
            .receive_vec_with_tag::<u64>(ETIQUETA_RESULTADO);
        en_vuelo -= 1;
        resultados[respuesta[0] as usize] = respuesta[1];
        // Quien acaba de responder está libre: la siguiente tarea es suya.
        if siguiente < tareas.len() {
            let tarea = [siguiente as u64, tareas[siguiente]];
            mundo
                .process_at_rank(estado.source_rank())
                .send_with_tag(&tarea[..], ETIQUETA_TAREA);
            siguiente += 1;
            en_vuelo += 1;
        }
    }
    for rango in 1..=trabajadores {
        mundo
            .process_at_rank(rango)
            .send_with_tag(&0u64, ETIQUETA_PARADA);
    }
    Some(resultados)
}

/// El bucle de un trabajador: hasta la parada, cada tarea recibida se responde.
fn trabajar(mundo: &SimpleCommunicator, trabajo: &dyn Fn(u64) -> u64) {
    let coordinador = mundo.process_at_rank(0);
    loop {
        // La etiqueta dice qué es: se mira antes de decidir cómo recibirlo.
        let (mensaje, estado) = coordinador.matched_probe();
        if estado.tag() == ETIQUETA_PARADA {
            let (_, _) = mensaje.matched_receive::<u64>();
            return;
        }
        let mut tarea = [0u64; 2];
        mensaje.matched_receive_into(&mut tarea[..]);
        let respuesta = [tarea[0], trabajo(tarea[1])];
        coordinador.send_with_tag(&respuesta[..], ETIQUETA_RESULTADO);
    }
}

/// Un all-reduce (suma elemento a elemento) hecho a mano en anillo: en cada uno de los
/// `tamaño - 1` pasos, cada rango manda a su vecino de la derecha lo que recibió en el paso
/// anterior (al principio, lo suyo) y recibe de su vecino de la izquierda, y lo acumula.
/// Al final todos tienen la suma de todos. Enviar y recibir a la vez (`send_receive`) es lo
/// que evita el interbloqueo: si todos enviaran primero un mensaje grande con un envío
/// bloqueante, todos esperarían a un receptor que nunca llega.
pub fn suma_en_anillo(mundo: &SimpleCommunicator, local: &[u64]) -> Vec<u64> {
    let (rango, tamano) = (mundo.rank(), mundo.size());
    let derecha = mundo.process_at_rank((rango + 1) % tamano);
    let izquierda = mundo.process_at_rank((rango + tamano - 1) % tamano);
    let mut total = local.to_vec();
    let mut viajero = local.to_vec();
    let mut recibido = vec![0u64; local.len()];
    for _ in 1..tamano {
        p2p::send_receive_into(&viajero[..], &derecha, &mut recibido[..], &izquierda);
        for (t, r) in total.iter_mut().zip(&recibido) {
            *t += r;
        }
        std::mem::swap(&mut viajero, &mut recibido);
    }
    total
}
