//! La página que dibuja la ejecución que falla, comprobada con ejecuciones reales: para cada
//! ejercicio que explora planificaciones, las erróneas de `curso::cronogramas::CASOS` (las
//! mismas que dibuja el libro) fallan con la ruta de su página en el mensaje, y la página
//! existe, tiene un carril por hilo del escenario con sus nombres del curso, el paso que
//! rompe la propiedad marcado y el mensaje en español, y no pide nada a la red.

use curso::cronogramas::{self, CASOS, Generado};

/// Los hilos de cada escenario, en orden: el principal y los que lanza.
fn carriles_esperados(caso: &str) -> Vec<String> {
    let hilos = |n: usize, nombre: &dyn Fn(usize) -> String| -> Vec<String> {
        std::iter::once("principal".to_string())
            .chain((1..=n).map(nombre))
            .collect()
    };
    match caso {
        "todos-por-la-izquierda" => hilos(5, &|i| format!("filósofo {}", i - 1)),
        "despertar-perdido" | "escritores-a-la-vez" => hilos(4, &|i| format!("hilo {i}")),
        "si-en-vez-de-mientras" => hilos(3, &|i| format!("hilo {i}")),
        "transferencias-cruzadas" => hilos(2, &|i| format!("hilo {i}")),
        otro => panic!("caso sin carriles esperados: {otro}"),
    }
}

/// Los nombres de los carriles de la página, en orden.
fn carriles(html: &str) -> Vec<String> {
    html.split("<text class=\"hilo\"")
        .skip(1)
        .filter_map(|t| {
            let t = &t[t.find('>')? + 1..];
            Some(t[..t.find("</text>")?].to_string())
        })
        .collect()
}

fn comprobar(generado: &Generado) {
    let caso = &generado.caso;
    let mensaje = &generado.mensaje;
    let donde = format!("{} con {}", caso.prueba, caso.mala);
    assert!(mensaje.contains(caso.motivo), "{donde}: {mensaje}");
    let html = generado.html().unwrap_or_else(|e| panic!("{e}"));
    let ruta = generado.pagina.as_ref().unwrap().display().to_string();
    // La ruta está en el mensaje, entre las primeras líneas que ve el alumno.
    let linea = mensaje
        .lines()
        .position(|l| l.contains(&ruta))
        .unwrap_or_else(|| panic!("{donde}: el mensaje no dice dónde está la página:\n{mensaje}"));
    assert!(
        linea < 25,
        "{donde}: la ruta sale en la línea {linea}:\n{mensaje}"
    );
    // Un carril por hilo, con los nombres del curso.
    assert_eq!(carriles(&html), carriles_esperados(caso.caso), "{donde}");
    for ingles in ["main-thread", "&lt;unknown&gt;", "<unknown>"] {
        assert!(!html.contains(ingles), "{donde}: la página dice «{ingles}»");
    }
    // El fallo, en español, en la página y en el dibujo, con su paso marcado.
    assert!(
        html.contains(caso.motivo),
        "{donde}: la página no dice «{}»",
        caso.motivo
    );
    let svg = cronogramas::svg_de(&html).expect("la página tiene dibujo");
    assert!(svg.contains("✘ "), "{donde}: el dibujo no marca el fallo");
    assert!(
        svg.contains("stroke-width=\"2.5\""),
        "{donde}: el dibujo no resalta el paso que rompe la propiedad"
    );
    if caso.motivo.contains("interbloqueo") {
        assert!(
            svg.contains("bloqueado: espera"),
            "{donde}: sin las esperas finales"
        );
    }
    // Autónoma: ni scripts ni nada que cargar.
    for prohibido in ["<script", " src=", " href=", "@import", "url("] {
        assert!(
            !html.contains(prohibido),
            "{donde}: la página lleva «{prohibido}»"
        );
    }
}

fn comprobar_ejercicio(ejercicio: &str) {
    let salidas = std::env::temp_dir().join(format!("cronogramas-{}", std::process::id()));
    let generados = cronogramas::generar(ejercicio, &salidas).expect("generar");
    assert!(!generados.is_empty());
    for generado in &generados {
        comprobar(generado);
    }
    let _ = std::fs::remove_dir_all(salidas.join(ejercicio));
}

#[test]
fn semaforos() {
    comprobar_ejercicio("semaforos");
}

#[test]
fn cerrojos() {
    comprobar_ejercicio("cerrojos");
}

#[test]
fn lectores_escritores() {
    comprobar_ejercicio("lectores_escritores");
}

#[test]
fn productor_consumidor() {
    comprobar_ejercicio("productor_consumidor");
}

#[test]
fn filosofos() {
    comprobar_ejercicio("filosofos");
}

/// Los `.rs` de la suite de un ejercicio (sin las implementaciones de `malas/` y `buenas/`).
fn fuentes(carpeta: &std::path::Path) -> Vec<String> {
    let mut textos = Vec::new();
    for entrada in std::fs::read_dir(carpeta).into_iter().flatten().flatten() {
        let ruta = entrada.path();
        let nombre = entrada.file_name();
        if ruta.is_dir() && nombre != "malas" && nombre != "buenas" {
            textos.extend(fuentes(&ruta));
        } else if ruta.extension().is_some_and(|x| x == "rs") {
            textos.extend(std::fs::read_to_string(&ruta));
        }
    }
    textos
}

/// Cada ejercicio del catálogo que explora planificaciones tiene al menos un caso.
#[test]
fn cada_ejercicio_que_explora_tiene_su_cronograma() {
    for e in curso::catalogo::ejercicios().expect("curso.toml") {
        if fuentes(&e.pruebas())
            .iter()
            .any(|s| s.contains("explorar("))
        {
            assert!(
                CASOS.iter().any(|c| c.ejercicio == e.nombre),
                "{} explora planificaciones y no tiene cronograma en CASOS",
                e.nombre
            );
        }
    }
}
