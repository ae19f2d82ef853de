//! Pruebas de `multiplicar_secuencial`.

use super::*;

pub(crate) fn secuencial_multiplica_matrices_pequenas() {
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

pub(crate) fn secuencial_multiplica_filas_de_a_por_columnas_de_b() {
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

pub(crate) fn secuencial_acepta_matrices_no_cuadradas() {
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

pub(crate) fn secuencial_con_matrices_vacias() {
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

pub(crate) fn secuencial_con_formas_incompatibles_da_un_error() {
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

pub(crate) fn secuencial_coincide_con_dot_salvo_redondeo() {
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

pub(crate) fn secuencial_acepta_vistas_no_contiguas() {
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

pub(crate) fn secuencial_hace_cada_producto_una_vez() {
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
