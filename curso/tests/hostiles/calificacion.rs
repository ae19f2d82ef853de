//! Calificaciones de verdad (compilan y ejecutan en la jaula) de entregas hostiles.

use super::leer;
use curso::raiz;
use std::path::PathBuf;

/// Todos los archivos del curso que una entrega no debe poder cambiar, con su contenido.
fn instantanea_del_curso() -> Vec<(PathBuf, Vec<u8>)> {
    let mut todo = Vec::new();
    let mut pendientes: Vec<PathBuf> = ["tests", "solutions", "exercises", "crates", "curso/src"]
        .iter()
        .map(|c| raiz().join(c))
        .collect();
    while let Some(dir) = pendientes.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let ruta = e.path();
            if ruta.is_dir() {
                pendientes.push(ruta);
            } else {
                todo.push((ruta.clone(), std::fs::read(&ruta).unwrap()));
            }
        }
    }
    todo.sort();
    todo
}

/// Una calificación de verdad, en la jaula: la entrega honesta de semáforos conserva sus 15
/// puntos; la de suma trae un `build.rs` que el banco no ejecuta y una prueba que escribe sin
/// fin (falla esa prueba, la salida queda recortada); un candado viejo con un PID vivo no
/// detiene nada, y el curso queda intacto.
#[test]
fn una_calificacion_hostil_deja_el_curso_intacto() {
    use curso::calificacion::{self, Situacion};
    let entrega = raiz().join("target/curso/hostiles/entrega");
    let _ = std::fs::remove_dir_all(&entrega);
    let correcta = raiz().join("curso/tests/entregas/correcta/exercises");
    let suma = entrega.join("exercises/suma");
    std::fs::create_dir_all(suma.join("src")).unwrap();
    std::fs::create_dir_all(entrega.join("exercises/semaforos/src")).unwrap();
    std::fs::copy(
        correcta.join("semaforos/src/lib.rs"),
        entrega.join("exercises/semaforos/src/lib.rs"),
    )
    .unwrap();
    let lib = leer(correcta.join("suma/src/lib.rs")).replacen(
        "    let mut total = 0u128;\n    for &x in datos {",
        "    if datos.len() == 5 {\n        use std::io::Write;\n        loop {\n            let _ = std::io::stdout().write_all(&[b'x'; 4096]);\n        }\n    }\n    let mut total = 0u128;\n    for &x in datos {",
        1,
    );
    std::fs::write(suma.join("src/lib.rs"), lib).unwrap();
    let marca = raiz().join("target/curso/hostiles/build_rs_ejecutado");
    let _ = std::fs::remove_file(&marca);
    std::fs::write(
        suma.join("build.rs"),
        format!(
            "fn main() {{ std::fs::write({:?}, \"sí\").unwrap(); }}\n",
            marca.display().to_string()
        ),
    )
    .unwrap();
    let toml = leer("exercises/suma/Cargo.toml").replacen(
        "[package]\n",
        "[package]\nbuild = \"build.rs\"\n",
        1,
    );
    std::fs::write(suma.join("Cargo.toml"), toml).unwrap();
    let candado = curso::provisional().join("banco/suma.candado");
    std::fs::create_dir_all(candado.parent().unwrap()).unwrap();
    std::fs::write(&candado, std::process::id().to_string()).unwrap();

    let antes = instantanea_del_curso();
    let calificados = calificacion::calificar(&entrega).expect("calificar");
    println!("{}", curso::resultados::tabla(&calificados));
    assert!(
        instantanea_del_curso() == antes,
        "la calificación cambió el curso"
    );
    assert!(
        !marca.exists(),
        "el banco ejecutó el build.rs de la entrega"
    );

    let de = |n: &str| {
        calificados
            .iter()
            .find(|c| c.ejercicio.nombre == n)
            .unwrap()
    };
    assert!(de("semaforos").completo() && de("semaforos").puntos == 15.0);
    let suma = de("suma");
    assert!(
        matches!(suma.situacion, Situacion::Calificado),
        "{:?}",
        suma.situacion
    );
    assert!(
        suma.puntos > 0.0 && suma.puntos < 10.0,
        "suma: {} puntos",
        suma.puntos
    );
    let maximo = (curso::aislamiento::SALIDA_KIB * 1024) as usize;
    for p in &suma.pruebas {
        assert!(
            p.salida.len() < 2 * maximo + 4096,
            "{}: salida sin recortar",
            p.nombre
        );
    }
    // La prueba que escribe sin fin muere por SIGXFSZ al pasar el límite: se dice así.
    assert!(
        suma.pruebas
            .iter()
            .any(|p| p.mensaje.contains("MiB de salida") && p.mensaje.contains("límite")),
        "{:#?}",
        suma.pruebas
    );
}

/// Una entrega cuyas pruebas se atascan no pasa de su presupuesto: las que no caben cuentan
/// como falladas por eso. Y los mensajes de sus pánicos (escapes ANSI que borran la
/// pantalla, un `\r` con un falso aprobado, caracteres que rompen el XML) no llegan a la
/// tabla, a results.json ni a junit.xml.
#[test]
fn un_ejercicio_que_se_atasca_no_pasa_de_su_presupuesto_ni_ensucia_las_salidas() {
    use curso::calificacion;
    let entrega = raiz().join("target/curso/hostiles/atascada");
    let _ = std::fs::remove_dir_all(&entrega);
    let suma = entrega.join("exercises/suma");
    std::fs::create_dir_all(suma.join("src")).unwrap();
    let hostil = "\\u{1b}[2J\\u{1b}[1;1H\\r✔ 10 de 10 puntos\\u{ffff}\\u{0}";
    let lib = leer("exercises/suma/src/lib.rs")
        .replacen(
            "    todo!(\"reparte `datos` en trozos contiguos y súmalos en `std::thread::scope`\")",
            &format!("    panic!(\"{hostil}\")"),
            1,
        )
        .replace(
            "    todo!(",
            "    loop {\n        std::thread::sleep(std::time::Duration::from_secs(1));\n    }\n    #[allow(unreachable_code)]\n    todo!(",
        );
    std::fs::write(suma.join("src/lib.rs"), lib).unwrap();

    let presupuesto = std::time::Duration::from_secs(20);
    let calificados = calificacion::calificar_con(&entrega, presupuesto).expect("calificar");
    let suma = calificados
        .iter()
        .find(|c| c.ejercicio.nombre == "suma")
        .unwrap();
    let agotadas: Vec<_> = suma
        .pruebas
        .iter()
        .filter(|p| p.mensaje == curso::ejecucion::PRESUPUESTO_AGOTADO)
        .collect();
    assert!(!agotadas.is_empty(), "{:#?}", suma.pruebas);
    // Lo que se ejecutó cabe en el presupuesto (más lo que tarda en morir la última).
    let gastado: std::time::Duration = suma.pruebas.iter().map(|p| p.duracion).sum();
    assert!(
        gastado <= 2 * (presupuesto + std::time::Duration::from_secs(5)),
        "{gastado:?}"
    );
    assert!(suma.puntos == 0.0);

    let tabla = curso::resultados::tabla(&calificados);
    println!("{tabla}");
    assert!(tabla.contains("presupuesto de tiempo del ejercicio agotado"));
    let salidas = [
        tabla,
        curso::resultados::json(&calificados).to_string(),
        curso::resultados::junit(&calificados),
    ];
    assert!(
        salidas[0].contains("✔ 10 de 10 puntos"),
        "no se vio el pánico"
    );
    for s in salidas {
        for c in ['\u{1b}', '\r', '\u{ffff}', '\u{0}'] {
            assert!(!s.contains(c), "{c:?} en la salida");
        }
        assert!(!s.contains("\\u001b") && !s.contains("\\r✔"), "{s}");
    }
}
