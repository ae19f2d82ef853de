//! Pruebas de `multiplicar_filas_paralelo`.

use super::*;

pub(crate) fn paralelo_coincide_con_la_referencia() {
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

pub(crate) fn paralelo_cada_fila_la_calcula_una_sola_tarea() {
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

pub(crate) fn paralelo_trabajan_varios_hilos_a_la_vez() {
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

pub(crate) fn paralelo_con_cero_tareas_es_un_error() {
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

pub(crate) fn paralelo_con_formas_incompatibles_da_un_error() {
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

pub(crate) fn paralelo_con_matrices_vacias() {
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

pub(crate) fn paralelo_coincide_con_dot_salvo_redondeo() {
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
