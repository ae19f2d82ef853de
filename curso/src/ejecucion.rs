//! Ejecuta las pruebas de una suite compilada, cada una en su propio proceso.
//!
//! Un proceso por prueba da tres cosas: un límite de tiempo que se cumple siempre (se mata
//! el proceso), pruebas que no se contaminan entre sí (un hilo atascado no frena a las
//! demás) y un veredicto por prueba que no depende de lo que imprima el código probado.

use crate::Resultado;
use crate::juicio;
use contrato::Clase;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Límite de tiempo de una prueba. El arnés ya corta cada escenario a los 10 s; este límite
/// es la red de seguridad para código que ni siquiera llega al arnés.
pub const LIMITE: Duration = Duration::from_secs(60);

/// Límite de memoria de una prueba: 4 GiB de espacio de direcciones.
pub const MEMORIA_KIB: u64 = 4 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Estado {
    Pasa,
    Falla,
    /// Se mató al proceso por pasarse del límite.
    AgotoTiempo,
}

#[derive(Debug, Clone)]
pub struct Prueba {
    pub nombre: String,
    pub estado: Estado,
    /// El mensaje en español de la propiedad rota (vacío si pasa).
    pub mensaje: String,
    /// Qué clase de fallo fue, si se sabe (del registro del arnés o de cómo acabó el
    /// proceso); `None` si pasa.
    pub clase: Option<Clase>,
    /// Todo lo que escribió la prueba, para quien quiera los detalles.
    pub salida: String,
    pub duracion: Duration,
}

/// Los nombres de las pruebas de un ejecutable de suite.
pub fn listar(ejecutable: &Path) -> Resultado<Vec<String>> {
    // También en la jaula y con límite de tiempo: el código del alumno puede ejecutarse al
    // cargar (`.init_array`).
    let limites = crate::aislamiento::Limites {
        tiempo: Some(LIMITE),
        ..limites()
    };
    let salida = crate::aislamiento::comando(ejecutable, &[], &limites)
        .args(["--list", "--format", "terse"])
        .output()
        .map_err(|e| format!("no se pudo ejecutar {}: {e}", ejecutable.display()))?;
    Ok(String::from_utf8_lossy(&salida.stdout)
        .lines()
        .filter_map(|l| l.strip_suffix(": test"))
        .map(str::to_string)
        .collect())
}

/// Ejecuta todas las pruebas de `ejecutable`, `a_la_vez` procesos como mucho a la vez.
/// `salidas` es una carpeta donde guardar lo que imprime cada prueba.
/// `paquete` es el nombre del crate del ejercicio: las órdenes que sugieren los informes
/// (por ejemplo, para repetir una planificación) lo usan.
pub fn ejecutar(
    ejecutable: &Path,
    paquete: &str,
    salidas: &Path,
    a_la_vez: usize,
) -> Resultado<Vec<Prueba>> {
    ejecutar_hasta(ejecutable, paquete, salidas, a_la_vez, None)
}

/// El motivo de las pruebas que no se ejecutan, o que se detienen, porque al ejercicio se le
/// acabó su parte del tiempo de la calificación.
pub const PRESUPUESTO_AGOTADO: &str = "presupuesto de tiempo del ejercicio agotado: la prueba \
     no llegó a ejecutarse entera porque las anteriores consumieron el tiempo que la \
     calificación da a cada ejercicio (¿interbloqueos o bucles que agotan su límite?)";

/// Como [`ejecutar`], pero sin pasar de `fin`: las pruebas que empezarían después no se
/// ejecutan y la que está en marcha se detiene; todas cuentan como falladas con
/// [`PRESUPUESTO_AGOTADO`]. Así un ejercicio hostil no se come el tiempo de los demás.
pub fn ejecutar_hasta(
    ejecutable: &Path,
    paquete: &str,
    salidas: &Path,
    a_la_vez: usize,
    fin: Option<Instant>,
) -> Resultado<Vec<Prueba>> {
    let nombres = listar(ejecutable)?;
    std::fs::create_dir_all(salidas)
        .map_err(|e| format!("no se pudo crear {}: {e}", salidas.display()))?;
    let pendientes = Mutex::new(nombres.iter().enumerate());
    let resultados = Mutex::new(vec![None; nombres.len()]);
    std::thread::scope(|s| {
        for _ in 0..a_la_vez.max(1) {
            s.spawn(|| {
                loop {
                    let Some((i, nombre)) = pendientes.lock().unwrap().next() else {
                        return;
                    };
                    let prueba = match fin {
                        Some(fin) if Instant::now() >= fin => sin_tiempo(nombre, Duration::ZERO),
                        _ => ejecutar_una(
                            ejecutable,
                            paquete,
                            nombre,
                            &salidas.join(nombre),
                            None,
                            fin,
                        ),
                    };
                    resultados.lock().unwrap()[i] = Some(prueba);
                }
            });
        }
    });
    resultados
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|p| p.ok_or_else(|| "prueba sin resultado".into()))
        .collect()
}

/// `mutante`: el número de mutación que elige un ejecutable conmutado (ver
/// [`crate::mutantes::conmutar`]).
fn ejecutar_una(
    ejecutable: &Path,
    paquete: &str,
    nombre: &str,
    base: &Path,
    mutante: Option<u32>,
    fin: Option<Instant>,
) -> Prueba {
    let (ruta_out, ruta_err) = (base.with_extension("out"), base.with_extension("err"));
    let ruta_registro = base.with_extension("registro");
    let inicio = Instant::now();
    let lanzada = lanzar(
        ejecutable,
        paquete,
        nombre,
        (&ruta_out, &ruta_err, &ruta_registro),
        mutante,
        fin,
    );
    let (estado, final_) = match lanzada {
        Ok(lanzada) => lanzada,
        Err(e) => {
            return Prueba {
                nombre: nombre.into(),
                estado: Estado::Falla,
                mensaje: e,
                clase: None,
                salida: String::new(),
                duracion: inicio.elapsed(),
            };
        }
    };
    let duracion = inicio.elapsed();
    if estado == Estado::AgotoTiempo && fin.is_some_and(|f| Instant::now() >= f) {
        return sin_tiempo(nombre, duracion);
    }
    let leer =
        |ruta| crate::aislamiento::leer_limitado(ruta, crate::aislamiento::SALIDA_KIB * 1024);
    let (stdout, stderr, registro) = (leer(&ruta_out), leer(&ruta_err), leer(&ruta_registro));
    let (mensaje, clase) = match estado {
        Estado::Pasa => (String::new(), None),
        Estado::AgotoTiempo => (
            format!(
                "posible interbloqueo o bucle infinito: la prueba no terminó en {} s y se detuvo",
                LIMITE.as_secs()
            ),
            Some(Clase::Tiempo),
        ),
        Estado::Falla => {
            let juicio = juicio::juzgar(final_.as_ref(), &stdout, &stderr, &registro);
            (juicio.mensaje, juicio.clase)
        }
    };
    Prueba {
        nombre: nombre.into(),
        estado,
        mensaje,
        clase,
        salida: format!("{stdout}{stderr}"),
        duracion,
    }
}

/// Una prueba que no cupo en el presupuesto del ejercicio.
fn sin_tiempo(nombre: &str, duracion: Duration) -> Prueba {
    Prueba {
        nombre: nombre.into(),
        estado: Estado::Falla,
        mensaje: PRESUPUESTO_AGOTADO.into(),
        clase: Some(Clase::Tiempo),
        salida: String::new(),
        duracion,
    }
}

/// Los límites de la jaula de una prueba (el tiempo lo vigila [`lanzar`]).
fn limites() -> crate::aislamiento::Limites {
    crate::aislamiento::Limites {
        memoria_kib: Some(MEMORIA_KIB),
        procesos: Some(4096),
        archivo_kib: Some(crate::aislamiento::SALIDA_KIB),
        tiempo: None,
    }
}

/// Lanza una prueba y espera su final, o la mata al agotar [`LIMITE`]. Devuelve también cómo
/// terminó el proceso (si terminó solo), para explicar los finales sin mensaje del arnés.
fn lanzar(
    ejecutable: &Path,
    paquete: &str,
    nombre: &str,
    (out, err, registro): (&PathBuf, &PathBuf, &PathBuf),
    mutante: Option<u32>,
    fin: Option<Instant>,
) -> Resultado<(Estado, Option<ExitStatus>)> {
    let archivo = |ruta: &PathBuf| {
        std::fs::File::create(ruta).map_err(|e| format!("no se pudo crear {}: {e}", ruta.display()))
    };
    // El registro empieza vacío: lo que haya dentro al acabar es de esta prueba.
    archivo(registro)?;
    // Los planes de las planificaciones que fallan, junto a las salidas de esta implementación:
    // dentro de la jaula solo se puede escribir ahí y en el registro.
    let planes = registro
        .parent()
        .map_or_else(|| PathBuf::from("planes"), |p| p.join("planes"));
    std::fs::create_dir_all(&planes)
        .map_err(|e| format!("no se pudo crear {}: {e}", planes.display()))?;
    // Un límite de memoria por prueba (espacio de direcciones, vía `ulimit -v`): un código que
    // agota la memoria falla su prueba en lugar de tumbar la máquina.
    let mut orden =
        crate::aislamiento::comando(ejecutable, &[registro.as_path(), &planes], &limites());
    if let Some(n) = mutante {
        orden.env(crate::mutantes::VARIABLE_MUTANTE, n.to_string());
    }
    let mut hijo = orden
        // Sin --nocapture: lo que imprime el código probado queda en manos de libtest, así que
        // imprimir un falso «test result: ok» no cambia el veredicto.
        .args([nombre, "--exact", "--test-threads", "1"])
        .env("RUST_BACKTRACE", "0")
        // Menos zonas de reserva de malloc: con muchos hilos, cada una aparta 64 MiB de
        // direcciones, y el límite de memoria cuenta direcciones, no páginas usadas.
        .env("MALLOC_ARENA_MAX", "2")
        // El contrato con el arnés: qué ejercicio es (para las órdenes que sugiere) y dónde
        // registra cada fallo con su clase.
        .env(contrato::variables::EJERCICIO, paquete)
        .env(contrato::variables::REGISTRO, registro)
        .env(contrato::variables::PLANES, &planes)
        // Las instantáneas de insta nunca se escriben al probar: solo se comparan.
        .env("CI", "true")
        .env("INSTA_UPDATE", "no")
        .env("INSTA_WORKSPACE_ROOT", crate::raiz())
        .stdin(Stdio::null())
        .stdout(archivo(out)?)
        .stderr(archivo(err)?)
        .spawn()
        .map_err(|e| format!("no se pudo ejecutar {}: {e}", ejecutable.display()))?;
    let limite = (Instant::now() + LIMITE).min(fin.unwrap_or(Instant::now() + LIMITE));
    loop {
        if let Some(estado) = hijo
            .try_wait()
            .map_err(|e| format!("error esperando la prueba: {e}"))?
        {
            // Un proceso que acaba con éxito sin haber ejecutado la prueba (por ejemplo, con
            // un `process::exit(0)` a mitad) no cuenta como aprobado.
            let salida =
                crate::aislamiento::leer_limitado(out, crate::aislamiento::SALIDA_KIB * 1024);
            let completa = salida.contains("test result: ok. 1 passed");
            let veredicto = if estado.success() && completa {
                Estado::Pasa
            } else {
                Estado::Falla
            };
            return Ok((veredicto, Some(estado)));
        }
        if Instant::now() >= limite {
            let _ = hijo.kill();
            let _ = hijo.wait();
            return Ok((Estado::AgotoTiempo, None));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Ejecuta solo la prueba `nombre` de `ejecutable`, en su proceso y con los mismos límites
/// que [`ejecutar`], y guarda lo que imprime en `salidas`. Para quien reparte él mismo las
/// pruebas entre procesos: la verificación ejecuta a la vez pruebas de varias
/// implementaciones, y de las erróneas solo las que anuncian.
pub fn ejecutar_prueba(
    ejecutable: &Path,
    paquete: &str,
    nombre: &str,
    salidas: &Path,
    mutante: Option<u32>,
) -> Resultado<Prueba> {
    std::fs::create_dir_all(salidas)
        .map_err(|e| format!("no se pudo crear {}: {e}", salidas.display()))?;
    Ok(ejecutar_una(
        ejecutable,
        paquete,
        nombre,
        &salidas.join(nombre),
        mutante,
        None,
    ))
}
