//! Datos y referencias: matrices reproducibles, la multiplicación de referencia y las comprobaciones.

use super::*;

/// Un generador congruencial lineal: datos pseudoaleatorios reproducibles.
pub(crate) struct Azar(pub(crate) u64);

impl Azar {
    pub(crate) fn siguiente(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// Un entero pequeño entre -9 y 9: los productos de enteros son exactos.
    pub(crate) fn entero(&mut self) -> i64 {
        (self.siguiente() % 19) as i64 - 9
    }

    /// Un real entre -1 y 1, con todos sus bits de mantisa: el orden de las sumas cambia
    /// el redondeo.
    pub(crate) fn real(&mut self) -> f64 {
        (self.siguiente() as f64 / (1u64 << 31) as f64) * 2.0 - 1.0
    }
}

pub(crate) fn enteros(filas: usize, columnas: usize, semilla: u64) -> Array2<i64> {
    let mut azar = Azar(semilla);
    Array2::from_shape_simple_fn((filas, columnas), || azar.entero())
}

pub(crate) fn reales(filas: usize, columnas: usize, semilla: u64) -> Array2<f64> {
    let mut azar = Azar(semilla);
    Array2::from_shape_simple_fn((filas, columnas), || azar.real())
}

/// El producto por definición, con índices: la referencia exacta para enteros.
pub(crate) fn referencia(a: ArrayView2<'_, i64>, b: ArrayView2<'_, i64>) -> Array2<i64> {
    Array2::from_shape_fn((a.nrows(), b.ncols()), |(i, j)| {
        (0..a.ncols()).map(|k| a[[i, k]] * b[[k, j]]).sum()
    })
}

/// Solo la parte triangular inferior de `l` (lo de encima de la diagonal, a cero).
pub(crate) fn triangular_inferior(l: ArrayView2<'_, i64>) -> Array2<i64> {
    Array2::from_shape_fn(l.dim(), |(i, k)| if k <= i { l[[i, k]] } else { 0 })
}

/// Una matriz como filas de números, para los mensajes y las instantáneas (el `Debug` de
/// ndarray imprime además su disposición en memoria).
pub(crate) fn filas<T: Copy>(m: &Array2<T>) -> Vec<Vec<T>> {
    m.rows().into_iter().map(|f| f.to_vec()).collect()
}

/// Compara un resultado exacto y explica el error más típico de cada síntoma.
#[track_caller]
pub(crate) fn comprobar_exacto(
    obtenido: Result<Array2<i64>, ErrorMatrices>,
    esperado: &Array2<i64>,
    contexto: &str,
) {
    let obtenido = match obtenido {
        Ok(c) => c,
        Err(e) => panic!("{contexto}: debía dar un resultado y dio el error «{e}»"),
    };
    comprobar(obtenido.dim() == esperado.dim(), || {
        format!(
            "{contexto}: el resultado debe ser de {} × {} y es de {} × {}. Un producto \
             m × k por k × n da m × n.",
            esperado.nrows(),
            esperado.ncols(),
            obtenido.nrows(),
            obtenido.ncols()
        )
    });
    for ((i, j), &valor) in obtenido.indexed_iter() {
        let bien = esperado[[i, j]];
        comprobar(valor == bien, || {
            let fila_entera_a_cero =
                obtenido.row(i).iter().all(|&x| x == 0) && esperado.row(i).iter().any(|&x| x != 0);
            // ¿Están a cero también todas las filas siguientes? Entonces se perdió el final.
            let se_pierde_el_final = fila_entera_a_cero
                && (i..obtenido.nrows()).all(|f| obtenido.row(f).iter().all(|&x| x == 0));
            let pista = if se_pierde_el_final && i == 0 {
                "ninguna fila se calculó: todo el resultado está a cero. ¿Los trozos de filas \
                 no cubren ninguna fila, o (en la triangular) `..i` en lugar de `..=i`, que en \
                 la fila 0 no deja ningún elemento?"
            } else if se_pierde_el_final {
                "toda la fila está a cero, y las siguientes también: nadie las calculó. \
                 Suele ser que los trozos de filas no cubren todas las filas (las últimas se \
                 pierden si las filas no son múltiplo de las tareas)."
            } else if fila_entera_a_cero && i == 0 {
                "la fila 0 está a cero, pero las siguientes no: no es que se pierda el final. \
                 ¿Un recorrido que empieza en 1, o (en la triangular) `..i` en lugar de \
                 `..=i`, que en la fila 0 no deja ningún elemento?"
            } else if fila_entera_a_cero {
                "toda la fila está a cero, pero alguna de las siguientes no: nadie la \
                 calculó. ¿Un trozo que se salta filas (el desplazamiento de cada trozo mal \
                 calculado)?"
            } else if esperado.rows().into_iter().any(|f| f == obtenido.row(i)) {
                "la fila es la de otra posición: la tarea calculó filas que no eran las \
                 suyas (el desplazamiento de cada trozo está mal calculado)."
            } else {
                "suele ser un índice cambiado (¿B[j, k] en lugar de B[k, j]? eso es A·Bᵀ), \
                 un `=` donde va `+=`, o un bucle que no recorre todas las k."
            };
            format!(
                "{contexto}: el elemento [{i}, {j}] debe valer {bien} y vale {valor}; {pista}\n  \
                 esperado: {:?}\n  obtenido: {:?}",
                filas(esperado),
                filas(&obtenido)
            )
        });
    }
}

/// Compara con el `dot` de ndarray, admitiendo el error de redondeo de sumar en otro
/// orden: como mucho unas k unidades de redondeo de la suma de los |productos|.
#[track_caller]
pub(crate) fn comprobar_aproximado(
    obtenido: Result<Array2<f64>, ErrorMatrices>,
    a: ArrayView2<'_, f64>,
    b: ArrayView2<'_, f64>,
    contexto: &str,
) {
    let obtenido = match obtenido {
        Ok(c) => c,
        Err(e) => panic!("{contexto}: debía dar un resultado y dio el error «{e}»"),
    };
    let esperado = a.dot(&b);
    let escala = a.mapv(f64::abs).dot(&b.mapv(f64::abs));
    comprobar(obtenido.dim() == esperado.dim(), || {
        format!(
            "{contexto}: el resultado debe ser de {:?} y es de {:?}",
            esperado.dim(),
            obtenido.dim()
        )
    });
    let k = a.ncols() as f64;
    for ((i, j), &valor) in obtenido.indexed_iter() {
        let bien = esperado[[i, j]];
        let margen = 4.0 * (k + 1.0) * f64::EPSILON * escala[[i, j]] + f64::MIN_POSITIVE;
        comprobar((valor - bien).abs() <= margen, || {
            format!(
                "{contexto}: el elemento [{i}, {j}] debe valer {bien:e} (± {margen:.1e}, el \
                 redondeo de sumar en otro orden) y vale {valor:e}. La diferencia, \
                 {:.1e}, es demasiado grande para ser redondeo: falta o sobra algún \
                 producto, o se calculó con menos precisión.",
                (valor - bien).abs()
            )
        });
    }
}

/// Describe un resultado que pudo ser un pánico.
pub(crate) fn describir<T: std::fmt::Debug>(resultado: &std::thread::Result<T>) -> String {
    match resultado {
        Ok(valor) => format!("{valor:?}"),
        Err(carga) => format!("un pánico («{}»)", arnes::texto_de_panico(&**carga)),
    }
}

/// «1 tarea», «3 tareas»: los mensajes concuerdan en número con la cantidad.
pub(crate) fn contar(cantidad: usize, nombre: &str) -> String {
    if cantidad == 1 {
        format!("1 {nombre}")
    } else {
        format!("{cantidad} {nombre}s")
    }
}

/// Un conjunto de hilos de rayon propio, de `hilos` hilos.
pub(crate) fn conjunto(hilos: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(hilos)
        .build()
        .expect("no se pudo crear el conjunto de hilos de rayon")
}
