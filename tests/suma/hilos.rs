//! Pruebas de `suma_hilos`.

use super::*;

pub(crate) fn suma_hilos_con_cero_hilos_es_un_error() {
    con_limite("suma_hilos con cero hilos", || {
        comprobar_igual(
            suma_hilos(&[1u64, 2, 3], 0),
            Err(ErrorSuma::CeroHilos),
            "suma_hilos(.., 0)",
        );
        comprobar_igual(
            suma_hilos::<u64>(&[], 0),
            Err(ErrorSuma::CeroHilos),
            "suma_hilos(&[], 0)",
        );
    });
}

pub(crate) fn suma_hilos_con_datos_vacios_da_cero() {
    con_limite("suma_hilos con datos vacíos", || {
        for hilos in [1, 2, 7] {
            comprobar_igual(
                suma_hilos::<u64>(&[], hilos),
                Ok(0),
                &format!("suma_hilos(&[], {hilos})"),
            );
        }
    });
}

pub(crate) fn suma_hilos_lee_cada_elemento_exactamente_una_vez() {
    con_limite("suma_hilos lee cada elemento una vez", || {
        for n in 0..=40 {
            for hilos in 1..=9 {
                let registro = Registro::new(datos(n, n as u64));
                let total = suma_hilos(&registro.espias(), hilos);
                let contexto = format!("suma_hilos con {n} elementos y {hilos} hilos");
                registro.comprobar_una_lectura_por_elemento(&contexto);
                comprobar_igual(total, Ok(registro.total()), &contexto);
            }
        }
    });
}

pub(crate) fn suma_hilos_usa_tantos_hilos_como_se_piden() {
    con_limite("suma_hilos usa los hilos pedidos", || {
        for (n, hilos) in [
            (1000, 4),
            (1000, 2),
            (999, 3),
            (4, 3),
            (5, 4),
            (11, 6),
            (3, 8),
            (1, 3),
        ] {
            let esperados = hilos.min(n);
            let registro = Registro::con_cita(datos(n, 7), esperados);
            let total = suma_hilos(&registro.espias(), hilos);
            comprobar_igual(
                total,
                Ok(registro.total()),
                &format!("suma_hilos con {n} elementos y {hilos} hilos"),
            );
            let usados = registro.hilos();
            comprobar(usados == esperados && !registro.cita_caducada(), || {
                // Con trozos de `n.div_ceil(hilos)` elementos salen `trozos` trozos.
                let trozos = n.div_ceil(n.div_ceil(hilos));
                let causa = if usados > esperados {
                    "se lanzaron más hilos de los pedidos".to_string()
                } else if usados == 1 {
                    "todo lo leyó un solo hilo: ¿se ignora el número de hilos pedido, o se \
                     suma en el hilo que llama?"
                        .to_string()
                } else if usados < esperados && usados == trozos {
                    format!(
                        "hubo menos trozos que hilos. Con trozos de `len.div_ceil(hilos)` = {} \
                         elementos, {n} elementos dan justo {trozos} trozos: reparte el resto \
                         de uno en uno (trozos que difieren en un elemento como mucho)",
                        n.div_ceil(hilos)
                    )
                } else if usados < esperados {
                    "leyeron menos hilos de los pedidos: ¿se ignora el número de hilos pedido?"
                        .to_string()
                } else {
                    "los hilos no trabajaron a la vez: ¿se espera (join) a cada hilo nada más \
                     lanzarlo?"
                        .to_string()
                };
                format!(
                    "con {n} elementos y {hilos} hilos pedidos deben leer datos a la vez \
                     {esperados} hilos, y leyeron {usados}: {causa}"
                )
            });
        }
    });
}

pub(crate) fn suma_hilos_corta_en_trozos_contiguos() {
    con_limite("suma_hilos corta en trozos contiguos", || {
        for (n, hilos) in [(10, 3), (12, 4), (7, 2), (9, 9), (100, 7)] {
            let registro = Registro::new(datos(n, 11));
            let total = suma_hilos(&registro.espias(), hilos);
            let contexto = format!("suma_hilos con {n} elementos y {hilos} hilos");
            comprobar_igual(total, Ok(registro.total()), &contexto);
            let lectores = registro.lectores();
            // Los elementos de cada hilo deben ir seguidos: entre el primero y el último que
            // leyó un hilo, ninguno es de otro hilo.
            for hilo in lectores.iter().flatten().collect::<HashSet<_>>() {
                let suyos: Vec<usize> = (0..n).filter(|&i| lectores[i] == Some(*hilo)).collect();
                let (primero, ultimo) = (suyos[0], suyos[suyos.len() - 1]);
                let ajeno = (primero..=ultimo).find(|&i| lectores[i] != Some(*hilo));
                comprobar(ajeno.is_none(), || {
                    format!(
                        "{contexto}: un mismo hilo sumó los elementos {suyos:?}, y el elemento \
                         {} (que está en medio) lo sumó otro hilo. Cada hilo debe sumar un trozo \
                         contiguo, `datos[inicio..fin]`: ¿se reparten los elementos de uno en \
                         uno entre los hilos (`i % hilos`, `step_by(hilos)`)?",
                        ajeno.unwrap_or_default()
                    )
                });
            }
        }
    });
}

pub(crate) fn suma_hilos_coincide_con_la_secuencial() {
    con_limite("suma_hilos coincide con la secuencial", || {
        for (n, hilos) in [(10_000, 2), (10_001, 3), (65_537, 8), (100, 100)] {
            let v = datos(n, 42);
            let esperado: u128 = v.iter().map(|&x| u128::from(x)).sum();
            comprobar_igual(
                suma_hilos(&v, hilos),
                Ok(esperado),
                &format!("suma_hilos con {n} elementos y {hilos} hilos"),
            );
        }
    });
}

pub(crate) fn suma_hilos_no_se_desborda() {
    con_limite("suma_hilos no se desborda", || {
        let grandes = vec![u64::MAX; 9];
        let esperado = 9 * u128::from(u64::MAX);
        let resultado = std::panic::catch_unwind(|| suma_hilos(&grandes, 3));
        comprobar(matches!(resultado, Ok(Ok(t)) if t == esperado), || {
            format!(
                "la suma de nueve u64::MAX con 3 hilos debe ser Ok({esperado}), y se obtuvo {}.\n\
                 Cada trozo ya puede pasarse de u64: acumula en u128 también dentro de cada hilo.",
                describir(&resultado)
            )
        });
    });
}
