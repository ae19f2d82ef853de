//! La página que dibuja una ejecución explorada que falla: cada prueba de aquí vuelve a
//! ejecutar este binario sobre una prueba «hija» que falla a propósito (solo con
//! `ARNES_HIJA=1`) y mira la página que deja el arnés junto al plan.

use arnes::{anotar, explorar, hilos_explorados};
use contrato::variables;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

fn es_hija() -> bool {
    std::env::var_os("ARNES_HIJA").is_some()
}

/// Ejecuta la hija `prueba` con su carpeta de planes en `dir` (y `extra`) y devuelve la
/// salida y la página, si la hay.
fn ejecutar_hija(prueba: &str, dir: &Path, extra: &[(&str, &str)]) -> (String, Option<String>) {
    let mut orden = Command::new(std::env::current_exe().unwrap());
    orden
        .args([prueba, "--exact", "--test-threads=1"])
        .env("ARNES_HIJA", "1")
        .env(variables::PLANES, dir)
        .env_remove(variables::REPETIR);
    for (clave, valor) in extra {
        orden.env(clave, valor);
    }
    let salida = orden.output().unwrap();
    assert!(!salida.status.success(), "la hija {prueba} debía fallar");
    let texto = format!(
        "{}{}",
        String::from_utf8_lossy(&salida.stdout),
        String::from_utf8_lossy(&salida.stderr)
    );
    let pagina = std::fs::read_to_string(dir.join(format!("{prueba}.html"))).ok();
    (texto, pagina)
}

fn carpeta(nombre: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("arnes-cronograma-{nombre}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Los nombres de los carriles de una página, en orden.
fn carriles(html: &str) -> Vec<String> {
    html.split("<text class=\"hilo\"")
        .skip(1)
        .filter_map(|t| {
            let t = &t[t.find('>')? + 1..];
            Some(t[..t.find("</text>")?].to_string())
        })
        .collect()
}

#[test]
fn hija_escapar() {
    if !es_hija() {
        return;
    }
    explorar("hija_escapar", || {
        let cuenta = Arc::new(sincro::Mutex::new(0));
        hilos_explorados(2, move |i| {
            *cuenta.lock() += 1;
            anotar(format!("hilo {i} anota <i>algo</i>"));
            assert!(i != 2, "<script>alert('x')</script> & «fin»");
        });
    });
}

#[test]
fn la_pagina_escapa_lo_que_dice_el_codigo_probado_y_marca_el_hilo_que_falla() {
    let dir = carpeta("escapar");
    let registro =
        std::env::temp_dir().join(format!("arnes-cronograma-{}.jsonl", std::process::id()));
    let (texto, pagina) = ejecutar_hija(
        "hija_escapar",
        &dir,
        &[(variables::REGISTRO, registro.to_str().unwrap())],
    );
    let pagina = pagina.unwrap_or_else(|| panic!("sin página:\n{texto}"));
    let ruta = dir.join("hija_escapar.html").display().to_string();
    assert!(
        texto.contains(&ruta),
        "el informe no dice dónde está la página:\n{texto}"
    );
    // En el registro, para `cargo curso probar`: la ruta, y también en el mensaje, antes de la
    // traza (en la primera pantalla).
    let registrado = std::fs::read_to_string(&registro).unwrap();
    let _ = std::fs::remove_file(&registro);
    let ultimo = contrato::Registro::ultimo(&registrado).unwrap();
    assert_eq!(ultimo.pagina.as_deref(), Some(ruta.as_str()));
    let antes_de_la_traza = ultimo.mensaje.split("Lo que pasó").next().unwrap();
    assert!(antes_de_la_traza.contains(&ruta), "{}", ultimo.mensaje);
    assert!(
        !pagina.contains("<script") && !pagina.contains("<i>"),
        "{pagina}"
    );
    assert!(pagina.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; «fin»"));
    assert!(pagina.contains("hilo 1 anota &lt;i&gt;algo&lt;/i&gt;"));
    assert_eq!(carriles(&pagina), ["principal", "hilo 1", "hilo 2"]);
    // El paso que rompe la propiedad, resaltado, y el mensaje en el dibujo.
    assert!(pagina.contains("stroke-width=\"2.5\""));
    assert!(pagina.contains("✘ Aquí se rompe la propiedad:"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hija_larga() {
    if !es_hija() {
        return;
    }
    explorar("hija_larga", || {
        let cuenta = Arc::new(sincro::Mutex::new(0usize));
        let c = Arc::clone(&cuenta);
        hilos_explorados(2, move |_| {
            for _ in 0..30 {
                let visto = *c.lock();
                *c.lock() = visto + 1;
            }
        });
        let total = *cuenta.lock();
        assert_eq!(total, 60, "se perdieron incrementos: la cuenta es {total}");
    });
}

#[test]
fn una_ejecucion_larga_se_pliega_y_repetirla_da_la_misma_pagina() {
    let dir = carpeta("larga");
    let (texto, pagina) = ejecutar_hija("hija_larga", &dir, &[]);
    let pagina = pagina.unwrap_or_else(|| panic!("sin página:\n{texto}"));
    assert!(pagina.contains("pasos plegados"), "no se plegó");
    // La lista de texto los tiene todos: 240 tomas y sueltas, lanzar, unir y terminar.
    let pasos = pagina.matches("<li>").count();
    assert!(pasos > 240, "{pasos} pasos en la lista");
    assert!(pagina.contains("se perdieron incrementos"));
    // Repetir el plan con la orden corta dibuja exactamente la misma ejecución.
    let (_, repetida) = ejecutar_hija("hija_larga", &dir, &[(variables::REPETIR, "hija_larga")]);
    assert_eq!(repetida.as_deref(), Some(pagina.as_str()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hija_ambito() {
    if !es_hija() {
        return;
    }
    explorar("hija_ambito", || {
        // El principal tiene el cerrojo mientras el ámbito espera a un hilo que lo pide.
        let cerrojo = sincro::Mutex::new(());
        let _g = cerrojo.lock();
        sincro::thread::scope(|s| {
            s.spawn(|| drop(cerrojo.lock()));
        });
    });
}

#[test]
fn un_ambito_que_espera_a_quien_espera_su_cerrojo_es_un_ciclo_en_espanol() {
    let dir = carpeta("ambito");
    let (texto, pagina) = ejecutar_hija("hija_ambito", &dir, &[]);
    for ingles in ["Test deadlocked", "deadlock!", "SHUTTLE_CAPTURE_BACKTRACE"] {
        assert!(!texto.contains(ingles), "sale «{ingles}»:\n{texto}");
    }
    assert!(
        texto.contains("ciclo de esperas: principal espera a que termine hilo 1; hilo 1 espera el cerrojo 1, que tiene principal")
            || texto.contains("ciclo de esperas: hilo 1 espera el cerrojo 1, que tiene principal; principal espera a que termine hilo 1"),
        "{texto}"
    );
    let pagina = pagina.unwrap_or_else(|| panic!("sin página:\n{texto}"));
    // El mensaje entero en la página, y en el dibujo un recuadro «bloqueado» por hilo.
    assert!(pagina.contains("principal: espera a que terminen los hilos de su ámbito"));
    assert!(pagina.contains("hilo 1: espera el cerrojo 1 (Mutex::lock)"));
    assert_eq!(pagina.matches("bloqueado: espera").count(), 2, "{pagina}");
    let _ = std::fs::remove_dir_all(&dir);
}
