//! Lo que ve quien ejecuta `cargo test -p <ejercicio>` cuando una prueba falla: cada prueba
//! de aquí vuelve a ejecutar este mismo binario sobre una prueba «hija» que falla a propósito
//! (solo con `ARNES_HIJA=1`), con `RUST_BACKTRACE=1` como en muchas máquinas, y mira la salida
//! entera, el registro del contrato, los planes y la carpeta temporal.

use arnes::{con_limite_de, explorar, hilos_explorados};
use contrato::{Clase, Registro, variables};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

const HIJA: &str = "ARNES_HIJA";

fn es_hija() -> bool {
    std::env::var_os(HIJA).is_some()
}

/// Lo que dejó una ejecución de una prueba hija.
struct Salida {
    /// La salida normal y la de error, juntas, como en la terminal.
    texto: String,
    exito: bool,
    registros: Vec<Registro>,
    temporal: PathBuf,
    planes: PathBuf,
}

/// Una carpeta propia y vacía para las ejecuciones de una hija; se borra al soltarla (también
/// si la prueba falla): nada de lo que crea una prueba le sobrevive.
struct Carpeta(PathBuf);

impl std::ops::Deref for Carpeta {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Carpeta {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn carpeta(nombre: &str) -> Carpeta {
    let dir = std::env::temp_dir().join(format!("arnes-pantalla-{nombre}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Carpeta(dir)
}

fn ejecutar_hija(prueba: &str, dir: &Path, extra: &[(&str, &str)]) -> Salida {
    let temporal = dir.join("tmp");
    let planes = dir.join("planes");
    let registro = dir.join("registro.jsonl");
    std::fs::create_dir_all(&temporal).unwrap();
    let mut orden = Command::new(std::env::current_exe().unwrap());
    orden
        .args([prueba, "--exact", "--test-threads=1"])
        .env(HIJA, "1")
        .env("RUST_BACKTRACE", "1")
        .env("TMPDIR", &temporal)
        .env(variables::PLANES, &planes)
        .env(variables::REGISTRO, &registro)
        .env_remove(variables::REPETIR)
        .env_remove(variables::EJERCICIO);
    for (clave, valor) in extra {
        orden.env(clave, valor);
    }
    let salida = orden.output().unwrap();
    let texto = format!(
        "{}{}",
        String::from_utf8_lossy(&salida.stdout),
        String::from_utf8_lossy(&salida.stderr)
    );
    let registros = std::fs::read_to_string(&registro)
        .unwrap_or_default()
        .lines()
        .map(|l| Registro::de_linea(l).unwrap_or_else(|| panic!("línea ilegible: {l}")))
        .collect();
    Salida {
        texto,
        exito: salida.status.success(),
        registros,
        temporal,
        planes,
    }
}

/// Frases de shuttle (en inglés) y de la biblioteca estándar que no deben llegar al alumno.
const PROHIBIDAS: [&str; 14] = [
    "failing schedule",
    "persisted to file",
    "Task failed",
    "test panicked in task",
    "Test deadlocked",
    "SHUTTLE_CAPTURE_BACKTRACE",
    "deadlock!",
    "exceeded max_steps",
    "failing seed",
    "To replay",
    "SeqCst",
    "main-thread",
    "<unknown>",
    "stack backtrace",
];

/// Lo común a todo fallo: en español, sin trazas, sin restos en la carpeta temporal, y el
/// informe del arnés es lo primero que sale de la prueba.
fn comprobar_pantalla(salida: &Salida, prueba: &str, propiedad: &str) {
    let texto = &salida.texto;
    assert!(!salida.exito, "la hija debía fallar:\n{texto}");
    for frase in PROHIBIDAS {
        assert!(!texto.contains(frase), "sale «{frase}»:\n{texto}");
    }
    let cabecera = format!("---- {prueba} stdout ----\n");
    let inicio = texto
        .find(&cabecera)
        .unwrap_or_else(|| panic!("sin la salida de la prueba:\n{texto}"))
        + cabecera.len();
    let primeras: Vec<&str> = texto[inicio..].lines().take(3).collect();
    assert!(
        primeras[0].starts_with(arnes::MARCA),
        "la primera línea no es el informe del arnés:\n{texto}"
    );
    assert!(
        primeras[1].contains(propiedad),
        "la segunda línea no dice la propiedad «{propiedad}»:\n{texto}"
    );
    let restos: Vec<_> = std::fs::read_dir(&salida.temporal).unwrap().collect();
    assert!(restos.is_empty(), "quedaron restos en TMPDIR: {restos:?}");
}

/// Las líneas que ocupa la orden corta de repetir, y la orden.
fn orden_de_repetir(texto: &str) -> String {
    let i = texto
        .lines()
        .position(|l| l.starts_with("Para repetir"))
        .unwrap_or_else(|| panic!("sin orden para repetir:\n{texto}"));
    texto.lines().nth(i + 1).unwrap().trim().to_string()
}

#[test]
fn hija_interbloqueo() {
    if !es_hija() {
        return;
    }
    explorar("hija_interbloqueo", || {
        let estado = Arc::new((sincro::Mutex::new(false), sincro::Condvar::new()));
        let e = Arc::clone(&estado);
        hilos_explorados(2, move |i| {
            let (listo, aviso) = &*e;
            if i == 1 {
                let mut l = listo.lock();
                while !*l {
                    aviso.wait(&mut l);
                }
            } else {
                // Cambia el estado sin avisar a nadie: un despertar perdido.
                *listo.lock() = true;
            }
        });
    });
}

#[test]
fn un_interbloqueo_explorado_se_explica_en_espanol_y_se_repite_con_una_orden_corta() {
    let dir = carpeta("interbloqueo");
    let salida = ejecutar_hija("hija_interbloqueo", &dir, &[]);
    comprobar_pantalla(&salida, "hija_interbloqueo", "interbloqueo");
    let texto = &salida.texto;
    // Quién espera qué, hilo por hilo, con los nombres del curso.
    assert!(
        texto.contains("  principal: espera a que termine «hilo 1» (join)\n")
            && texto.contains("  hilo 1: espera un aviso en una variable de condición"),
        "{texto}"
    );

    let orden = orden_de_repetir(texto);
    let esperada = format!(
        "{}='{}' {}=hija_interbloqueo cargo test -p arnes hija_interbloqueo",
        variables::PLANES,
        salida.planes.display(),
        variables::REPETIR
    );
    assert_eq!(orden, esperada);
    assert!(salida.planes.join("hija_interbloqueo.plan").is_file());

    let ultimo = salida.registros.last().expect("sin registro");
    assert_eq!(ultimo.clase, Clase::Interbloqueo, "{ultimo:?}");
    assert_eq!(ultimo.repetir.as_deref(), Some(esperada.as_str()));
    assert!(!ultimo.mensaje.contains("Para repetir"), "{ultimo:?}");

    // Repetir con la orden corta (el plan sale de su archivo) reproduce el mismo fallo, sin
    // avisos de shuttle.
    let repetida = ejecutar_hija(
        "hija_interbloqueo",
        &dir,
        &[(variables::REPETIR, "hija_interbloqueo")],
    );
    comprobar_pantalla(&repetida, "hija_interbloqueo", "interbloqueo");
    assert_eq!(
        repetida.registros.last().map(|r| r.clase),
        Some(Clase::Interbloqueo)
    );
}

#[test]
fn hija_propiedad() {
    if !es_hija() {
        return;
    }
    explorar("hija_propiedad", || {
        let cuenta = Arc::new(sincro::Mutex::new(0));
        let c = Arc::clone(&cuenta);
        hilos_explorados(2, move |_| {
            // Leer y escribir en dos secciones críticas: se pierden incrementos.
            let visto = *c.lock();
            *c.lock() = visto + 1;
        });
        let total = *cuenta.lock();
        assert_eq!(total, 2, "se perdió un incremento: la cuenta es {total}");
    });
}

#[test]
fn una_propiedad_rota_al_explorar_dice_cual_primero_y_en_que_hilo() {
    let dir = carpeta("propiedad");
    let salida = ejecutar_hija("hija_propiedad", &dir, &[]);
    comprobar_pantalla(&salida, "hija_propiedad", "se perdió un incremento");
    assert!(
        salida
            .texto
            .contains("«principal» (crates/arnes/tests/pantalla.rs:"),
        "el informe no dice el hilo y el lugar de la comprobación:\n{}",
        salida.texto
    );
    let ultimo = salida.registros.last().expect("sin registro");
    assert_eq!(ultimo.clase, Clase::Propiedad);
    assert_eq!(ultimo.hilo, "principal");
    assert!(ultimo.lugar.contains("pantalla.rs:"), "{ultimo:?}");
    assert!(
        ultimo.repetir.as_deref().is_some_and(|r| r.len() < 200),
        "{ultimo:?}"
    );
}

#[test]
fn hija_pasa() {
    if !es_hija() {
        return;
    }
    explorar("hija_pasa", || {
        hilos_explorados(2, |_| {});
    });
}

#[test]
fn una_exploracion_que_pasa_no_deja_nada() {
    let dir = carpeta("pasa");
    let salida = ejecutar_hija("hija_pasa", &dir, &[]);
    assert!(salida.exito, "{}", salida.texto);
    let restos: Vec<_> = std::fs::read_dir(&salida.temporal).unwrap().collect();
    assert!(restos.is_empty(), "quedaron restos en TMPDIR: {restos:?}");
    assert!(!salida.planes.exists(), "se guardó un plan sin fallo");
    assert!(salida.registros.is_empty());
}

#[test]
fn hija_sin_implementar() {
    if !es_hija() {
        return;
    }
    con_limite_de(Duration::from_secs(10), "sin implementar", || -> u32 {
        todo!()
    });
}

#[test]
fn un_todo_se_registra_como_sin_implementar_y_sin_traza() {
    let dir = carpeta("todo");
    let salida = ejecutar_hija("hija_sin_implementar", &dir, &[]);
    comprobar_pantalla(&salida, "hija_sin_implementar", "sin implementar todavía");
    let lineas = salida.texto.lines().count();
    assert!(lineas < 25, "{lineas} líneas:\n{}", salida.texto);
    let ultimo = salida.registros.last().expect("sin registro");
    assert_eq!(ultimo.clase, Clase::SinImplementar);
    assert_eq!(ultimo.hilo, "escenario: sin implementar");
}

#[test]
fn hija_tiempo() {
    if !es_hija() {
        return;
    }
    let (_tx, rx) = std::sync::mpsc::channel::<()>();
    let rx = std::sync::Mutex::new(rx);
    // Espera un mensaje que nunca llega: agota el límite.
    con_limite_de(Duration::from_secs(1), "espera eterna", move || {
        let _ = rx.lock().unwrap().recv();
    });
}

#[test]
fn un_escenario_sin_terminar_se_registra_como_tiempo() {
    let dir = carpeta("tiempo");
    let salida = ejecutar_hija("hija_tiempo", &dir, &[]);
    comprobar_pantalla(&salida, "hija_tiempo", "«espera eterna» no terminó");
    let ultimo = salida.registros.last().expect("sin registro");
    assert_eq!(ultimo.clase, Clase::Tiempo);
    assert!(ultimo.lugar.contains("pantalla.rs:"), "{ultimo:?}");
}

#[test]
fn hija_sin_memoria() {
    if !es_hija() {
        return;
    }
    con_limite_de(Duration::from_secs(10), "reserva enorme", || {
        // 2⁶² bytes: ningún sistema los tiene.
        let v: Vec<u8> = Vec::with_capacity(1 << 62);
        v.capacity()
    });
}

#[test]
fn agotar_la_memoria_se_dice_en_espanol_antes_de_morir() {
    let dir = carpeta("memoria");
    let salida = ejecutar_hija("hija_sin_memoria", &dir, &[]);
    let texto = &salida.texto;
    assert!(!salida.exito);
    assert!(
        texto.contains(
            "sin memoria: el hilo «escenario: reserva enorme» pidió 4611686018427387904 bytes"
        ),
        "{texto}"
    );
    let ultimo = salida.registros.last().expect("sin registro");
    assert_eq!(ultimo.clase, Clase::SinMemoria);
    assert_eq!(ultimo.hilo, "escenario: reserva enorme");
}

#[test]
fn hija_atascada() {
    if !es_hija() {
        return;
    }
    explorar("hija_atascada", || {
        // Un Mutex de std, que el planificador no ve: si un hilo explorado lo espera mientras
        // otro lo tiene, se bloquea el hilo del sistema en el que corren todos.
        let cerrojo = Arc::new(std::sync::Mutex::new(()));
        hilos_explorados(2, move |_| {
            let _g = cerrojo.lock().unwrap();
            sincro::thread::yield_now();
        });
    });
}

#[test]
fn una_exploracion_atascada_dice_en_que_hilo_y_por_que_puede_ser() {
    let dir = carpeta("atascada");
    let salida = ejecutar_hija("hija_atascada", &dir, &[("ARNES_LIMITE_EXPLORACION", "1")]);
    comprobar_pantalla(
        &salida,
        "hija_atascada",
        "«hija_atascada» no terminó en 1 s",
    );
    let texto = &salida.texto;
    assert!(
        texto.contains("se quedó parada dentro de «hilo "),
        "no dice en qué hilo:\n{texto}"
    );
    assert!(texto.contains("std::sync"), "{texto}");
    assert_eq!(
        salida.registros.last().map(|r| r.clase),
        Some(Clase::Tiempo)
    );
}

#[test]
fn hija_sin_implementar_explorada() {
    if !es_hija() {
        return;
    }
    explorar("hija_sin_implementar_explorada", || todo!());
}

#[test]
fn un_todo_explorado_no_ofrece_repetir_nada() {
    // Con el esqueleto sin tocar, cada prueba explorada cae en su primer todo!(): no hay
    // planificación que repetir, ni plan que guardar.
    let dir = carpeta("todo-explorado");
    let salida = ejecutar_hija("hija_sin_implementar_explorada", &dir, &[]);
    comprobar_pantalla(
        &salida,
        "hija_sin_implementar_explorada",
        "sin implementar todavía",
    );
    assert!(!salida.texto.contains("Para repetir"), "{}", salida.texto);
    assert!(!salida.planes.exists(), "se guardó un plan de un todo!()");
    let ultimo = salida.registros.last().expect("sin registro");
    assert_eq!(ultimo.clase, Clase::SinImplementar);
    assert_eq!(ultimo.repetir, None);
}

/// Un cerrojo de giro que libera con `Relaxed`: una carrera de datos que solo ve el detector.
#[test]
fn hija_carrera() {
    use sincro::atomic::{AtomicBool, Ordering};
    use sincro::cell::UnsafeCell;
    struct Giro(AtomicBool, UnsafeCell<u32>);
    // SAFETY: el acceso al dato lo ordena el cerrojo (o el detector lo denuncia).
    unsafe impl Sync for Giro {}
    if !es_hija() {
        return;
    }
    explorar("hija_carrera", || {
        let giro = Arc::new(Giro(AtomicBool::new(false), UnsafeCell::new(0)));
        hilos_explorados(2, move |_| {
            while giro
                .0
                .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
                .is_err()
            {
                sincro::hint::spin_loop();
            }
            // SAFETY: tenemos el cerrojo.
            unsafe { *giro.1.get() += 1 };
            giro.0.store(false, Ordering::Relaxed);
        });
    });
}

#[test]
fn repetir_una_carrera_no_trae_avisos_de_shuttle() {
    let dir = carpeta("carrera");
    let salida = ejecutar_hija("hija_carrera", &dir, &[]);
    comprobar_pantalla(&salida, "hija_carrera", "carrera de datos");
    // Al repetir, el plan corre en un proceso nuevo: el aviso de shuttle sobre los órdenes de
    // memoria (que contradice al detector de carreras) saldría ahí por primera vez.
    let repetida = ejecutar_hija(
        "hija_carrera",
        &dir,
        &[(variables::REPETIR, "hija_carrera")],
    );
    comprobar_pantalla(&repetida, "hija_carrera", "carrera de datos");
}

#[test]
fn hija_cerrojos_cruzados() {
    if !es_hija() {
        return;
    }
    explorar("hija_cerrojos_cruzados", || {
        let cerrojos = Arc::new((sincro::Mutex::new(()), sincro::Mutex::new(())));
        hilos_explorados(2, move |i| {
            // Cada hilo toma los dos cerrojos en un orden distinto.
            let (a, b) = &*cerrojos;
            let (primero, segundo) = if i == 1 { (a, b) } else { (b, a) };
            let _p = primero.lock();
            let _s = segundo.lock();
        });
    });
}

/// Aquí el último hilo en bloquearse lo hace dentro de shuttle, después de un cambio de hilo
/// que shuttle hace antes de bloquearlo: sincro lo ve igual, porque el ciclo de esperas ya
/// está cerrado (cada hilo espera un cerrojo que tiene el otro), y lo informa en español antes
/// que shuttle (que diría «Test deadlocked…» en inglés).
#[test]
fn dos_cerrojos_en_orden_cruzado_dicen_que_espera_cada_hilo() {
    let dir = carpeta("cruzados");
    let salida = ejecutar_hija("hija_cerrojos_cruzados", &dir, &[]);
    comprobar_pantalla(
        &salida,
        "hija_cerrojos_cruzados",
        "interbloqueo: todos los hilos esperan",
    );
    let texto = &salida.texto;
    assert!(
        texto.contains("  hilo 1: espera el cerrojo 2 (Mutex::lock)\n")
            && texto.contains("  hilo 2: espera el cerrojo 1 (Mutex::lock)\n"),
        "{texto}"
    );
    assert!(
        texto.contains("ciclo de esperas: hilo 2 espera el cerrojo 1, que tiene hilo 1; hilo 1 espera el cerrojo 2, que tiene hilo 2")
            || texto.contains("ciclo de esperas: hilo 1 espera el cerrojo 2, que tiene hilo 2; hilo 2 espera el cerrojo 1, que tiene hilo 1"),
        "{texto}"
    );
    assert_eq!(
        salida.registros.last().map(|r| r.clase),
        Some(Clase::Interbloqueo)
    );
}
