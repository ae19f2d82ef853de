//! Suite oficial del ejercicio `paso_de_mensajes`: trabajos MPI de verdad.
//!
//! La misma suite se ejecuta contra tu código (`cargo test -p paso_de_mensajes`), contra la
//! solución de referencia y contra implementaciones erróneas conocidas
//! (`tests/paso_de_mensajes/malas/`). Cada prueba dice en español qué propiedad se rompió.
//!
//! **Este ejecutable es también cada rango.** Una prueba lanza `mpirun -n K` con este mismo
//! ejecutable, pidiéndole solo esa prueba y un escenario en una variable de entorno
//! (`rango.rs`). Cada copia, al ver la variable, no prueba nada: inicia MPI, ejecuta tu
//! función con los datos del escenario y anota lo que obtiene en su archivo. La prueba que
//! lanzó `mpirun` lee esas anotaciones y las compara con los resultados que calcula ella
//! misma (`datos.rs`): tu código nunca decide su propio veredicto. Un trabajo que no
//! termina se mata entero y acaba en «posible interbloqueo», con los rangos que esperan
//! (`lanzador.rs`).

mod datos;
mod lanzador;
mod rango;

use arnes::{comprobar, con_limite_de};
use datos::Escenario;
use lanzador::{Trabajo, lanzar, repetir};
use std::time::Duration;

/// El perro guardián de cada prueba: el lanzador corta cada trabajo a los 20 s; esto es la
/// red por si algo se atasca fuera de él.
const LIMITE_DE_LA_PRUEBA: Duration = Duration::from_secs(55);

/// Cada prueba: si este proceso es un rango, atiende su escenario (y no vuelve); si no,
/// ejecuta `cuerpo` con el perro guardián.
fn prueba(nombre: &'static str, cuerpo: fn(&'static str)) {
    rango::atender();
    con_limite_de(LIMITE_DE_LA_PRUEBA, nombre, move || cuerpo(nombre));
}

#[track_caller]
fn solo_la_raiz(t: &Trabajo, raiz: usize, prueba: &str) {
    let con_resultado: Vec<usize> = (0..t.rangos as usize)
        .filter(|&r| t.numeros(r, "resultado").is_some())
        .collect();
    comprobar(con_resultado == [raiz], || {
        format!(
            "{}: la raíz pedida era el rango {raiz}, pero devolvieron un resultado (`Some`) los \
             rangos {con_resultado:?}. Solo la raíz recibe el resultado del `reduce` o del \
             `gather`; los demás devuelven `None`. Suele ser una raíz fija (el rango 0) en \
             alguna llamada colectiva: todas deben usar `mundo.process_at_rank(raiz)`.\n{}",
            t.contexto(),
            repetir(prueba)
        )
    });
}

fn comprobar_suma(prueba: &str, rangos: i32, n: usize, raiz: i32) {
    let t = lanzar(prueba, rangos, Escenario::Suma { n, raiz });
    solo_la_raiz(&t, raiz as usize, prueba);
    let esperado: u64 = datos::datos_suma(n).iter().sum();
    let obtenido = t.numeros(raiz as usize, "resultado").unwrap()[0] as u64;
    comprobar(obtenido == esperado, || {
        let reparto = if n % rangos as usize != 0 {
            let primeros = match n % rangos as usize {
                1 => "al primer rango le toca".to_string(),
                k => format!("a los {k} primeros rangos les toca"),
            };
            format!(
                " {n} datos no se dividen entre {rangos} rangos: {primeros} uno más; ¿se \
                 perdieron los sobrantes, o alguno se sumó dos veces?"
            )
        } else {
            String::new()
        };
        format!(
            "{}: la suma es {esperado} y la raíz obtuvo {obtenido}.{reparto}\n{}",
            t.contexto(),
            repetir(prueba)
        )
    });
}

#[test]
fn la_suma_reparte_con_scatter_y_junta_con_reduce() {
    prueba("la_suma_reparte_con_scatter_y_junta_con_reduce", |p| {
        comprobar_suma(p, 1, 5, 0);
        comprobar_suma(p, 3, 10, 0);
        comprobar_suma(p, 4, 13, 0);
    });
}

#[test]
fn el_resultado_llega_a_la_raiz_pedida() {
    prueba("el_resultado_llega_a_la_raiz_pedida", |p| {
        comprobar_suma(p, 3, 9, 2);
        comprobar_matriz(p, 4, 6, 3, 2, 1);
    });
}

fn comprobar_matriz(prueba: &str, rangos: i32, n: usize, m: usize, p: usize, raiz: i32) {
    let t = lanzar(prueba, rangos, Escenario::Matriz { n, m, p, raiz });
    solo_la_raiz(&t, raiz as usize, prueba);
    let c = t.numeros(raiz as usize, "resultado").unwrap();
    comprobar(
        c.len() >= 2 && c[0] as usize == n && c[1] as usize == p,
        || {
            format!(
                "{}: C debía ser de {n} × {p}, y la raíz devolvió una de {} × {}.\n{}",
                t.contexto(),
                c.first().unwrap_or(&0),
                c.get(1).unwrap_or(&0),
                repetir(prueba)
            )
        },
    );
    let esperado = datos::producto(n, m, p);
    let obtenido = &c[2..];
    if obtenido == esperado {
        return;
    }
    // Cada fila obtenida, ¿qué fila correcta es? Así se nombran las perdidas y las repetidas.
    let fila = |v: &[i64], i: usize| v.get(i * p..(i + 1) * p).map(<[i64]>::to_vec);
    let origen: Vec<Option<usize>> = (0..n)
        .map(|i| (0..n).find(|&j| fila(obtenido, i) == fila(&esperado, j)))
        .collect();
    let perdidas: Vec<usize> = (0..n).filter(|j| !origen.contains(&Some(*j))).collect();
    let mut repetidas: Vec<usize> = (0..n)
        .filter(|j| origen.iter().filter(|o| **o == Some(*j)).count() > 1)
        .collect();
    repetidas.dedup();
    let erroneas: Vec<usize> = (0..n).filter(|&i| origen[i].is_none()).collect();
    let reparto = datos_reparto(n, rangos as usize);
    panic!(
        "{}: C = A × B no es correcta. Filas de C que no aparecen (perdidas): {perdidas:?}; \
         filas que aparecen más de una vez (repetidas): {repetidas:?}; filas con valores que no \
         son de ninguna fila correcta: {erroneas:?}. Con {n} filas entre {rangos} rangos el \
         reparto es {reparto:?} filas por rango (los primeros, una más): ¿las cuentas y los \
         desplazamientos del `scatter` y del `gather` (en elementos, filas × columnas) cubren \
         todas las filas, cada una una vez?\n{}",
        t.contexto(),
        repetir(prueba)
    );
}

/// El reparto esperado, para los mensajes (la suite no usa el `reparto` del alumno).
fn datos_reparto(n: usize, partes: usize) -> Vec<usize> {
    (0..partes)
        .map(|i| n / partes + usize::from(i < n % partes))
        .collect()
}

#[test]
fn la_multiplicacion_por_bloques_no_pierde_ni_repite_filas() {
    prueba(
        "la_multiplicacion_por_bloques_no_pierde_ni_repite_filas",
        |p| {
            comprobar_matriz(p, 1, 3, 2, 2, 0);
            comprobar_matriz(p, 3, 7, 3, 4, 0);
            comprobar_matriz(p, 4, 2, 3, 3, 0);
        },
    );
}

#[test]
fn el_reparto_da_uno_mas_a_los_primeros() {
    prueba("el_reparto_da_uno_mas_a_los_primeros", |p| {
        for (n, partes) in [(10, 3), (2, 4), (8, 4), (0, 2), (7, 1)] {
            let obtenido = paso_de_mensajes::reparto(n, partes);
            let esperado = datos_reparto(n, partes);
            comprobar(obtenido == esperado, || {
                format!(
                    "reparto({n}, {partes}) devolvió {obtenido:?} y debía ser {esperado:?}: \
                     suma {n} (ni se pierde ni se repite nada) y los {} primeros reciben uno \
                     más.\n{}",
                    n % partes,
                    repetir(p)
                )
            });
        }
    });
}

fn comprobar_cola(prueba: &str, rangos: i32, n: usize, cita: bool) -> Trabajo {
    let t = lanzar(prueba, rangos, Escenario::Cola { n, cita });
    solo_la_raiz(&t, 0, prueba);
    let esperado: Vec<i64> = datos::tareas(n)
        .iter()
        .map(|&x| datos::trabajo(x) as i64)
        .collect();
    let obtenido = t.numeros(0, "resultado").unwrap();
    comprobar(obtenido == esperado, || {
        format!(
            "{}: los resultados, en el orden de las tareas, debían ser {esperado:?} y el \
             coordinador devolvió {obtenido:?}. Cada resultado vuelve con el índice de su \
             tarea: guárdalo en su sitio, no en el orden de llegada.\n{}",
            t.contexto(),
            repetir(prueba)
        )
    });
    // Cuántas veces se hizo cada tarea, y quién la hizo.
    let mut veces = vec![Vec::new(); n];
    for r in 0..rangos as usize {
        for l in &t.notas[r] {
            if let Some(x) = l.strip_prefix("tarea ") {
                veces[x.parse::<usize>().unwrap()].push(r);
            }
        }
    }
    for (x, quien) in veces.iter().enumerate() {
        comprobar(quien.len() == 1, || {
            format!(
                "{}: la tarea {x} se hizo {} veces (en los rangos {quien:?}); cada tarea se \
                 hace exactamente una vez.\n{}",
                t.contexto(),
                quien.len(),
                repetir(prueba)
            )
        });
    }
    t
}

#[test]
fn el_coordinador_reparte_una_cola_dinamica() {
    prueba("el_coordinador_reparte_una_cola_dinamica", |p| {
        comprobar_cola(p, 1, 3, false);
        let t = comprobar_cola(p, 4, 9, true);
        let lento = (0..4).find(|&r| t.notas[r].iter().any(|l| l == "tarea 0"));
        let incumplida = (0..4).any(|r| t.notas[r].iter().any(|l| l == "cita incumplida"));
        comprobar(!incumplida, || {
            let lento = lento.unwrap_or(0);
            let suyas: Vec<&str> = t.notas[lento]
                .iter()
                .filter_map(|l| l.strip_prefix("tarea "))
                .collect();
            format!(
                "{}: la tarea 0 es lenta (no acaba hasta que las demás están hechas) y nunca \
                 acabaron todas: el rango {lento}, ocupado con ella, hizo las tareas \
                 {suyas:?}. Con una cola dinámica, el coordinador da cada tarea pendiente al \
                 trabajador que acaba de responder, así que los libres hacen las demás. Un \
                 reparto fijo (por turno o por bloques) las deja esperando al lento.\n{}",
                t.contexto(),
                repetir(p)
            )
        });
        for r in 1..4 {
            comprobar(t.notas[r].iter().any(|l| l.starts_with("tarea")), || {
                format!(
                    "{}: el trabajador {r} no hizo ninguna tarea, con 9 tareas y 3 trabajadores. \
                     Al empezar, el coordinador da una tarea a cada trabajador.\n{}",
                    t.contexto(),
                    repetir(p)
                )
            });
        }
    });
}

#[test]
fn cada_trabajador_recibe_el_mensaje_de_parada() {
    prueba("cada_trabajador_recibe_el_mensaje_de_parada", |p| {
        // Menos tareas que trabajadores: el rango 3 no recibe ninguna, pero sí la parada.
        // (Si alguno no la recibe, el trabajo no termina y el lanzador dice quién espera.)
        comprobar_cola(p, 4, 2, false);
        comprobar_cola(p, 3, 6, false);
    });
}

fn comprobar_anillo(prueba: &str, rangos: i32, n: usize) {
    let t = lanzar(prueba, rangos, Escenario::Anillo { n });
    let esperado: Vec<i64> = datos::suma_de_anillo(rangos, n)
        .iter()
        .map(|&x| x as i64)
        .collect();
    for r in 0..rangos as usize {
        let tuyo = t.numeros(r, "resultado").unwrap_or_default();
        let biblioteca = t.numeros(r, "biblioteca").unwrap_or_default();
        comprobar(biblioteca == esperado, || {
            format!("all_reduce de la biblioteca no dio la suma esperada en el rango {r}")
        });
        comprobar(tuyo == esperado, || {
            let muestra = |v: &[i64]| format!("{:?}", &v[..v.len().min(6)]);
            format!(
                "{}: en el rango {r}, suma_en_anillo dio {} (primeros elementos, {} en total) \
                 y el `all_reduce` de la biblioteca con los mismos datos da {} ({}). Tras \
                 `tamaño - 1` pasos, cada rango debe tener la suma de los vectores de todos, \
                 cada uno contado una vez: en cada paso se reenvía lo recibido en el paso \
                 anterior, no el total acumulado.\n{}",
                t.contexto(),
                muestra(&tuyo),
                tuyo.len(),
                muestra(&esperado),
                esperado.len(),
                repetir(prueba)
            )
        });
    }
}

#[test]
fn la_suma_en_anillo_coincide_con_all_reduce() {
    prueba("la_suma_en_anillo_coincide_con_all_reduce", |p| {
        comprobar_anillo(p, 1, 4);
        comprobar_anillo(p, 2, 5);
        comprobar_anillo(p, 4, 7);
    });
}

#[test]
fn el_anillo_no_se_interbloquea_con_mensajes_grandes() {
    prueba("el_anillo_no_se_interbloquea_con_mensajes_grandes", |p| {
        // 1 MiB por mensaje: muy por encima del límite de envío inmediato (eager) de MPI, así
        // que un `send` bloqueante espera a que el vecino reciba.
        comprobar_anillo(p, 3, 1 << 17);
    });
}
