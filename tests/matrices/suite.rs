//! Suite oficial del ejercicio `matrices`.
//!
//! La misma suite se ejecuta contra tu código (`cargo test -p matrices`), contra la solución
//! de referencia y contra implementaciones erróneas conocidas (`tests/matrices/malas/`).
//! Cada prueba dice en español qué propiedad se rompió.
//!
//! - Los resultados exactos se comprueban con matrices de enteros (`i64`), donde el orden
//!   de las sumas no cambia nada.
//! - Con `f64` se compara con el `dot` de ndarray **con tolerancia**: otro orden de las
//!   sumas redondea distinto, y eso no es un error.
//! - Un tipo espía ([`Espia`]) anota qué hilo hace cada producto y cuántos productos se
//!   hacen por fila, sin medir ningún tiempo.

use arnes::{Cita, comprobar, comprobar_igual, con_limite};
use matrices::{
    ErrorMatrices, Escalar, multiplicar_filas_paralelo, multiplicar_secuencial,
    multiplicar_triangular_paralelo,
};
use ndarray::{Array2, ArrayView2, s};
use std::collections::HashSet;
use std::ops::{Add, Mul};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::{self, ThreadId};

// ---------------------------------------------------------------------------------------
// Datos y referencias
// ---------------------------------------------------------------------------------------

/// Un generador congruencial lineal: datos pseudoaleatorios reproducibles.
struct Azar(u64);

impl Azar {
    fn siguiente(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// Un entero pequeño entre -9 y 9: los productos de enteros son exactos.
    fn entero(&mut self) -> i64 {
        (self.siguiente() % 19) as i64 - 9
    }

    /// Un real entre -1 y 1, con todos sus bits de mantisa: el orden de las sumas cambia
    /// el redondeo.
    fn real(&mut self) -> f64 {
        (self.siguiente() as f64 / (1u64 << 31) as f64) * 2.0 - 1.0
    }
}

fn enteros(filas: usize, columnas: usize, semilla: u64) -> Array2<i64> {
    let mut azar = Azar(semilla);
    Array2::from_shape_simple_fn((filas, columnas), || azar.entero())
}

fn reales(filas: usize, columnas: usize, semilla: u64) -> Array2<f64> {
    let mut azar = Azar(semilla);
    Array2::from_shape_simple_fn((filas, columnas), || azar.real())
}

/// El producto por definición, con índices: la referencia exacta para enteros.
fn referencia(a: ArrayView2<'_, i64>, b: ArrayView2<'_, i64>) -> Array2<i64> {
    Array2::from_shape_fn((a.nrows(), b.ncols()), |(i, j)| {
        (0..a.ncols()).map(|k| a[[i, k]] * b[[k, j]]).sum()
    })
}

/// Solo la parte triangular inferior de `l` (lo de encima de la diagonal, a cero).
fn triangular_inferior(l: ArrayView2<'_, i64>) -> Array2<i64> {
    Array2::from_shape_fn(l.dim(), |(i, k)| if k <= i { l[[i, k]] } else { 0 })
}

/// Una matriz como filas de números, para los mensajes y las instantáneas (el `Debug` de
/// ndarray imprime además su disposición en memoria).
fn filas<T: Copy>(m: &Array2<T>) -> Vec<Vec<T>> {
    m.rows().into_iter().map(|f| f.to_vec()).collect()
}

/// Compara un resultado exacto y explica el error más típico de cada síntoma.
#[track_caller]
fn comprobar_exacto(
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
fn comprobar_aproximado(
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
fn describir<T: std::fmt::Debug>(resultado: &std::thread::Result<T>) -> String {
    match resultado {
        Ok(valor) => format!("{valor:?}"),
        Err(carga) => format!("un pánico («{}»)", arnes::texto_de_panico(&**carga)),
    }
}

/// «1 tarea», «3 tareas»: los mensajes concuerdan en número con la cantidad.
fn contar(cantidad: usize, nombre: &str) -> String {
    if cantidad == 1 {
        format!("1 {nombre}")
    } else {
        format!("{cantidad} {nombre}s")
    }
}

/// Un conjunto de hilos de rayon propio, de `hilos` hilos.
fn conjunto(hilos: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(hilos)
        .build()
        .expect("no se pudo crear el conjunto de hilos de rayon")
}

// ---------------------------------------------------------------------------------------
// El espía: un número que, al multiplicarse, anota qué hilo hace el producto
// ---------------------------------------------------------------------------------------

/// Lo que se observa de una multiplicación con espías.
struct Registro {
    /// Productos hechos con cada fila de A.
    productos: Vec<AtomicUsize>,
    /// Hilos que hicieron productos de cada fila de A.
    hilos_por_fila: Vec<Mutex<HashSet<ThreadId>>>,
    /// Si hay cita, cada hilo que multiplica espera a que lleguen los demás esperados.
    cita: Option<Cita>,
}

impl Registro {
    /// Un registro para una A de `filas` filas. Se deja vivir hasta el final del proceso
    /// para que los espías puedan guardar una referencia `'static` y ser `Copy`.
    fn nuevo(filas: usize, cita: Option<Cita>) -> &'static Registro {
        Box::leak(Box::new(Registro {
            productos: (0..filas).map(|_| AtomicUsize::new(0)).collect(),
            hilos_por_fila: (0..filas).map(|_| Mutex::default()).collect(),
            cita,
        }))
    }

    fn anotar(&self, fila: usize) {
        self.productos[fila].fetch_add(1, Ordering::Relaxed);
        self.hilos_por_fila[fila]
            .lock()
            .unwrap()
            .insert(thread::current().id());
        if let Some(cita) = &self.cita {
            cita.llegar();
        }
    }

    fn productos(&self, fila: usize) -> usize {
        self.productos[fila].load(Ordering::Relaxed)
    }

    fn hilos_de_la_fila(&self, fila: usize) -> usize {
        self.hilos_por_fila[fila].lock().unwrap().len()
    }

    /// Todos los hilos que hicieron algún producto.
    fn hilos(&self) -> usize {
        let mut todos = HashSet::new();
        for h in &self.hilos_por_fila {
            todos.extend(h.lock().unwrap().iter().copied());
        }
        todos.len()
    }

    fn cita_caducada(&self) -> bool {
        self.cita.as_ref().is_some_and(Cita::caducada)
    }
}

/// Un entero que sabe de qué fila de A viene. Al multiplicarse lo anota en su registro.
#[derive(Clone, Copy)]
struct Espia {
    valor: i64,
    origen: Option<(&'static Registro, usize)>,
}

impl Escalar for Espia {
    const CERO: Self = Espia {
        valor: 0,
        origen: None,
    };
}

impl Add for Espia {
    type Output = Espia;
    fn add(self, otro: Espia) -> Espia {
        Espia {
            valor: self.valor + otro.valor,
            origen: None,
        }
    }
}

impl Mul for Espia {
    type Output = Espia;
    fn mul(self, otro: Espia) -> Espia {
        if let Some((registro, fila)) = self.origen.or(otro.origen) {
            registro.anotar(fila);
        }
        Espia {
            valor: self.valor * otro.valor,
            origen: None,
        }
    }
}

/// A como espías de `registro` (cada elemento sabe su fila) y B como espías sin registro.
fn espias(
    a: &Array2<i64>,
    b: &Array2<i64>,
    registro: &'static Registro,
) -> (Array2<Espia>, Array2<Espia>) {
    let ea = Array2::from_shape_fn(a.dim(), |(i, k)| Espia {
        valor: a[[i, k]],
        origen: Some((registro, i)),
    });
    let eb = b.mapv(|valor| Espia {
        valor,
        origen: None,
    });
    (ea, eb)
}

fn valores(m: &Array2<Espia>) -> Array2<i64> {
    m.mapv(|e| e.valor)
}

/// Comprueba que la fila `i` de A hizo `esperados(i)` productos, todos en un mismo hilo.
#[track_caller]
fn comprobar_productos_por_fila(
    registro: &Registro,
    filas_de_a: usize,
    esperados: impl Fn(usize) -> usize,
    contexto: &str,
) {
    for i in 0..filas_de_a {
        let (hechos, debe) = (registro.productos(i), esperados(i));
        comprobar(hechos == debe, || {
            let sin_calcular_hasta_el_final = (i..filas_de_a).all(|f| registro.productos(f) == 0);
            let causa = if hechos == 0 && sin_calcular_hasta_el_final && i == 0 {
                "no se calculó ninguna fila: ¿los trozos de filas no cubren ninguna fila, o (en \
                 la triangular) `..i` en lugar de `..=i`, que en la fila 0 no deja ningún \
                 elemento?"
            } else if hechos == 0 && sin_calcular_hasta_el_final {
                "esa fila no se calculó nunca, ni ninguna de las siguientes: ¿se pierden las \
                 últimas filas cuando no son múltiplo de las tareas?"
            } else if hechos == 0 && i == 0 {
                "la fila 0 no se calculó nunca, pero las siguientes sí: no es que se pierda el \
                 final. ¿Un recorrido que empieza en 1, o (en la triangular) `..i` en lugar de \
                 `..=i`, que en la fila 0 no deja ningún elemento?"
            } else if hechos == 0 {
                "esa fila no se calculó nunca, pero alguna de las siguientes sí: ¿un trozo que \
                 se salta filas?"
            } else if hechos > debe {
                "sobran productos: ¿se calculó la fila varias veces (trozos de dos tareas \
                 que se solapan, un rango con ..=) o se usan elementos que no hacen falta \
                 (en la triangular, los de encima de la diagonal)?"
            } else {
                "faltan productos: algún bucle no recorre todas las k o todas las columnas."
            };
            format!(
                "{contexto}: con la fila {i} de A deben hacerse {debe} productos y se hicieron \
                 {hechos}; {causa}"
            )
        });
        let hilos = registro.hilos_de_la_fila(i);
        comprobar(hilos <= 1, || {
            format!(
                "{contexto}: la fila {i} la calcularon {hilos} hilos distintos. Cada fila del \
                 resultado es de una sola tarea, que la calcula entera: reparte filas, no \
                 elementos ni productos."
            )
        });
    }
}

// ---------------------------------------------------------------------------------------
// multiplicar_secuencial
// ---------------------------------------------------------------------------------------

#[test]
fn secuencial_multiplica_matrices_pequenas() {
    con_limite("secuencial multiplica matrices pequeñas", || {
        // El ejemplo del capítulo: 2 × 3 por 3 × 2.
        let a = ndarray::arr2(&[[1, 2, 3], [4, 5, 6]]);
        let b = ndarray::arr2(&[[7, 8], [9, 10], [11, 12]]);
        let c = multiplicar_secuencial(a.view(), b.view()).map(|c| filas(&c));
        arnes::instantanea_debug!("secuencial_2x3_por_3x2", c);
        let uno =
            multiplicar_secuencial(ndarray::arr2(&[[3]]).view(), ndarray::arr2(&[[-4]]).view());
        comprobar_exacto(uno, &ndarray::arr2(&[[-12]]), "[[3]] · [[-4]]");
        let identidad = Array2::from_shape_fn((3, 3), |(i, j)| i64::from(i == j));
        let m = enteros(3, 3, 5);
        comprobar_exacto(
            multiplicar_secuencial(identidad.view(), m.view()),
            &m,
            "la identidad por una matriz",
        );
        comprobar_exacto(
            multiplicar_secuencial(m.view(), identidad.view()),
            &m,
            "una matriz por la identidad",
        );
    });
}

#[test]
fn secuencial_multiplica_filas_de_a_por_columnas_de_b() {
    con_limite("secuencial: filas de A por columnas de B", || {
        // Matrices cuadradas y nada simétricas: A·B, A·Bᵀ, Aᵀ·B y B·A dan cosas distintas.
        for (n, semilla) in [(2, 1), (3, 2), (5, 3), (8, 4)] {
            let a = enteros(n, n, semilla);
            let b = enteros(n, n, semilla + 100);
            comprobar_exacto(
                multiplicar_secuencial(a.view(), b.view()),
                &referencia(a.view(), b.view()),
                &format!("multiplicar_secuencial de dos matrices {n} × {n}"),
            );
        }
    });
}

#[test]
fn secuencial_acepta_matrices_no_cuadradas() {
    con_limite("secuencial acepta matrices no cuadradas", || {
        for (m, k, n) in [
            (1, 4, 1),
            (4, 1, 4),
            (3, 5, 2),
            (2, 7, 3),
            (6, 2, 5),
            (1, 1, 9),
        ] {
            let a = enteros(m, k, (m * 100 + k * 10 + n) as u64);
            let b = enteros(k, n, (n * 100 + k) as u64);
            let resultado = std::panic::catch_unwind(|| multiplicar_secuencial(a.view(), b.view()));
            let contexto = format!("multiplicar_secuencial de {m} × {k} por {k} × {n}");
            match resultado {
                Ok(c) => comprobar_exacto(c, &referencia(a.view(), b.view()), &contexto),
                Err(carga) => panic!(
                    "{contexto}: entró en pánico («{}»). Los límites de cada bucle salen de \
                     la dimensión que recorre: i hasta las filas de A, k hasta las columnas \
                     de A, j hasta las columnas de B. Con un mismo n para los tres, solo \
                     funcionan las cuadradas.",
                    arnes::texto_de_panico(&*carga)
                ),
            }
        }
    });
}

#[test]
fn secuencial_con_matrices_vacias() {
    con_limite("secuencial con matrices vacías", || {
        for (m, k, n) in [(0, 3, 2), (2, 0, 3), (2, 3, 0), (0, 0, 0)] {
            let a = enteros(m, k, 1);
            let b = enteros(k, n, 2);
            let resultado = std::panic::catch_unwind(|| multiplicar_secuencial(a.view(), b.view()));
            let contexto = format!("multiplicar_secuencial de {m} × {k} por {k} × {n}");
            match resultado {
                // m × 0 por 0 × n es una matriz m × n de ceros: la suma vacía vale 0.
                Ok(c) => comprobar_exacto(c, &Array2::zeros((m, n)), &contexto),
                Err(carga) => panic!(
                    "{contexto}: entró en pánico («{}»). Una matriz sin filas o sin columnas \
                     es válida.",
                    arnes::texto_de_panico(&*carga)
                ),
            }
        }
    });
}

#[test]
fn secuencial_con_formas_incompatibles_da_un_error() {
    con_limite("secuencial con formas incompatibles", || {
        for ((m, k1), (k2, n)) in [((2, 3), (2, 3)), ((1, 4), (3, 1)), ((3, 0), (2, 2))] {
            let a = enteros(m, k1, 1);
            let b = enteros(k2, n, 2);
            let resultado = std::panic::catch_unwind(|| multiplicar_secuencial(a.view(), b.view()));
            let esperado = ErrorMatrices::FormasIncompatibles {
                izquierda: (m, k1),
                derecha: (k2, n),
            };
            comprobar(matches!(&resultado, Ok(Err(e)) if *e == esperado), || {
                format!(
                    "multiplicar_secuencial de {m} × {k1} por {k2} × {n} debe devolver \
                     Err({esperado:?}), y devolvió {}.\nComprueba las formas antes de \
                     empezar los bucles: un índice fuera de rango no es un mensaje para \
                     quien usa la función.",
                    describir(&resultado.map(|r| r.map(|c| filas(&c))))
                )
            });
        }
        // Los mensajes de los tres errores, en español.
        let mensajes = [
            ErrorMatrices::FormasIncompatibles {
                izquierda: (2, 3),
                derecha: (2, 3),
            },
            ErrorMatrices::NoCuadrada {
                filas: 2,
                columnas: 3,
            },
            ErrorMatrices::CeroTareas,
        ]
        .map(|e| e.to_string());
        arnes::instantanea_debug!("mensajes_de_error", mensajes);
    });
}

#[test]
fn secuencial_coincide_con_dot_salvo_redondeo() {
    con_limite("secuencial coincide con dot", || {
        for (m, k, n) in [(1, 1, 1), (37, 53, 29), (64, 64, 64), (10, 300, 7)] {
            let a = reales(m, k, 7);
            let b = reales(k, n, 8);
            comprobar_aproximado(
                multiplicar_secuencial(a.view(), b.view()),
                a.view(),
                b.view(),
                &format!("multiplicar_secuencial de {m} × {k} por {k} × {n} (f64)"),
            );
        }
    });
}

#[test]
fn secuencial_acepta_vistas_no_contiguas() {
    con_limite("secuencial acepta vistas no contiguas", || {
        let grande = enteros(9, 8, 11);
        let otra = enteros(7, 9, 12);
        // Aᵀ (8 × 9) y un corte con salto de B (9 × 4): ninguna está contigua por filas.
        let a = grande.t();
        let b = otra.t();
        let b = b.slice(s![.., ..;2]);
        let resultado = std::panic::catch_unwind(|| multiplicar_secuencial(a, b));
        match resultado {
            Ok(c) => comprobar_exacto(
                c,
                &referencia(a, b),
                "multiplicar_secuencial de una traspuesta por un corte con salto",
            ),
            Err(carga) => panic!(
                "multiplicar_secuencial de vistas no contiguas entró en pánico («{}»). \
                 `as_slice()` devuelve None si la vista no está contigua: recorre las filas \
                 con `rows()`, `row(i)` o `Zip`, que valen para cualquier vista.",
                arnes::texto_de_panico(&*carga)
            ),
        }
    });
}

#[test]
fn secuencial_hace_cada_producto_una_vez() {
    con_limite("secuencial hace cada producto una vez", || {
        let (m, k, n) = (6, 4, 5);
        let a = enteros(m, k, 21);
        let b = enteros(k, n, 22);
        let registro = Registro::nuevo(m, None);
        let (ea, eb) = espias(&a, &b, registro);
        let c = multiplicar_secuencial(ea.view(), eb.view()).map(|c| valores(&c));
        let contexto = "multiplicar_secuencial de 6 × 4 por 4 × 5";
        comprobar_exacto(c, &referencia(a.view(), b.view()), contexto);
        comprobar_productos_por_fila(registro, m, |_| k * n, contexto);
    });
}

// ---------------------------------------------------------------------------------------
// multiplicar_filas_paralelo
// ---------------------------------------------------------------------------------------

#[test]
fn paralelo_coincide_con_la_referencia() {
    con_limite("paralelo coincide con la referencia", || {
        for filas_a in 0..=13 {
            for tareas in 1..=6 {
                let (k, n) = (1 + filas_a % 4, 1 + (filas_a + tareas) % 5);
                let a = enteros(filas_a, k, (filas_a * 10 + tareas) as u64);
                let b = enteros(k, n, (tareas * 10 + filas_a) as u64 + 500);
                let contexto = format!(
                    "multiplicar_filas_paralelo de {filas_a} × {k} por {k} × {n} con {}",
                    contar(tareas, "tarea")
                );
                let resultado = std::panic::catch_unwind(|| {
                    multiplicar_filas_paralelo(a.view(), b.view(), tareas)
                });
                match resultado {
                    Ok(c) => comprobar_exacto(c, &referencia(a.view(), b.view()), &contexto),
                    Err(carga) => panic!(
                        "{contexto}: entró en pánico («{}»)",
                        arnes::texto_de_panico(&*carga)
                    ),
                }
            }
        }
    });
}

#[test]
fn paralelo_cada_fila_la_calcula_una_sola_tarea() {
    con_limite("paralelo: cada fila, una sola tarea", || {
        conjunto(4).install(|| {
            for (m, tareas) in [(10, 3), (7, 2), (8, 4), (5, 8), (13, 5), (1, 1)] {
                let (k, n) = (3, 4);
                let a = enteros(m, k, m as u64);
                let b = enteros(k, n, tareas as u64);
                let registro = Registro::nuevo(m, None);
                let (ea, eb) = espias(&a, &b, registro);
                let contexto = format!(
                    "multiplicar_filas_paralelo de {m} × {k} por {k} × {n} con {}",
                    contar(tareas, "tarea")
                );
                let c =
                    multiplicar_filas_paralelo(ea.view(), eb.view(), tareas).map(|c| valores(&c));
                comprobar_productos_por_fila(registro, m, |_| k * n, &contexto);
                comprobar_exacto(c, &referencia(a.view(), b.view()), &contexto);
            }
        });
    });
}

#[test]
fn paralelo_trabajan_varios_hilos_a_la_vez() {
    con_limite("paralelo: varios hilos a la vez", || {
        // Con t hilos y t trozos, cada hilo espera en su primer producto a que los demás
        // hilos hagan el suyo: solo se cumple si los t trozos están en marcha a la vez.
        for (m, tareas) in [(8, 2), (12, 3), (9, 3), (16, 4)] {
            let (k, n) = (3, 3);
            let a = enteros(m, k, 3);
            let b = enteros(k, n, 4);
            let registro = Registro::nuevo(m, Some(Cita::new(tareas)));
            let (ea, eb) = espias(&a, &b, registro);
            let c = conjunto(tareas)
                .install(|| multiplicar_filas_paralelo(ea.view(), eb.view(), tareas))
                .map(|c| valores(&c));
            let contexto = format!(
                "multiplicar_filas_paralelo de {m} filas con {} en {}",
                contar(tareas, "tarea"),
                contar(tareas, "hilo")
            );
            comprobar_exacto(c, &referencia(a.view(), b.view()), &contexto);
            let usados = registro.hilos();
            comprobar(usados == tareas && !registro.cita_caducada(), || {
                format!(
                    "{contexto}: deben multiplicar a la vez {tareas} hilos, y multiplicaron \
                     {usados}{}. ¿Se recorren los trozos con un iterador secuencial (`iter`, \
                     `for`) en lugar de `into_par_iter()`, o se llama a la versión \
                     secuencial?",
                    if registro.cita_caducada() {
                        ", no todos a la vez"
                    } else {
                        ""
                    }
                )
            });
        }
    });
}

#[test]
fn paralelo_con_cero_tareas_es_un_error() {
    con_limite("paralelo con cero tareas", || {
        let a = enteros(3, 2, 1);
        let b = enteros(2, 3, 2);
        let resultado =
            std::panic::catch_unwind(|| multiplicar_filas_paralelo(a.view(), b.view(), 0));
        comprobar(
            matches!(resultado, Ok(Err(ErrorMatrices::CeroTareas))),
            || {
                format!(
                    "multiplicar_filas_paralelo(.., 0) debe devolver Err(CeroTareas), y devolvió \
                 {}. Sin esa comprobación, filas.div_ceil(0) divide entre cero.",
                    describir(&resultado.map(|r| r.map(|c| filas(&c))))
                )
            },
        );
        // Cero tareas se comprueba antes que las formas.
        let incompatible = enteros(5, 5, 3);
        comprobar_igual(
            multiplicar_filas_paralelo(a.view(), incompatible.view(), 0).map(|c| filas(&c)),
            Err(ErrorMatrices::CeroTareas),
            "multiplicar_filas_paralelo con formas incompatibles y 0 tareas",
        );
    });
}

#[test]
fn paralelo_con_formas_incompatibles_da_un_error() {
    con_limite("paralelo con formas incompatibles", || {
        for ((m, k1), (k2, n), tareas) in [
            ((2, 3), (2, 3), 2),
            ((4, 1), (3, 4), 1),
            ((0, 2), (3, 1), 3),
        ] {
            let a = enteros(m, k1, 1);
            let b = enteros(k2, n, 2);
            let resultado =
                std::panic::catch_unwind(|| multiplicar_filas_paralelo(a.view(), b.view(), tareas));
            let esperado = ErrorMatrices::FormasIncompatibles {
                izquierda: (m, k1),
                derecha: (k2, n),
            };
            comprobar(matches!(&resultado, Ok(Err(e)) if *e == esperado), || {
                format!(
                    "multiplicar_filas_paralelo de {m} × {k1} por {k2} × {n} debe devolver \
                     Err({esperado:?}), y devolvió {}. Comprueba las formas antes de repartir \
                     el trabajo.",
                    describir(&resultado.map(|r| r.map(|c| filas(&c))))
                )
            });
        }
    });
}

#[test]
fn paralelo_con_matrices_vacias() {
    con_limite("paralelo con matrices vacías", || {
        for (m, k, n) in [(0, 3, 2), (2, 0, 3), (2, 3, 0), (0, 0, 0)] {
            for tareas in [1, 3] {
                let a = enteros(m, k, 1);
                let b = enteros(k, n, 2);
                let resultado = std::panic::catch_unwind(|| {
                    multiplicar_filas_paralelo(a.view(), b.view(), tareas)
                });
                let contexto = format!(
                    "multiplicar_filas_paralelo de {m} × {k} por {k} × {n} con {}",
                    contar(tareas, "tarea")
                );
                match resultado {
                    Ok(c) => comprobar_exacto(c, &Array2::zeros((m, n)), &contexto),
                    Err(carga) => panic!(
                        "{contexto}: entró en pánico («{}»). Sin filas, filas.div_ceil(tareas) \
                         es 0, y trozos de 0 filas no existen: trata ese caso aparte.",
                        arnes::texto_de_panico(&*carga)
                    ),
                }
            }
        }
    });
}

#[test]
fn paralelo_coincide_con_dot_salvo_redondeo() {
    con_limite("paralelo coincide con dot", || {
        // La última, más grande que los bloques en que la solución corta B (512 columnas,
        // 128 filas): también tienen que cuadrar las fronteras entre bloques.
        for (m, k, n, tareas) in [
            (100, 80, 60, 7),
            (33, 128, 17, 4),
            (5, 5, 5, 5),
            (45, 261, 530, 3),
        ] {
            let a = reales(m, k, 9);
            let b = reales(k, n, 10);
            comprobar_aproximado(
                multiplicar_filas_paralelo(a.view(), b.view(), tareas),
                a.view(),
                b.view(),
                &format!(
                    "multiplicar_filas_paralelo de {m} × {k} por {k} × {n} con {} (f64)",
                    contar(tareas, "tarea")
                ),
            );
        }
        // También con vistas no contiguas.
        let a = reales(40, 30, 13);
        let b = reales(20, 30, 14);
        comprobar_aproximado(
            multiplicar_filas_paralelo(a.view(), b.t(), 3),
            a.view(),
            b.t(),
            "multiplicar_filas_paralelo de A por una traspuesta (f64)",
        );
    });
}

// ---------------------------------------------------------------------------------------
// multiplicar_triangular_paralelo
// ---------------------------------------------------------------------------------------

#[test]
fn triangular_coincide_con_la_referencia() {
    con_limite("triangular coincide con la referencia", || {
        for n in 0..=9 {
            for tareas in [1, 2, 3, 4, 10] {
                let p = 1 + (n + tareas) % 4;
                let l = enteros(n, n, (n * 7 + tareas) as u64);
                let b = enteros(n, p, (tareas * 7 + n) as u64);
                let esperado = referencia(triangular_inferior(l.view()).view(), b.view());
                let contexto = format!(
                    "multiplicar_triangular_paralelo de {n} × {n} por {n} × {p} con {}",
                    contar(tareas, "tarea")
                );
                let resultado = std::panic::catch_unwind(|| {
                    multiplicar_triangular_paralelo(l.view(), b.view(), tareas)
                });
                match resultado {
                    Ok(c) => comprobar_exacto(c, &esperado, &contexto),
                    Err(carga) => panic!(
                        "{contexto}: entró en pánico («{}»)",
                        arnes::texto_de_panico(&*carga)
                    ),
                }
            }
        }
    });
}

#[test]
fn triangular_no_lee_encima_de_la_diagonal() {
    con_limite("triangular no lee encima de la diagonal", || {
        let n = 12;
        let l = Array2::from_shape_fn((n, n), |(i, k)| {
            if k <= i {
                (i + 2 * k) as f64 * 0.25 - 1.0
            } else {
                f64::NAN
            }
        });
        let b = reales(n, 5, 15);
        let sin_nan = l.mapv(|x| if x.is_nan() { 0.0 } else { x });
        let c = multiplicar_triangular_paralelo(l.view(), b.view(), 3);
        if let Ok(c) = &c {
            comprobar(c.iter().all(|x| x.is_finite()), || {
                "multiplicar_triangular_paralelo devolvió NaN: leyó elementos de L por encima \
                 de la diagonal (las pruebas los ponen a NaN). La fila i solo usa L[i, 0..=i]."
                    .to_string()
            });
        }
        comprobar_aproximado(
            c,
            sin_nan.view(),
            b.view(),
            "multiplicar_triangular_paralelo de 12 × 12 por 12 × 5 (f64)",
        );
    });
}

#[test]
fn triangular_hace_solo_los_productos_necesarios() {
    con_limite("triangular hace solo los productos necesarios", || {
        conjunto(4).install(|| {
            for (n, tareas) in [(9, 2), (10, 3), (6, 6), (7, 20)] {
                let p = 3;
                let l = enteros(n, n, 31);
                let b = enteros(n, p, 32);
                let registro = Registro::nuevo(n, None);
                let (el, eb) = espias(&l, &b, registro);
                let contexto = format!(
                    "multiplicar_triangular_paralelo de {n} × {n} por {n} × {p} con {}",
                    contar(tareas, "tarea")
                );
                let c = multiplicar_triangular_paralelo(el.view(), eb.view(), tareas)
                    .map(|c| valores(&c));
                comprobar_productos_por_fila(registro, n, |i| (i + 1) * p, &contexto);
                comprobar_exacto(
                    c,
                    &referencia(triangular_inferior(l.view()).view(), b.view()),
                    &contexto,
                );
            }
        });
    });
}

#[test]
fn triangular_trabajan_varios_hilos_a_la_vez() {
    con_limite("triangular: varios hilos a la vez", || {
        for (n, tareas) in [(8, 2), (9, 3)] {
            let p = 2;
            let l = enteros(n, n, 41);
            let b = enteros(n, p, 42);
            let registro = Registro::nuevo(n, Some(Cita::new(tareas)));
            let (el, eb) = espias(&l, &b, registro);
            let c = conjunto(tareas)
                .install(|| multiplicar_triangular_paralelo(el.view(), eb.view(), tareas))
                .map(|c| valores(&c));
            let contexto = format!(
                "multiplicar_triangular_paralelo de {n} × {n} con {} en {}",
                contar(tareas, "tarea"),
                contar(tareas, "hilo")
            );
            comprobar_exacto(
                c,
                &referencia(triangular_inferior(l.view()).view(), b.view()),
                &contexto,
            );
            let usados = registro.hilos();
            comprobar(usados == tareas && !registro.cita_caducada(), || {
                format!(
                    "{contexto}: deben multiplicar a la vez {tareas} hilos, y multiplicaron \
                     {usados}: el trabajo no se repartió entre tareas de rayon."
                )
            });
        }
    });
}

/// Los trozos de filas del enunciado: contiguos, de `filas.div_ceil(tareas)` filas (el
/// último puede tener menos), uno por tarea.
fn trozos_de_div_ceil(filas: usize, tareas: usize) -> Vec<std::ops::Range<usize>> {
    let tam = filas.div_ceil(tareas).max(1);
    (0..filas)
        .step_by(tam)
        .map(|i| i..(i + tam).min(filas))
        .collect()
}

/// Trozos de `tam` filas: los de otro reparto, para nombrarlo si es el que se observa.
fn trozos_de(filas: usize, tam: usize) -> Vec<std::ops::Range<usize>> {
    (0..filas)
        .step_by(tam.max(1))
        .map(|i| i..(i + tam).min(filas))
        .collect()
}

/// Trozos de tamaños que difieren en una fila como mucho (los primeros, más largos).
fn trozos_equilibrados(filas: usize, tareas: usize) -> Vec<std::ops::Range<usize>> {
    let (base, resto) = (filas / tareas, filas % tareas);
    let inicio = |t: usize| t * base + t.min(resto);
    (0..tareas.min(filas))
        .map(|t| inicio(t)..inicio(t + 1))
        .collect()
}

/// Multiplica con `calcular` (A de `m` filas con espías) en un conjunto de rayon con un hilo
/// por trozo esperado y una cita de todos ellos: cada trozo lo calcula un hilo distinto, así
/// que las filas seguidas de un mismo hilo son un trozo. Comprueba que los trozos son los
/// del enunciado.
fn comprobar_trozos(
    nombre: &str,
    m: usize,
    tareas: usize,
    calcular: impl FnOnce(&'static Registro) -> Result<Array2<i64>, ErrorMatrices> + Send,
    esperado: &Array2<i64>,
) {
    let trozos = trozos_de_div_ceil(m, tareas);
    let registro = Registro::nuevo(m, Some(Cita::new(trozos.len())));
    let c = conjunto(trozos.len()).install(|| calcular(registro));
    let contexto = format!("{nombre} con {m} filas y {}", contar(tareas, "tarea"));
    comprobar_exacto(c, esperado, &contexto);
    let hilo_de = |fila: usize| {
        registro.hilos_por_fila[fila]
            .lock()
            .unwrap()
            .iter()
            .next()
            .copied()
    };
    let mut observados: Vec<std::ops::Range<usize>> = Vec::new();
    for fila in 0..m {
        match observados.last_mut() {
            Some(trozo) if hilo_de(trozo.start) == hilo_de(fila) => trozo.end = fila + 1,
            _ => observados.push(fila..fila + 1),
        }
    }
    comprobar(observados == trozos, || {
        let tam = m.div_ceil(tareas);
        let causa = if observados == trozos_equilibrados(m, tareas) {
            "los trozos difieren en una fila como mucho (el reparto de la suma), pero aquí el \
             enunciado fija trozos de div_ceil, con el último más corto"
                .to_string()
        } else if observados == trozos_de(m, m / tareas) {
            format!(
                "son trozos de filas / tareas = {} filas (redondeando hacia abajo): salen más \
                 trozos que tareas",
                m / tareas
            )
        } else {
            "los trozos no son los de div_ceil".to_string()
        };
        format!(
            "{contexto}: las filas deben cortarse en trozos contiguos de filas.div_ceil(tareas) \
             = {tam} filas, uno por tarea: {trozos:?}. Cada trozo lo calcula un hilo distinto, \
             y las filas seguidas de un mismo hilo fueron {observados:?}: {causa}."
        )
    });
}

#[test]
fn paralelo_corta_las_filas_en_trozos_de_div_ceil() {
    con_limite("paralelo corta las filas en trozos de div_ceil", || {
        for (m, tareas) in [(7, 3), (10, 4), (5, 2), (4, 3), (6, 4)] {
            let a = enteros(m, 3, m as u64 + 60);
            let b = enteros(3, 2, tareas as u64 + 70);
            comprobar_trozos(
                "multiplicar_filas_paralelo",
                m,
                tareas,
                |registro| {
                    let (ea, eb) = espias(&a, &b, registro);
                    multiplicar_filas_paralelo(ea.view(), eb.view(), tareas).map(|c| valores(&c))
                },
                &referencia(a.view(), b.view()),
            );
        }
    });
}

#[test]
fn triangular_corta_las_filas_como_la_paralela() {
    con_limite("triangular corta las filas como la paralela", || {
        for (n, tareas) in [(7, 3), (10, 4), (5, 2), (4, 3)] {
            let l = enteros(n, n, n as u64 + 80);
            let b = enteros(n, 2, tareas as u64 + 90);
            comprobar_trozos(
                "multiplicar_triangular_paralelo",
                n,
                tareas,
                |registro| {
                    let (el, eb) = espias(&l, &b, registro);
                    multiplicar_triangular_paralelo(el.view(), eb.view(), tareas)
                        .map(|c| valores(&c))
                },
                &referencia(triangular_inferior(l.view()).view(), b.view()),
            );
        }
    });
}

#[test]
fn triangular_con_entradas_invalidas_da_errores() {
    con_limite("triangular con entradas inválidas", || {
        let no_cuadrada = enteros(2, 3, 1);
        let cuadrada = enteros(3, 3, 2);
        let b = enteros(3, 2, 3);
        let casos = [
            (
                cuadrada.view(),
                b.view(),
                0,
                ErrorMatrices::CeroTareas,
                "0 tareas",
            ),
            (
                no_cuadrada.view(),
                b.view(),
                0,
                ErrorMatrices::CeroTareas,
                "L de 2 × 3 y 0 tareas (las tareas se comprueban primero)",
            ),
            (
                no_cuadrada.view(),
                b.view(),
                2,
                ErrorMatrices::NoCuadrada {
                    filas: 2,
                    columnas: 3,
                },
                "L de 2 × 3",
            ),
            (
                no_cuadrada.view(),
                cuadrada.view().slice_move(s![..2, ..2]),
                2,
                ErrorMatrices::NoCuadrada {
                    filas: 2,
                    columnas: 3,
                },
                "L de 2 × 3 por B de 2 × 2 (que L sea cuadrada se comprueba antes que las formas)",
            ),
            (
                cuadrada.view(),
                no_cuadrada.view(),
                2,
                ErrorMatrices::FormasIncompatibles {
                    izquierda: (3, 3),
                    derecha: (2, 3),
                },
                "L de 3 × 3 por B de 2 × 3",
            ),
        ];
        for (l, b, tareas, esperado, que) in casos {
            let resultado =
                std::panic::catch_unwind(|| multiplicar_triangular_paralelo(l, b, tareas));
            comprobar(matches!(&resultado, Ok(Err(e)) if *e == esperado), || {
                format!(
                    "multiplicar_triangular_paralelo con {que} debe devolver Err({esperado:?}), \
                     y devolvió {}",
                    describir(&resultado.map(|r| r.map(|c| filas(&c))))
                )
            });
        }
    });
}

#[test]
fn triangular_con_matrices_vacias() {
    con_limite("triangular con matrices vacías", || {
        for (n, p) in [(0, 0), (0, 3), (3, 0)] {
            let l = enteros(n, n, 1);
            let b = enteros(n, p, 2);
            let resultado =
                std::panic::catch_unwind(|| multiplicar_triangular_paralelo(l.view(), b.view(), 2));
            let contexto = format!("multiplicar_triangular_paralelo de {n} × {n} por {n} × {p}");
            match resultado {
                Ok(c) => comprobar_exacto(c, &Array2::zeros((n, p)), &contexto),
                Err(carga) => panic!(
                    "{contexto}: entró en pánico («{}»)",
                    arnes::texto_de_panico(&*carga)
                ),
            }
        }
    });
}
