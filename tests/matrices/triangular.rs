//! Pruebas de `multiplicar_triangular_paralelo` y del corte en trozos.

use super::*;

pub(crate) fn triangular_coincide_con_la_referencia() {
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

pub(crate) fn triangular_no_lee_encima_de_la_diagonal() {
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

pub(crate) fn triangular_hace_solo_los_productos_necesarios() {
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

pub(crate) fn triangular_trabajan_varios_hilos_a_la_vez() {
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
pub(crate) fn trozos_de_div_ceil(filas: usize, tareas: usize) -> Vec<std::ops::Range<usize>> {
    let tam = filas.div_ceil(tareas).max(1);
    (0..filas)
        .step_by(tam)
        .map(|i| i..(i + tam).min(filas))
        .collect()
}

/// Trozos de `tam` filas: los de otro reparto, para nombrarlo si es el que se observa.
pub(crate) fn trozos_de(filas: usize, tam: usize) -> Vec<std::ops::Range<usize>> {
    (0..filas)
        .step_by(tam.max(1))
        .map(|i| i..(i + tam).min(filas))
        .collect()
}

/// Trozos de tamaños que difieren en una fila como mucho (los primeros, más largos).
pub(crate) fn trozos_equilibrados(filas: usize, tareas: usize) -> Vec<std::ops::Range<usize>> {
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
pub(crate) fn comprobar_trozos(
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

pub(crate) fn paralelo_corta_las_filas_en_trozos_de_div_ceil() {
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

pub(crate) fn triangular_corta_las_filas_como_la_paralela() {
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

pub(crate) fn triangular_con_entradas_invalidas_da_errores() {
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

pub(crate) fn triangular_con_matrices_vacias() {
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
