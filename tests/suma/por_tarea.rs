//! Pruebas de `sumas_por_tarea`.

use super::*;

/// La suma de `valor(k)` para `k` en `1..=n`, calculada aquí para comparar.
pub(crate) fn referencia(tareas: &[u64], valor: impl Fn(u64) -> u64) -> Vec<u128> {
    tareas
        .iter()
        .map(|&n| (1..=n).map(|k| u128::from(valor(k))).sum())
        .collect()
}

pub(crate) fn sumas_por_tarea_del_tutorial_original() {
    con_limite("sumas_por_tarea del tutorial original", || {
        preparar_rayon();
        let resultados = sumas_por_tarea(&[100_000, 200_000, 300_000, 400_000], 4, |k| k);
        arnes::instantanea_debug!("sumas_por_tarea_del_tutorial_original", resultados);
    });
}

pub(crate) fn sumas_por_tarea_con_cero_hilos_es_un_error() {
    con_limite("sumas_por_tarea con cero hilos", || {
        preparar_rayon();
        comprobar_igual(
            sumas_por_tarea(&[1, 2], 0, |k| k),
            Err(ErrorSuma::CeroHilos),
            "sumas_por_tarea(.., 0, ..)",
        );
        // Cero hilos es un error también sin tareas: se comprueba antes que las tareas.
        comprobar_igual(
            sumas_por_tarea(&[], 0, |k| k),
            Err(ErrorSuma::CeroHilos),
            "sumas_por_tarea(&[], 0, ..) (los hilos se comprueban antes de mirar si hay tareas)",
        );
    });
}

pub(crate) fn sumas_por_tarea_sin_tareas_no_devuelve_nada() {
    con_limite("sumas_por_tarea sin tareas", || {
        preparar_rayon();
        comprobar_igual(
            sumas_por_tarea(&[], 3, |k| k),
            Ok(vec![]),
            "sumas_por_tarea(&[], 3, ..)",
        );
    });
}

pub(crate) fn sumas_por_tarea_respeta_el_orden_de_las_tareas() {
    con_limite("sumas_por_tarea respeta el orden", || {
        preparar_rayon();
        let tareas = [50, 1, 30, 0, 2, 1000, 7];
        for hilos in [1, 2, 3, 16] {
            comprobar_igual(
                sumas_por_tarea(&tareas, hilos, |k| k * k),
                Ok(referencia(&tareas, |k| k * k)),
                &format!(
                    "sumas_por_tarea({tareas:?}, {hilos}, k²): el resultado i es el de la tarea i"
                ),
            );
        }
    });
}

pub(crate) fn sumas_por_tarea_ordena_aunque_las_tareas_acaben_desordenadas() {
    con_limite(
        "sumas_por_tarea ordena aunque las tareas acaben desordenadas",
        || {
            preparar_rayon();
            // Con 2 hilos y balanceo dinámico, `Relevo` hace que un hilo haga las tareas 0 y 3 y
            // el otro las 1 y 2, y que la 1 acabe antes que la 0. El orden en que acaban y el
            // orden hilo por hilo son distintos del de `tareas`, sea cual sea el hilo que acaba
            // antes.
            let tareas = [3, 1, 2, 1];
            let esperado = vec![6, 1, 3, 1];
            let relevo = Relevo::default();
            let resultados = sumas_por_tarea(&tareas, 2, |k| {
                relevo.anotar(k);
                k
            });
            comprobar(resultados.as_ref() == Ok(&esperado), || {
                let causa = match &resultados {
                    Ok(v) if [vec![6, 1, 1, 3], vec![1, 3, 6, 1]].contains(v) => {
                        "los resultados se juntaron hilo por hilo (todos los de un hilo y después \
                     los del otro)"
                    }
                    Ok(v)
                        if {
                            let (mut a, mut b) = (v.clone(), esperado.clone());
                            a.sort_unstable();
                            b.sort_unstable();
                            a == b
                        } =>
                    {
                        "los resultados son los de las tareas, pero en otro orden (¿el orden en \
                     que acaban?)"
                    }
                    _ => "los resultados no son las sumas de las tareas",
                };
                format!(
                    "sumas_por_tarea({tareas:?}, 2, k), con un hilo haciendo las tareas 0 y 3 y el \
                 otro las tareas 1 y 2 (la 1 acaba antes que la 0), debe dar Ok({esperado:?}) y \
                 dio {resultados:?}: {causa}. El resultado i es el de la tarea i: guarda cada \
                 resultado en la posición de su tarea, acabe cuando acabe."
                )
            });
        },
    );
}

/// Ordena las tareas de `sumas_por_tarea_ordena_aunque_las_tareas_acaben_desordenadas`.
/// Cada tarea empieza con `k = 1`, y solo la tarea 0 llega a `k = 3`. El segundo comienzo de
/// un hilo espera a que otro hilo haya empezado dos tareas, y la tarea 0, antes de su último
/// término, también. Si nadie llega en unos segundos, deja de esperar (el reparto no era
/// dinámico; eso lo dice otra prueba).
#[derive(Default)]
pub(crate) struct Relevo {
    pub(crate) empezadas: Mutex<std::collections::HashMap<ThreadId, usize>>,
    pub(crate) cambio: std::sync::Condvar,
}

impl Relevo {
    pub(crate) fn anotar(&self, k: u64) {
        let yo = thread::current().id();
        let mut empezadas = self.empezadas.lock().unwrap();
        let esperar = if k == 1 {
            let mias = empezadas.entry(yo).or_insert(0);
            *mias += 1;
            self.cambio.notify_all();
            *mias == 2
        } else {
            k == 3
        };
        if esperar {
            let _ = self
                .cambio
                .wait_timeout_while(empezadas, std::time::Duration::from_secs(3), |e| {
                    !e.iter().any(|(h, &n)| *h != yo && n >= 2)
                })
                .unwrap();
        }
    }
}

pub(crate) fn sumas_por_tarea_llama_a_valor_una_vez_por_termino() {
    con_limite("sumas_por_tarea llama a valor una vez por término", || {
        preparar_rayon();
        let tareas = [100, 300, 200, 400];
        let llamadas = AtomicU64::new(0);
        let resultados = sumas_por_tarea(&tareas, 2, |k| {
            llamadas.fetch_add(1, Ordering::Relaxed);
            k % 7
        });
        let hechas = llamadas.load(Ordering::Relaxed);
        comprobar(hechas == 1000, || {
            format!(
                "con tareas {tareas:?}, `valor` debe llamarse 1000 veces (una por término) y se \
                 llamó {hechas}. Hay que sumar los datos, no usar una fórmula cerrada."
            )
        });
        comprobar_igual(
            resultados,
            Ok(referencia(&tareas, |k| k % 7)),
            "sumas_por_tarea con valor(k) = k % 7",
        );
    });
}

pub(crate) fn sumas_por_tarea_no_se_desborda() {
    con_limite("sumas_por_tarea no se desborda", || {
        preparar_rayon();
        let tareas = [3, 2];
        let esperado = vec![3 * u128::from(u64::MAX), 2 * u128::from(u64::MAX)];
        let resultado = std::panic::catch_unwind(|| sumas_por_tarea(&tareas, 2, |_| u64::MAX));
        comprobar(matches!(&resultado, Ok(Ok(v)) if *v == esperado), || {
            format!(
                "sumas_por_tarea({tareas:?}, 2, u64::MAX) debe dar Ok({esperado:?}), y se \
                     obtuvo {}.\nLa suma de una tarea ya puede pasarse de u64: acumula cada \
                     tarea en u128.",
                describir(&resultado)
            )
        });
    });
}

pub(crate) fn sumas_por_tarea_usa_los_hilos_pedidos() {
    con_limite("sumas_por_tarea usa los hilos pedidos", || {
        preparar_rayon();
        for (num_tareas, hilos) in [(30, 3), (30, 1), (2, 5)] {
            let esperados = hilos.min(num_tareas);
            let tareas = vec![20; num_tareas];
            let cita = Cita::new(esperados);
            let vistos = Mutex::new(HashSet::new());
            let resultados = sumas_por_tarea(&tareas, hilos, |k| {
                vistos.lock().unwrap().insert(thread::current().id());
                cita.llegar();
                k
            });
            comprobar_igual(
                resultados,
                Ok(referencia(&tareas, |k| k)),
                "los resultados de sumas_por_tarea",
            );
            let usados = vistos.lock().unwrap().len();
            comprobar(usados == esperados && !cita.caducada(), || {
                format!(
                    "con {num_tareas} tareas y {hilos} hilos pedidos deben trabajar a la vez \
                     {esperados} hilos, y trabajaron {usados}{}: respeta el número de hilos pedido",
                    if cita.caducada() {
                        " (pero no a la vez)"
                    } else {
                        ""
                    }
                )
            });
        }
    });
}

pub(crate) fn sumas_por_tarea_reparte_la_carga_dinamicamente() {
    con_limite("sumas_por_tarea reparte la carga dinámicamente", || {
        preparar_rayon();
        // La tarea 0 es la única con k = 2. El hilo que llega a k = 2 espera a que otros
        // hilos hagan las tres tareas restantes (tres llamadas con k = 1). Con un reparto
        // fijado de antemano, alguna de ellas está en su propia cola y nunca llega.
        let tareas = [2, 1, 1, 1];
        let cita = LargaEspera::default();
        let resultados = sumas_por_tarea(&tareas, 2, |k| {
            cita.anotar(k);
            k
        });
        comprobar(!cita.caducada(), || {
            "mientras un hilo hacía la tarea larga, los demás no tomaron las otras tres: las \
             tareas se repartieron por adelantado. Con balanceo dinámico, cada hilo toma la \
             siguiente tarea libre cuando acaba la suya."
                .to_string()
        });
        comprobar_igual(
            resultados,
            Ok(vec![3, 1, 1, 1]),
            "sumas_por_tarea([2, 1, 1, 1], 2, k)",
        );
    });
}

/// El estado de la prueba de balanceo: cuántas llamadas con k = 1 hizo cada hilo.
#[derive(Default)]
pub(crate) struct LargaEspera {
    pub(crate) estado: Mutex<(Vec<ThreadId>, bool)>,
    pub(crate) cambio: std::sync::Condvar,
}

impl LargaEspera {
    pub(crate) fn anotar(&self, k: u64) {
        let yo = thread::current().id();
        let mut estado = self.estado.lock().unwrap();
        if k == 1 {
            estado.0.push(yo);
            self.cambio.notify_all();
            return;
        }
        let otros = |e: &(Vec<ThreadId>, bool)| e.0.iter().filter(|&&h| h != yo).count();
        let (estado, espera) = self
            .cambio
            .wait_timeout_while(estado, std::time::Duration::from_secs(5), |e| otros(e) < 3)
            .unwrap();
        if espera.timed_out() {
            drop(estado);
            self.estado.lock().unwrap().1 = true;
        }
    }

    pub(crate) fn caducada(&self) -> bool {
        self.estado.lock().unwrap().1
    }
}
