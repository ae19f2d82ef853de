//! Los flujos de trabajo de GitHub Actions del curso funcionan: el que el instructor copia en
//! la plantilla de sus estudiantes (`curso/plantillas/classroom.yml`) y el que califica las
//! entregas desde su propio repositorio (`curso/plantillas/calificacion_del_instructor.yml`).
//! Estas pruebas ejecutan sus órdenes, tal cual están escritas, con una entrega de ejemplo, y
//! comprueban lo que dejan.

use curso::raiz;
use std::path::Path;
use std::process::Command;

/// Las órdenes (`run: |`) de los pasos cuyo nombre empieza por `prefijo`.
fn ordenes(flujo: &str, prefijo: &str) -> String {
    let mut lineas = flujo
        .lines()
        .skip_while(|l| !l.trim_start().starts_with(&format!("- name: {prefijo}")));
    lineas
        .find(|l| l.trim() == "run: |")
        .unwrap_or_else(|| panic!("el paso «{prefijo}» no tiene órdenes"));
    let bloque: Vec<&str> = lineas
        .take_while(|l| l.starts_with("          ") || l.trim().is_empty())
        .collect();
    bloque
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join("\n")
}

/// ¿Fija el paso cuyo nombre empieza por `prefijo` `CARGO_NET_OFFLINE: "true"` en su `env:`?
fn paso_sin_red(flujo: &str, prefijo: &str) -> bool {
    flujo
        .lines()
        .skip_while(|l| !l.trim_start().starts_with(&format!("- name: {prefijo}")))
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with("- name:"))
        .any(|l| l.trim() == "CARGO_NET_OFFLINE: \"true\"")
}

/// `cargo fetch` sin `--target` quiere las dependencias de todas las plataformas (por
/// ejemplo, `windows-sys`), que una compilación en Linux nunca descarga: con la caché a
/// medias, el paso «Dependencias» se quedaba sin ellas. Debe pedir solo las de la plataforma
/// en la que se compila.
#[test]
fn las_dependencias_se_descargan_solo_para_la_plataforma_que_compila() {
    let flujo = std::fs::read_to_string(raiz().join("curso/plantillas/classroom.yml")).unwrap();
    let guion = ordenes(&flujo, "Dependencias");
    let fetch: Vec<&str> = guion
        .lines()
        .filter(|l| l.starts_with("cargo fetch"))
        .collect();
    assert!(
        !fetch.is_empty() && fetch.iter().all(|l| l.contains("--target")),
        "{guion}"
    );
}

#[test]
fn el_flujo_de_classroom_califica_una_entrega() {
    let flujo = std::fs::read_to_string(raiz().join("curso/plantillas/classroom.yml")).unwrap();
    let trabajo = raiz().join("target/curso/flujo-classroom");
    let _ = std::fs::remove_dir_all(&trabajo);
    std::fs::create_dir_all(&trabajo).unwrap();
    // Como en GitHub Actions: la entrega y el curso, uno al lado del otro.
    std::os::unix::fs::symlink(raiz(), trabajo.join("curso")).unwrap();
    copiar(
        &raiz().join("curso/tests/entregas/correcta"),
        &trabajo.join("entrega"),
    );
    let salida_github = trabajo.join("github_output");
    // Cada paso con el entorno que le da el flujo: «Dependencias» puede ir a la red (con una
    // caché de cargo vacía descarga lo que falte) y «Calificar» va sin red, así que esta prueba
    // no depende de lo que otra compilación dejara antes en la caché.
    for (paso, sin_red) in [("Dependencias", false), ("Calificar", true)] {
        assert_eq!(
            paso_sin_red(&flujo, paso),
            sin_red,
            "el paso «{paso}» del flujo debe {}fijar CARGO_NET_OFFLINE",
            if sin_red { "" } else { "no " }
        );
        let guion = ordenes(&flujo, paso);
        let mut orden = Command::new("bash");
        orden
            .args(["-euo", "pipefail", "-c", &guion])
            .current_dir(&trabajo)
            .env("GITHUB_WORKSPACE", &trabajo)
            .env("GITHUB_OUTPUT", &salida_github)
            .env_remove("CARGO_NET_OFFLINE");
        if sin_red {
            orden.env("CARGO_NET_OFFLINE", "true");
        }
        let estado = orden.status().unwrap();
        assert!(estado.success(), "el paso «{paso}» falló:\n{guion}");
    }
    let resultados: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(trabajo.join("results.json")).unwrap())
            .unwrap();
    assert_eq!(resultados["version"], 2);
    let puntos = |nombre: &str| {
        resultados["exercises"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == nombre)
            .unwrap()["points"]
            .as_f64()
    };
    assert_eq!(puntos("suma"), Some(10.0));
    assert_eq!(puntos("semaforos"), Some(15.0));
    let junit = std::fs::read_to_string(trabajo.join("junit.xml")).unwrap();
    assert!(junit.contains("<testsuite name=\"suma\""), "{junit}");
    let github = std::fs::read_to_string(&salida_github).unwrap();
    assert!(
        github.starts_with("result=") && github.trim().len() > 100,
        "{github}"
    );
}

/// Ejecuta las órdenes del paso `paso` de `flujo` en `trabajo`, como lo haría GitHub Actions,
/// con `entorno` además del suyo; sin red si el paso fija `CARGO_NET_OFFLINE`.
fn ejecutar_paso(flujo: &str, paso: &str, trabajo: &Path, entorno: &[(&str, &str)]) {
    let guion = ordenes(flujo, paso);
    let mut orden = Command::new("bash");
    orden
        .args(["-euo", "pipefail", "-c", &guion])
        .current_dir(trabajo)
        .env("GITHUB_WORKSPACE", trabajo)
        .env("GITHUB_OUTPUT", trabajo.join("github_output"))
        .env_remove("CARGO_NET_OFFLINE")
        .envs(entorno.iter().copied());
    if paso_sin_red(flujo, paso) {
        orden.env("CARGO_NET_OFFLINE", "true");
    }
    let estado = orden.status().unwrap();
    assert!(estado.success(), "el paso «{paso}» falló:\n{guion}");
}

/// El flujo del instructor: clona cada entrega de la lista (aquí, un repositorio git local),
/// la califica sin red con su propia copia del curso y deja las notas. El token con que
/// clona no queda en ningún archivo al alcance del código de las entregas.
#[test]
fn el_flujo_del_instructor_califica_las_entregas_de_la_lista() {
    let flujo =
        std::fs::read_to_string(raiz().join("curso/plantillas/calificacion_del_instructor.yml"))
            .unwrap();
    // Lo que el estudiante no controla: no se lanza con sus eventos y no pide escribir nada.
    assert!(!flujo.contains("\n  push:") && !flujo.contains("pull_request"));
    assert!(flujo.contains("persist-credentials: false"));
    assert!(!flujo.contains("write"), "el flujo del instructor solo lee");
    for paso in ["Dependencias", "Entregas"] {
        assert!(!paso_sin_red(&flujo, paso), "«{paso}» necesita la red");
    }
    assert!(paso_sin_red(&flujo, "Calificar"), "«Calificar» va sin red");

    let trabajo = raiz().join("target/curso/flujo-instructor");
    let _ = std::fs::remove_dir_all(&trabajo);
    std::fs::create_dir_all(&trabajo).unwrap();
    std::os::unix::fs::symlink(raiz(), trabajo.join("curso")).unwrap();
    // La entrega de una estudiante, en un repositorio git de verdad.
    let repo = trabajo.join("origen/tarea-ana");
    copiar(&raiz().join("curso/tests/entregas/correcta"), &repo);
    let git = |args: &[&str]| {
        let estado = Command::new("git")
            .args(["-c", "user.name=Ana", "-c", "user.email=ana@example.com"])
            .args(args)
            .current_dir(&repo)
            .status()
            .unwrap();
        assert!(estado.success(), "git {args:?}");
    };
    git(&["init", "--quiet"]);
    git(&["add", "."]);
    git(&["commit", "--quiet", "-m", "entrega"]);
    let lista = trabajo.join("entregas.txt");
    std::fs::write(&lista, format!("# entregas\n\nfile://{}\n", repo.display())).unwrap();
    let lista = lista.display().to_string();
    let entorno = [
        ("ENTREGAS", lista.as_str()),
        ("ENTREGAS_TOKEN", "token-secreto-de-prueba"),
    ];
    for paso in ["Dependencias", "Entregas", "Calificar", "Notas"] {
        ejecutar_paso(&flujo, paso, &trabajo, &entorno);
    }

    assert!(!trabajo.join("entregas/tarea-ana/.git").exists());
    let commits = std::fs::read_to_string(trabajo.join("resultados/commits.txt")).unwrap();
    assert!(commits.starts_with("tarea-ana "), "{commits}");
    let notas = std::fs::read_to_string(trabajo.join("resultados/notas.csv")).unwrap();
    // El máximo es la suma de los puntos del catálogo (crece con cada ejercicio nuevo).
    let maximo: u32 = curso::catalogo::ejercicios()
        .unwrap()
        .iter()
        .map(|e| e.puntos)
        .sum();
    assert!(
        notas.contains(&format!("\"tarea-ana\",25,{maximo}")),
        "{notas}"
    );
    let junit = std::fs::read_to_string(trabajo.join("resultados/tarea-ana/junit.xml")).unwrap();
    assert!(junit.contains("<testsuite name=\"suma\""), "{junit}");
    // El token no quedó escrito en nada que la entrega o los resultados puedan leer.
    let salida = Command::new("grep")
        .args([
            "-r",
            "-l",
            "token-secreto-de-prueba",
            "entregas",
            "resultados",
        ])
        .current_dir(&trabajo)
        .output()
        .unwrap();
    assert!(
        salida.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&salida.stdout)
    );
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
