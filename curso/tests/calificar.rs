//! La corrección da a cada entrega de ejemplo los puntos que le corresponden, y ninguna
//! trampa sube la nota. Las entregas se construyen a partir de `curso/tests/entregas/correcta`
//! cambiando una sola cosa cada vez.

use curso::calificacion::{self, Calificado, Situacion};
use curso::{raiz, resultados};
use std::path::{Path, PathBuf};

/// Lo que debe salir para un ejercicio.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Esperado {
    Puntos(f64),
    /// Más de cero y menos del máximo.
    Parcial,
    Anulado,
    SinEntregar,
    SinEmpezar,
}
use Esperado::*;

/// Copia la entrega correcta en una carpeta propia del caso y la modifica con `preparar`.
fn entrega(caso: &str, preparar: impl FnOnce(&Path)) -> PathBuf {
    let destino = raiz().join("target/curso/entregas").join(caso);
    let _ = std::fs::remove_dir_all(&destino);
    copiar(&raiz().join("curso/tests/entregas/correcta"), &destino);
    preparar(&destino);
    destino
}

fn copiar(origen: &Path, destino: &Path) {
    std::fs::create_dir_all(destino).unwrap();
    for e in std::fs::read_dir(origen).unwrap().flatten() {
        let (de, a) = (e.path(), destino.join(e.file_name()));
        if de.is_dir() {
            copiar(&de, &a)
        } else {
            std::fs::copy(&de, &a).map(|_| ()).unwrap()
        }
    }
}

/// Cambia `de` por `a` en un archivo de la entrega (que debe contener `de`).
fn cambiar(entrega: &Path, archivo: &str, de: &str, a: &str) {
    let ruta = entrega.join(archivo);
    let texto = std::fs::read_to_string(&ruta).unwrap();
    assert!(texto.contains(de), "{archivo} no contiene «{de}»");
    std::fs::write(&ruta, texto.replacen(de, a, 1)).unwrap();
}

fn escribir(entrega: &Path, archivo: &str, texto: &str) {
    let ruta = entrega.join(archivo);
    std::fs::create_dir_all(ruta.parent().unwrap()).unwrap();
    std::fs::write(ruta, texto).unwrap();
}

fn comprobar(caso: &str, entrega: &Path, esperados: &[(&str, Esperado)]) -> Vec<Calificado> {
    let calificados = calificacion::calificar(entrega).expect("calificar");
    let tabla = resultados::tabla(&calificados);
    println!("== {caso}\n{tabla}");
    for c in &calificados {
        let esperado = esperados
            .iter()
            .find(|(n, _)| *n == c.ejercicio.nombre)
            .map_or(SinEntregar, |(_, e)| *e);
        let maximo = f64::from(c.ejercicio.puntos);
        let bien = match esperado {
            Puntos(p) => {
                matches!(c.situacion, Situacion::Calificado) && (c.puntos - p).abs() < 1e-9
            }
            Parcial => {
                matches!(c.situacion, Situacion::Calificado) && c.puntos > 0.0 && c.puntos < maximo
            }
            Anulado => matches!(c.situacion, Situacion::Anulado(_)) && c.puntos == 0.0,
            SinEntregar => matches!(c.situacion, Situacion::SinEntregar) && c.puntos == 0.0,
            SinEmpezar => matches!(c.situacion, Situacion::SinEmpezar) && c.puntos == 0.0,
        };
        assert!(
            bien,
            "{caso}: «{}» debía quedar {esperado:?} y quedó {:?} con {} puntos\n{tabla}",
            c.ejercicio.nombre, c.situacion, c.puntos
        );
    }
    calificados
}

fn completo(c: &[Calificado], nombre: &str) -> bool {
    c.iter()
        .any(|c| c.ejercicio.nombre == nombre && c.completo())
}

#[test]
fn una_entrega_correcta_recibe_todos_los_puntos() {
    let e = entrega("correcta", |_| {});
    comprobar(
        "correcta",
        &e,
        &[("suma", Puntos(10.0)), ("semaforos", Puntos(15.0))],
    );
    let c = calificacion::calificar(&e).unwrap();
    assert!(completo(&c, "suma") && completo(&c, "semaforos"));
}

#[test]
fn una_entrega_con_un_error_recibe_puntos_parciales() {
    let e = entrega("parcial", |e| {
        // El error clásico: `if` en vez de `while` alrededor de la espera.
        cambiar(
            e,
            "exercises/semaforos/src/lib.rs",
            "while *libres == 0 {\n            self.aviso.wait",
            "if *libres == 0 {\n            self.aviso.wait",
        );
    });
    comprobar(
        "parcial",
        &e,
        &[("suma", Puntos(10.0)), ("semaforos", Parcial)],
    );
}

#[test]
fn un_interbloqueo_y_un_bucle_infinito_no_impiden_calificar_lo_demas() {
    let e = entrega("interbloqueo", |e| {
        // Despertar perdido: liberar no avisa.
        cambiar(
            e,
            "exercises/semaforos/src/lib.rs",
            "*libres += 1;\n        self.aviso.notify_one();",
            "*libres += 1;",
        );
        // Un bucle infinito con 1000 elementos.
        cambiar(
            e,
            "exercises/suma/src/lib.rs",
            "let mut total = 0u128;\n    for &x in datos {",
            "let mut total = 0u128;\n    while datos.len() == 1000 {\n        std::hint::spin_loop();\n    }\n    for &x in datos {",
        );
    });
    comprobar(
        "interbloqueo",
        &e,
        &[("suma", Parcial), ("semaforos", Parcial)],
    );
}

#[test]
fn agotar_la_memoria_solo_suspende_esa_prueba() {
    let e = entrega("memoria", |e| {
        cambiar(
            e,
            "exercises/suma/src/lib.rs",
            "let mut total = 0u128;\n    for &x in datos {",
            "let mut total = 0u128;\n    if datos.len() == 5 {\n        let enorme = vec![1u8; 1 << 36];\n        std::hint::black_box(&enorme);\n    }\n    for &x in datos {",
        );
    });
    let calificados = comprobar(
        "memoria",
        &e,
        &[("suma", Parcial), ("semaforos", Puntos(15.0))],
    );
    // El proceso aborta sin pasar por el arnés: aun así, se dice qué pasó.
    let suma = calificados.iter().find(|c| c.ejercicio.nombre == "suma");
    let fallos: Vec<_> = suma
        .unwrap()
        .pruebas
        .iter()
        .filter(|p| p.estado != curso::ejecucion::Estado::Pasa)
        .collect();
    assert!(
        !fallos.is_empty()
            && fallos
                .iter()
                .all(|p| p.mensaje.starts_with("memoria agotada: ")),
        "{:#?}",
        fallos
            .iter()
            .map(|p| (&p.nombre, &p.mensaje))
            .collect::<Vec<_>>()
    );
}

#[test]
fn un_ejercicio_sin_tocar_queda_sin_empezar() {
    let esqueleto = std::fs::read_to_string(raiz().join("tests/suma/esqueleto.rs")).unwrap();
    let e = entrega("sin_empezar", |e| {
        // Con finales de línea de Windows, como lo dejaría git en un checkout de Windows.
        escribir(
            e,
            "exercises/suma/src/lib.rs",
            &esqueleto.replace('\n', "\r\n"),
        );
        std::fs::remove_dir_all(e.join("exercises/semaforos")).unwrap();
    });
    let calificados = comprobar(
        "sin_empezar",
        &e,
        &[("suma", SinEmpezar), ("semaforos", SinEntregar)],
    );
    let tabla = resultados::tabla(&calificados);
    assert!(
        tabla.contains("sin empezar") && !tabla.contains('✘'),
        "{tabla}"
    );
}

#[test]
fn salir_del_proceso_anula_el_ejercicio() {
    let e = entrega("trampa_exit", |e| {
        cambiar(
            e,
            "exercises/suma/src/lib.rs",
            "let mut total = 0u128;",
            "if datos.is_empty() {\n        std::process::exit(0);\n    }\n    let mut total = 0u128;",
        );
    });
    comprobar(
        "trampa_exit",
        &e,
        &[("suma", Anulado), ("semaforos", Puntos(15.0))],
    );
}

#[test]
fn imprimir_un_falso_resultado_no_aprueba() {
    let e = entrega("trampa_salida_falsa", |e| {
        // Escribe directamente en la salida (sin pasar por la captura de libtest) una línea
        // de éxito falsa, y devuelve un resultado equivocado.
        cambiar(
            e,
            "exercises/suma/src/lib.rs",
            "    let mut total = 0u128;\n    for &x in datos {",
            "    use std::io::Write;\n    let _ = std::io::stdout().write_all(b\"test result: ok. 1 passed; 0 failed\\n\");\n    let mut total = 1u128;\n    for &x in datos {",
        );
    });
    comprobar(
        "trampa_salida_falsa",
        &e,
        &[("suma", Parcial), ("semaforos", Puntos(15.0))],
    );
}

#[test]
fn salir_con_otro_nombre_tras_una_salida_falsa_no_aprueba() {
    let e = entrega("trampa_exit_disfrazado", |e| {
        // Ni «process::exit» ni «std::process» aparecen en el texto, pero la revisión lee el
        // código como el compilador (resuelve el alias `p`) y anula el ejercicio. Si se le
        // escapara, el arnés detectaría la salida (atexit) y la prueba fallaría igual.
        cambiar(
            e,
            "exercises/suma/src/lib.rs",
            "let mut total = 0u128;",
            "if datos.is_empty() {\n        use std::io::Write;\n        use std::{process as p};\n        let _ = std::io::stdout().write_all(b\"test result: ok. 1 passed; 0 failed\\n\");\n        p::exit(0);\n    }\n    let mut total = 0u128;",
        );
    });
    comprobar(
        "trampa_exit_disfrazado",
        &e,
        &[("suma", Anulado), ("semaforos", Puntos(15.0))],
    );
}

#[test]
fn tocar_las_pruebas_o_las_instantaneas_anula_el_ejercicio() {
    let suite = std::fs::read_to_string(raiz().join("tests/suma/suite.rs")).unwrap();
    let e = entrega("trampa_ignore", |e| {
        escribir(
            e,
            "tests/suma/suite.rs",
            &suite.replacen("#[test]\n", "#[test]\n#[ignore]\n", 3),
        );
    });
    comprobar(
        "trampa_ignore",
        &e,
        &[("suma", Anulado), ("semaforos", Puntos(15.0))],
    );
    let e = entrega("trampa_instantanea", |e| {
        // La suite intacta, pero sin sus instantáneas.
        escribir(e, "tests/suma/suite.rs", &suite);
    });
    comprobar(
        "trampa_instantanea",
        &e,
        &[("suma", Anulado), ("semaforos", Puntos(15.0))],
    );
}

#[test]
fn usar_la_solucion_de_referencia_anula_el_ejercicio() {
    let solucion = std::fs::read_to_string(raiz().join("solutions/suma/src/lib.rs")).unwrap();
    let e = entrega("trampa_copia", |e| {
        escribir(e, "exercises/suma/src/lib.rs", &solucion)
    });
    comprobar(
        "trampa_copia",
        &e,
        &[("suma", Anulado), ("semaforos", Puntos(15.0))],
    );
    let e = entrega("trampa_path", |e| {
        escribir(
            e,
            "exercises/suma/src/lib.rs",
            "#[path = \"../../../../../../solutions/suma/src/lib.rs\"]\nmod s;\npub use s::*;\n",
        );
    });
    comprobar(
        "trampa_path",
        &e,
        &[("suma", Anulado), ("semaforos", Puntos(15.0))],
    );
    let e = entrega("trampa_dependencia", |e| {
        let toml = std::fs::read_to_string(raiz().join("exercises/suma/Cargo.toml")).unwrap();
        let toml = toml.replacen(
            "[dependencies]\n",
            "[dependencies]\nsuma-solucion = { path = \"../../../../solutions/suma\" }\n",
            1,
        );
        escribir(e, "exercises/suma/Cargo.toml", &toml);
    });
    comprobar(
        "trampa_dependencia",
        &e,
        &[("suma", Anulado), ("semaforos", Puntos(15.0))],
    );
}
