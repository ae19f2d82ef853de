//! Entregas hostiles: cada mecanismo con el que un estudiante podría ganar puntos sin hacer
//! el trabajo acaba con el ejercicio anulado (con un motivo en español que nombra archivo y
//! línea) o sin puntos, y una entrega honesta al lado conserva todos los suyos.
//!
//! Las trampas que se ven sin compilar están en `curso/tests/hostiles/trampas/<ejercicio>/`
//! y se comprueban con `integridad::revisar`, que no compila nada; las que necesitan enlaces
//! simbólicos o una copia de la solución se construyen aquí. Solo unas pocas se califican
//! de verdad.

#[path = "hostiles/calificacion.rs"]
mod calificacion;

use curso::catalogo::{self, Ejercicio};
use curso::{integridad, raiz};
use std::path::{Path, PathBuf};

fn ejercicio(nombre: &str) -> Ejercicio {
    catalogo::ejercicio(nombre).expect("curso.toml")
}

fn corpus() -> PathBuf {
    raiz().join("curso/tests/hostiles")
}

/// Las carpetas `<ejercicio>/<caso>` de `base`.
fn casos(base: &Path) -> Vec<(String, PathBuf)> {
    let mut casos = Vec::new();
    for e in std::fs::read_dir(base).unwrap().flatten() {
        for c in std::fs::read_dir(e.path()).unwrap().flatten() {
            casos.push((e.file_name().to_string_lossy().into_owned(), c.path()));
        }
    }
    casos.sort();
    casos
}

/// Una carpeta nueva para un caso construido aquí.
fn carpeta(caso: &str) -> PathBuf {
    let c = raiz().join("target/curso/hostiles").join(caso);
    let _ = std::fs::remove_dir_all(&c);
    std::fs::create_dir_all(c.join("src")).unwrap();
    c
}

fn leer(ruta: impl AsRef<Path>) -> String {
    std::fs::read_to_string(raiz().join(ruta)).unwrap()
}

#[test]
fn cada_trampa_del_corpus_anula_su_ejercicio() {
    let mut sin_ver = Vec::new();
    for (nombre, caso) in casos(&corpus().join("trampas")) {
        let motivos = integridad::revisar(&ejercicio(&nombre), &caso, None);
        println!("== {}\n{motivos:#?}", caso.display());
        // Cada motivo dice dónde: «src/archivo.rs:línea: …».
        let con_lugar = motivos
            .iter()
            .all(|m| m.starts_with("src/") && m.contains(".rs:"));
        // Si el caso dice qué motivo espera (`motivo.txt`), alguno lo dice.
        let esperado = std::fs::read_to_string(caso.join("motivo.txt")).unwrap_or_default();
        let explicado = motivos.iter().any(|m| m.contains(esperado.trim()));
        if motivos.is_empty() || !con_lugar || !explicado {
            sin_ver.push(caso.display().to_string());
        }
    }
    assert!(
        sin_ver.is_empty(),
        "trampas sin anular o sin lugar: {sin_ver:#?}"
    );
}

#[test]
fn las_entregas_honestas_pasan_la_revision() {
    let mut honestas = casos(&corpus().join("honestas"));
    let correcta = raiz().join("curso/tests/entregas/correcta/exercises");
    honestas.push(("suma".into(), correcta.join("suma")));
    honestas.push(("semaforos".into(), correcta.join("semaforos")));
    for (nombre, caso) in honestas {
        let motivos = integridad::revisar(&ejercicio(&nombre), &caso, None);
        assert!(motivos.is_empty(), "{}: {motivos:#?}", caso.display());
    }
}

#[cfg(unix)]
#[test]
fn un_modulo_que_es_un_enlace_simbolico_anula_el_ejercicio() {
    let c = carpeta("enlace_modulo");
    std::fs::write(c.join("src/lib.rs"), "mod s;\npub use s::*;\n").unwrap();
    std::os::unix::fs::symlink(raiz().join("solutions/suma/src/lib.rs"), c.join("src/s.rs"))
        .unwrap();
    let motivos = integridad::revisar(&ejercicio("suma"), &c, None);
    assert!(
        motivos.iter().any(|m| m.contains("enlace simbólico")),
        "{motivos:#?}"
    );

    // Toda la carpeta `src` enlazada a la de la solución.
    let c = carpeta("enlace_src");
    std::fs::remove_dir(c.join("src")).unwrap();
    std::os::unix::fs::symlink(raiz().join("solutions/suma/src"), c.join("src")).unwrap();
    let motivos = integridad::revisar(&ejercicio("suma"), &c, None);
    assert!(
        motivos.iter().any(|m| m.contains("enlace simbólico")),
        "{motivos:#?}"
    );
}

/// La solución de referencia, disfrazada de varias maneras, sigue siendo una copia.
#[test]
fn la_solucion_movida_rellenada_o_renombrada_es_una_copia() {
    for nombre in ["suma", "semaforos", "productor_consumidor", "cerrojos"] {
        let solucion = leer(format!("solutions/{nombre}/src/lib.rs"));
        let e = ejercicio(nombre);
        let anulada = |caso: &str, preparar: &dyn Fn(&Path)| {
            let c = carpeta(&format!("{nombre}_{caso}"));
            preparar(&c);
            let motivos = integridad::revisar(&e, &c, None);
            println!("== {nombre}/{caso}: {motivos:#?}");
            assert!(
                motivos.iter().any(|m| m.contains("es una copia")),
                "{nombre}/{caso} no se ve como copia: {motivos:#?}"
            );
        };
        anulada("en_otro_archivo", &|c| {
            std::fs::write(
                c.join("src/lib.rs"),
                "mod solucion;\npub use solucion::*;\n",
            )
            .unwrap();
            std::fs::write(c.join("src/solucion.rs"), &solucion).unwrap();
        });
        anulada("rellena", &|c| {
            let relleno: String = (0..400)
                .map(|i| {
                    format!("pub fn relleno_{i}(x: u64) -> u64 {{ x.wrapping_mul({i}) ^ 7 }}\n")
                })
                .collect();
            std::fs::write(c.join("src/lib.rs"), format!("{solucion}\n{relleno}")).unwrap();
        });
        anulada("renombrada_y_sin_comentarios", &|c| {
            std::fs::write(c.join("src/lib.rs"), renombrar(&solucion)).unwrap();
        });
    }
}

/// Cada identificador que no es una palabra clave, con otro nombre, sin comentarios ni
/// saltos de línea: lo que haría una herramienta para disfrazar una copia.
fn renombrar(texto: &str) -> String {
    let flujo: proc_macro2::TokenStream = texto.parse().unwrap();
    fn ir(flujo: proc_macro2::TokenStream) -> String {
        use proc_macro2::TokenTree::*;
        flujo
            .into_iter()
            .map(|t| match t {
                Ident(i) if renombrable(&i.to_string()) => format!("{i}_x "),
                Group(g) => {
                    let (a, c) = match g.delimiter() {
                        proc_macro2::Delimiter::Parenthesis => ("(", ")"),
                        proc_macro2::Delimiter::Brace => ("{", "}"),
                        proc_macro2::Delimiter::Bracket => ("[", "]"),
                        proc_macro2::Delimiter::None => ("", ""),
                    };
                    format!("{a}{}{c} ", ir(g.stream()))
                }
                // `'a` y `::` se escriben juntos: un punto pegado al siguiente token.
                Punct(p) if p.spacing() == proc_macro2::Spacing::Joint => p.to_string(),
                otro => format!("{otro} "),
            })
            .collect()
    }
    ir(flujo)
}

/// Los nombres propios del código (no las palabras clave ni los tipos de std).
fn renombrable(n: &str) -> bool {
    const CLAVES: [&str; 12] = [
        "async", "await", "break", "const", "continue", "crate", "match", "return", "static",
        "struct", "super", "where",
    ];
    n.len() > 4
        && n.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        && !CLAVES.contains(&n)
        && !["while", "trait", "unsafe", "loop"].contains(&n)
}

/// El umbral de copia se elige midiendo el trabajo honesto: las entregas de ejemplo
/// (escritas de forma independiente) frente a cada implementación del curso, y las correctas
/// de `tests/<e>/buenas/` (variantes de la solución) frente a la solución. Las buenas entre
/// sí y el esqueleto se imprimen para el informe: las buenas comparten a propósito la
/// solución (`#[path]`) y un archivo común, y el esqueleto solo aporta la API.
#[test]
fn el_trabajo_independiente_no_parece_una_copia() {
    use integridad::copia;
    let nada = std::collections::HashSet::new();
    let (mut independiente, mut variantes): (f64, f64) = (0.0, 0.0);
    let mut filas = Vec::new();
    for e in catalogo::ejercicios().unwrap() {
        let esqueleto = copia::secuencias([leer(e.esqueleto()).as_str()]);
        let correcta = raiz().join(format!(
            "curso/tests/entregas/correcta/exercises/{}/src/lib.rs",
            e.nombre
        ));
        let buenas: Vec<PathBuf> = e.buenas().unwrap();
        for (i, (nombre_ref, textos)) in integridad::referencias(&e).into_iter().enumerate() {
            let r = copia::secuencias(textos.iter().map(String::as_str));
            let mut medir = |quien: &Path, base: &std::collections::HashSet<u64>| {
                let s = copia::secuencias([leer(quien).as_str()]);
                let parte = copia::contenida(&r, base, &s).unwrap_or(0.0);
                let quien = quien.display().to_string();
                let quien = quien.rsplit("tests/").next().unwrap().to_string();
                filas.push(format!("{:5.1} %  {nombre_ref} ← {quien}", parte * 100.0));
                parte
            };
            if correcta.exists() {
                independiente = independiente.max(medir(&correcta, &esqueleto));
            }
            for (j, buena) in buenas.iter().enumerate() {
                if i == j + 1 {
                    continue; // una buena frente a sí misma
                }
                let parte = medir(buena, &esqueleto);
                if i == 0 {
                    variantes = variantes.max(parte);
                }
            }
            if i == 0 {
                // Sin descontar el esqueleto: cuánto de la solución es la API que ya trae.
                medir(&e.esqueleto(), &nada);
            }
        }
    }
    filas.sort();
    println!("{}", filas.join("\n"));
    println!(
        "independiente: {:.1} %; variantes de la solución: {:.1} %; umbral: {:.0} %",
        independiente * 100.0,
        variantes * 100.0,
        copia::UMBRAL * 100.0
    );
    assert!(
        independiente < copia::UMBRAL - 0.25,
        "un trabajo independiente contiene el {:.1} % de una implementación del curso",
        independiente * 100.0
    );
    assert!(
        variantes < copia::UMBRAL,
        "una correcta de buenas/ contiene el {:.1} % de la solución",
        variantes * 100.0
    );
}

/// Un ejercicio de mentira con su propio candado, para no esperar a otras pruebas.
fn ejercicio_de_candado(nombre: &str) -> Ejercicio {
    let mut e = ejercicio("suma");
    e.nombre = nombre.into();
    e
}

/// Espera, como mucho 20 s, a que `f` termine en otro hilo.
fn antes_de(segundos: u64, f: impl FnOnce() + Send + 'static) -> bool {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        f();
        let _ = tx.send(());
    });
    rx.recv_timeout(std::time::Duration::from_secs(segundos))
        .is_ok()
}

/// Un PID vivo escrito en el candado (el de este mismo proceso) dejaba esperando para
/// siempre a esta calificación y a todas las siguientes.
#[test]
fn un_candado_con_el_pid_de_un_proceso_vivo_no_bloquea_el_banco() {
    let e = ejercicio_de_candado("hostiles_candado_viejo");
    let ruta = e.candado();
    std::fs::create_dir_all(ruta.parent().unwrap()).unwrap();
    std::fs::write(&ruta, std::process::id().to_string()).unwrap();
    assert!(
        antes_de(20, move || drop(curso::banco::turno(&e).unwrap())),
        "el banco sigue esperando a un candado que nadie tiene"
    );
}

/// El candado sigue excluyendo: el segundo turno espera al primero.
#[test]
fn el_segundo_turno_espera_a_que_se_suelte_el_primero() {
    let e = ejercicio_de_candado("hostiles_candado_turnos");
    let primero = curso::banco::turno(&e).unwrap();
    let otro = e.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let turno = curso::banco::turno(&otro).unwrap();
        let _ = tx.send(());
        drop(turno);
    });
    assert!(
        rx.recv_timeout(std::time::Duration::from_millis(500))
            .is_err(),
        "dos turnos a la vez sobre el mismo banco"
    );
    drop(primero);
    assert!(
        rx.recv_timeout(std::time::Duration::from_secs(20)).is_ok(),
        "soltar el primer turno no dejó pasar al segundo"
    );
}

/// ¿Hay jaula? En CI debe haberla (`.ci/run` instala bubblewrap); fuera, se avisa.
fn con_jaula() -> bool {
    if curso::aislamiento::bwrap_disponible() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "en CI bubblewrap debe estar instalado (.ci/run lo instala)"
    );
    eprintln!("bubblewrap no está instalado: no se comprueba la jaula");
    false
}

/// `sh -c guion` dentro de la jaula; devuelve (éxito, salida).
fn en_jaula(guion: &str, limites: &curso::aislamiento::Limites) -> (bool, String) {
    let salida = curso::aislamiento::comando("sh", &[], limites)
        .args(["-c", guion])
        .output()
        .unwrap();
    let texto = String::from_utf8_lossy(&salida.stdout).into_owned()
        + &String::from_utf8_lossy(&salida.stderr);
    (salida.status.success(), texto)
}

#[test]
fn la_jaula_protege_el_curso_la_red_y_tmp() {
    if !con_jaula() {
        return;
    }
    let sin_limites = curso::aislamiento::Limites::default();
    let suite = raiz().join("tests/suma/suite.rs");
    let antes = std::fs::read(&suite).unwrap();
    for destino in [
        suite.clone(),
        raiz().join("target/curso/hostiles/escrito_desde_la_jaula"),
    ] {
        let (bien, texto) = en_jaula(
            &format!("echo roto >> '{}'", destino.display()),
            &sin_limites,
        );
        assert!(
            !bien,
            "la jaula dejó escribir en {}: {texto}",
            destino.display()
        );
    }
    // Como al compilar: solo la carpeta pedida es escribible.
    let escribible = raiz().join("target/curso/hostiles/compilacion");
    let guion = format!(
        "echo bien > '{}/x' && ! echo roto >> '{}'",
        escribible.display(),
        suite.display()
    );
    let salida = curso::aislamiento::comando("sh", &[&escribible], &sin_limites)
        .args(["-c", &guion])
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(salida.success() && escribible.join("x").exists());
    assert_eq!(std::fs::read(&suite).unwrap(), antes, "la suite cambió");

    // Un /tmp propio: lo que se escribe dentro no aparece fuera.
    let marca = format!("/tmp/hostiles-{}", std::process::id());
    let (bien, texto) = en_jaula(&format!("echo hola > {marca} && cat {marca}"), &sin_limites);
    assert!(bien && texto.contains("hola"), "{texto}");
    assert!(!Path::new(&marca).exists(), "{marca} salió de la jaula");

    // Sin red: solo la interfaz de bucle local.
    let (_, texto) = en_jaula("cat /proc/net/dev", &sin_limites);
    let interfaces: Vec<&str> = texto
        .lines()
        .skip(2)
        .filter_map(|l| l.split(':').next())
        .map(str::trim)
        .collect();
    assert_eq!(interfaces, ["lo"], "{texto}");
}

#[test]
fn nada_sobrevive_a_la_jaula_y_sus_limites_se_cumplen() {
    if !con_jaula() {
        return;
    }
    use curso::aislamiento::Limites;
    use std::time::{Duration, Instant};
    // Un proceso en segundo plano muere con la jaula.
    let (bien, _) = en_jaula("sleep 3917 & exit 0", &Limites::default());
    assert!(bien);
    std::thread::sleep(Duration::from_millis(300));
    let vivos: Vec<_> = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|p| std::fs::read(p.path().join("cmdline")).ok())
        .filter(|c| c == b"sleep\x003917\x00")
        .collect();
    assert!(vivos.is_empty(), "un proceso de la jaula sigue vivo");

    // El tiempo de reloj mata la jaula entera.
    let inicio = Instant::now();
    let limites = Limites {
        tiempo: Some(Duration::from_secs(1)),
        ..Limites::default()
    };
    let (bien, _) = en_jaula("sleep 30", &limites);
    assert!(!bien && inicio.elapsed() < Duration::from_secs(15));

    // Una salida sin fin se corta en el límite de tamaño de archivo.
    let salida = raiz().join("target/curso/hostiles/salida_sin_fin.out");
    std::fs::create_dir_all(salida.parent().unwrap()).unwrap();
    let limites = Limites {
        archivo_kib: Some(1024),
        ..Limites::default()
    };
    let estado = curso::aislamiento::comando("sh", &[], &limites)
        .args(["-c", "yes hostil"])
        .stderr(std::process::Stdio::null())
        .stdout(std::fs::File::create(&salida).unwrap())
        .status()
        .unwrap();
    let tamano = std::fs::metadata(&salida).unwrap().len();
    assert!(
        !estado.success() && tamano <= 2 * 1024 * 1024,
        "{estado:?}, {tamano} bytes"
    );
    let leido = curso::aislamiento::leer_limitado(&salida, 1000);
    assert!(leido.len() < 2000 && leido.contains("recortada"), "{leido}");
}

/// El código del propio curso solo se anula por ser la solución: lo que usa (el
/// `std::process` de distribuida, el `unsafe` de cerrojos, los módulos y el `unsafe fn` de
/// matrices) está permitido en su ejercicio.
#[test]
fn cada_solucion_solo_se_anula_por_ser_una_copia() {
    for e in catalogo::ejercicios().unwrap() {
        let carpeta = raiz().join("solutions").join(&e.nombre);
        // Las dependencias del Cargo.toml de la solución (sus medidas) no son lo que se mira.
        let motivos: Vec<String> = integridad::revisar(&e, &carpeta, None)
            .into_iter()
            .filter(|m| !m.starts_with("Cargo.toml"))
            .collect();
        assert!(
            !motivos.is_empty() && motivos.iter().all(|m| m.contains("es una copia")),
            "{}: {motivos:#?}",
            e.nombre
        );
    }
}

/// Un módulo que es una tubería con nombre dejaba la revisión leyendo para siempre.
#[cfg(unix)]
#[test]
fn un_modulo_que_no_es_un_archivo_normal_anula_el_ejercicio() {
    let c = carpeta("tuberia");
    std::fs::write(c.join("src/lib.rs"), "mod a;\n").unwrap();
    let estado = std::process::Command::new("mkfifo")
        .arg(c.join("src/a.rs"))
        .status()
        .unwrap();
    assert!(estado.success());
    let e = ejercicio("suma");
    let revisado = antes_de(20, move || {
        let motivos = integridad::revisar(&e, &c, None);
        assert!(
            motivos
                .iter()
                .any(|m| m.contains("no es un archivo normal")),
            "{motivos:#?}"
        );
    });
    assert!(revisado, "la revisión no terminó");

    let c = carpeta("enorme");
    let relleno = "// relleno\n".repeat(200_000);
    std::fs::write(c.join("src/lib.rs"), relleno).unwrap();
    let motivos = integridad::revisar(&ejercicio("suma"), &c, None);
    assert!(motivos.iter().any(|m| m.contains("bytes")), "{motivos:#?}");
}
