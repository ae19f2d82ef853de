//! Suite oficial del ejercicio `suma`.
//!
//! La misma suite se ejecuta contra tu código (`cargo test -p suma`), contra la solución de
//! referencia y contra implementaciones erróneas conocidas (`tests/suma/malas/`). Cada
//! prueba dice en español qué propiedad se rompió.

use arnes::{Cita, comprobar, comprobar_igual, con_limite};
use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::thread::{self, ThreadId};
use suma::{ErrorSuma, suma_hilos, suma_rayon, suma_secuencial, sumas_por_tarea};

// ---------------------------------------------------------------------------------------
// Un elemento espía: al convertirse en u64 anota quién lo lee y cuántas veces.
// ---------------------------------------------------------------------------------------

/// Lo que se observa de una suma: lecturas por elemento y hilos que leyeron.
struct Registro {
    valores: Vec<u64>,
    lecturas: Vec<AtomicUsize>,
    hilos: Mutex<HashSet<ThreadId>>,
    /// El hilo que leyó cada elemento (el último, si se leyó más de una vez).
    lectores: Mutex<Vec<Option<ThreadId>>>,
    /// Si hay cita, cada hilo que lee espera a que los demás hilos esperados lean también.
    cita: Option<Cita>,
}

impl Registro {
    fn new(valores: Vec<u64>) -> Self {
        let lecturas = valores.iter().map(|_| AtomicUsize::new(0)).collect();
        let lectores = Mutex::new(vec![None; valores.len()]);
        Self {
            valores,
            lecturas,
            hilos: Mutex::default(),
            lectores,
            cita: None,
        }
    }

    fn con_cita(valores: Vec<u64>, hilos: usize) -> Self {
        Self {
            cita: Some(Cita::new(hilos)),
            ..Self::new(valores)
        }
    }

    fn espias(&self) -> Vec<Espia<'_>> {
        (0..self.valores.len())
            .map(|indice| Espia {
                registro: self,
                indice,
            })
            .collect()
    }

    fn hilos(&self) -> usize {
        self.hilos.lock().unwrap().len()
    }

    fn lectores(&self) -> Vec<Option<ThreadId>> {
        self.lectores.lock().unwrap().clone()
    }

    /// Si algún hilo esperó a los demás en la cita y no llegaron: no trabajaban a la vez.
    fn cita_caducada(&self) -> bool {
        self.cita.as_ref().is_some_and(Cita::caducada)
    }

    fn total(&self) -> u128 {
        self.valores.iter().map(|&v| u128::from(v)).sum()
    }

    /// Falla si algún elemento no se leyó exactamente una vez.
    #[track_caller]
    fn comprobar_una_lectura_por_elemento(&self, contexto: &str) {
        for (i, l) in self.lecturas.iter().enumerate() {
            let veces = l.load(Ordering::Relaxed);
            comprobar(veces == 1, || {
                let que = if veces == 0 {
                    "no se sumó nunca"
                } else {
                    "se sumó más de una vez"
                };
                format!(
                    "{contexto}: el elemento {i} {que} (leído {veces} veces, debe ser 1).\n\
                     Suele significar que los límites de los trozos están mal calculados \
                     cuando la longitud no es múltiplo del número de hilos."
                )
            });
        }
    }
}

#[derive(Clone, Copy)]
struct Espia<'a> {
    registro: &'a Registro,
    indice: usize,
}

impl From<Espia<'_>> for u64 {
    fn from(e: Espia<'_>) -> u64 {
        let r = e.registro;
        r.lecturas[e.indice].fetch_add(1, Ordering::Relaxed);
        r.hilos.lock().unwrap().insert(thread::current().id());
        r.lectores.lock().unwrap()[e.indice] = Some(thread::current().id());
        if let Some(cita) = &r.cita {
            cita.llegar();
        }
        r.valores[e.indice]
    }
}

/// Datos pseudoaleatorios reproducibles (un generador congruencial lineal).
fn datos(n: usize, semilla: u64) -> Vec<u64> {
    let mut x = semilla;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            x >> 20
        })
        .collect()
}

/// Rayon con cuatro hilos, para que repartir trabajo sea posible aunque la máquina tenga
/// un solo núcleo. Solo surte efecto si ninguna prueba usó rayon antes; todas lo llaman.
fn preparar_rayon() {
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build_global();
}

// ---------------------------------------------------------------------------------------
// suma_secuencial
// ---------------------------------------------------------------------------------------

#[test]
fn suma_secuencial_de_pocos_numeros() {
    con_limite("suma_secuencial de pocos números", || {
        comprobar_igual(suma_secuencial::<u64>(&[]), 0, "la suma de una lista vacía");
        comprobar_igual(suma_secuencial(&[7u64]), 7, "la suma de [7]");
        let uno_a_diez: Vec<u64> = (1..=10).collect();
        comprobar_igual(suma_secuencial(&uno_a_diez), 55, "la suma de 1..=10");
        comprobar_igual(
            suma_secuencial(&[200u8, 100, 50]),
            350,
            "la suma de [200u8, 100, 50]",
        );
    });
}

#[test]
fn suma_secuencial_lee_cada_elemento_una_vez() {
    con_limite("suma_secuencial lee cada elemento una vez", || {
        let registro = Registro::new(datos(1000, 1));
        let total = suma_secuencial(&registro.espias());
        registro.comprobar_una_lectura_por_elemento("suma_secuencial de 1000 elementos");
        comprobar_igual(total, registro.total(), "el total de suma_secuencial");
    });
}

#[test]
fn suma_secuencial_no_se_desborda() {
    con_limite("suma_secuencial no se desborda", || {
        let grandes = vec![u64::MAX; 5];
        let esperado = 5 * u128::from(u64::MAX);
        let resultado = std::panic::catch_unwind(|| suma_secuencial(&grandes));
        comprobar(resultado.as_ref().is_ok_and(|&t| t == esperado), || {
            format!(
                "la suma de cinco u64::MAX debe ser {esperado}, y se obtuvo {}.\n\
                 El total no cabe en un u64: acumula en u128.",
                describir(&resultado)
            )
        });
    });
}

// ---------------------------------------------------------------------------------------
// suma_hilos
// ---------------------------------------------------------------------------------------

#[test]
fn suma_hilos_con_cero_hilos_es_un_error() {
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

#[test]
fn suma_hilos_con_datos_vacios_da_cero() {
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

#[test]
fn suma_hilos_lee_cada_elemento_exactamente_una_vez() {
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

#[test]
fn suma_hilos_usa_tantos_hilos_como_se_piden() {
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

#[test]
fn suma_hilos_corta_en_trozos_contiguos() {
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

#[test]
fn suma_hilos_coincide_con_la_secuencial() {
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

#[test]
fn suma_hilos_no_se_desborda() {
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

// ---------------------------------------------------------------------------------------
// suma_rayon
// ---------------------------------------------------------------------------------------

#[test]
fn suma_rayon_coincide_con_la_secuencial() {
    con_limite("suma_rayon coincide con la secuencial", || {
        preparar_rayon();
        comprobar_igual(suma_rayon::<u64>(&[]), 0, "suma_rayon de una lista vacía");
        for n in [1, 2, 1000, 100_003] {
            let registro = Registro::new(datos(n, 3));
            let total = suma_rayon(&registro.espias());
            let contexto = format!("suma_rayon con {n} elementos");
            registro.comprobar_una_lectura_por_elemento(&contexto);
            comprobar_igual(total, registro.total(), &contexto);
        }
    });
}

#[test]
fn suma_rayon_reparte_entre_varios_hilos() {
    con_limite("suma_rayon reparte entre varios hilos", || {
        preparar_rayon();
        let registro = Registro::con_cita(datos(100_000, 5), 2);
        let total = suma_rayon(&registro.espias());
        comprobar_igual(total, registro.total(), "suma_rayon con 100000 elementos");
        comprobar(registro.hilos() >= 2 && !registro.cita_caducada(), || {
            format!(
                "suma_rayon leyó 100000 elementos en {} hilo(s) que no trabajaron a la vez: \
                 rayon no repartió el trabajo. ¿Usaste `iter()` en lugar de `par_iter()`?",
                registro.hilos()
            )
        });
    });
}

#[test]
fn suma_rayon_no_se_desborda() {
    con_limite("suma_rayon no se desborda", || {
        preparar_rayon();
        let grandes = vec![u64::MAX; 10_000];
        let esperado = 10_000 * u128::from(u64::MAX);
        let resultado = std::panic::catch_unwind(|| suma_rayon(&grandes));
        comprobar(resultado.as_ref().is_ok_and(|&t| t == esperado), || {
            format!(
                "la suma de 10000 u64::MAX debe ser {esperado}, y se obtuvo {}.\n\
                 Convierte cada elemento a u128 antes de sumar.",
                describir(&resultado)
            )
        });
    });
}

// ---------------------------------------------------------------------------------------
// sumas_por_tarea
// ---------------------------------------------------------------------------------------

/// La suma de `valor(k)` para `k` en `1..=n`, calculada aquí para comparar.
fn referencia(tareas: &[u64], valor: impl Fn(u64) -> u64) -> Vec<u128> {
    tareas
        .iter()
        .map(|&n| (1..=n).map(|k| u128::from(valor(k))).sum())
        .collect()
}

#[test]
fn sumas_por_tarea_del_tutorial_original() {
    con_limite("sumas_por_tarea del tutorial original", || {
        preparar_rayon();
        let resultados = sumas_por_tarea(&[100_000, 200_000, 300_000, 400_000], 4, |k| k);
        arnes::instantanea_debug!("sumas_por_tarea_del_tutorial_original", resultados);
    });
}

#[test]
fn sumas_por_tarea_con_cero_hilos_es_un_error() {
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

#[test]
fn sumas_por_tarea_sin_tareas_no_devuelve_nada() {
    con_limite("sumas_por_tarea sin tareas", || {
        preparar_rayon();
        comprobar_igual(
            sumas_por_tarea(&[], 3, |k| k),
            Ok(vec![]),
            "sumas_por_tarea(&[], 3, ..)",
        );
    });
}

#[test]
fn sumas_por_tarea_respeta_el_orden_de_las_tareas() {
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

#[test]
fn sumas_por_tarea_ordena_aunque_las_tareas_acaben_desordenadas() {
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
struct Relevo {
    empezadas: Mutex<std::collections::HashMap<ThreadId, usize>>,
    cambio: std::sync::Condvar,
}

impl Relevo {
    fn anotar(&self, k: u64) {
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

#[test]
fn sumas_por_tarea_llama_a_valor_una_vez_por_termino() {
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

#[test]
fn sumas_por_tarea_no_se_desborda() {
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

#[test]
fn sumas_por_tarea_usa_los_hilos_pedidos() {
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

#[test]
fn sumas_por_tarea_reparte_la_carga_dinamicamente() {
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
struct LargaEspera {
    estado: Mutex<(Vec<ThreadId>, bool)>,
    cambio: std::sync::Condvar,
}

impl LargaEspera {
    fn anotar(&self, k: u64) {
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

    fn caducada(&self) -> bool {
        self.estado.lock().unwrap().1
    }
}

/// Describe el resultado de una llamada que pudo entrar en pánico.
fn describir<T: std::fmt::Debug>(resultado: &std::thread::Result<T>) -> String {
    match resultado {
        Ok(valor) => format!("{valor:?}"),
        Err(carga) => format!(
            "un pánico («{}»)",
            arnes::traducir(&arnes::texto_de_panico(&**carga))
        ),
    }
}
