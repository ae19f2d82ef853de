//! Ejecuta las pruebas de una suite compilada, cada una en su propio proceso.
//!
//! Un proceso por prueba da tres cosas: un límite de tiempo que se cumple siempre (se mata
//! el proceso), pruebas que no se contaminan entre sí (un hilo atascado no frena a las
//! demás) y un veredicto por prueba que no depende de lo que imprima el código probado.

use crate::Resultado;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Lo que imprime el gancho de pánico del arnés antes de cada mensaje.
const MARCA: &str = contrato::MARCA_PANICO;

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
    /// Todo lo que escribió la prueba, para quien quiera los detalles.
    pub salida: String,
    pub duracion: Duration,
}

/// Los nombres de las pruebas de un ejecutable de suite.
pub fn listar(ejecutable: &Path) -> Resultado<Vec<String>> {
    let salida = Command::new(ejecutable)
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
                    let prueba = ejecutar_una(ejecutable, paquete, nombre, &salidas.join(nombre));
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

fn ejecutar_una(ejecutable: &Path, paquete: &str, nombre: &str, base: &Path) -> Prueba {
    let (ruta_out, ruta_err) = (base.with_extension("out"), base.with_extension("err"));
    let inicio = Instant::now();
    let estado = match lanzar(ejecutable, paquete, nombre, &ruta_out, &ruta_err) {
        Ok(estado) => estado,
        Err(e) => {
            return Prueba {
                nombre: nombre.into(),
                estado: Estado::Falla,
                mensaje: e,
                salida: String::new(),
                duracion: inicio.elapsed(),
            };
        }
    };
    let duracion = inicio.elapsed();
    let stdout = std::fs::read_to_string(&ruta_out).unwrap_or_default();
    let stderr = std::fs::read_to_string(&ruta_err).unwrap_or_default();
    let mensaje = match estado {
        Estado::Pasa => String::new(),
        Estado::AgotoTiempo => format!(
            "posible interbloqueo o bucle infinito: la prueba no terminó en {} s y se detuvo",
            LIMITE.as_secs()
        ),
        Estado::Falla => mensaje_de_fallo(&format!("{stdout}\n{stderr}")),
    };
    Prueba {
        nombre: nombre.into(),
        estado,
        mensaje,
        salida: format!("{stdout}{stderr}"),
        duracion,
    }
}

/// Lanza una prueba y espera su final, o la mata al agotar [`LIMITE`].
fn lanzar(
    ejecutable: &Path,
    paquete: &str,
    nombre: &str,
    out: &PathBuf,
    err: &PathBuf,
) -> Resultado<Estado> {
    let archivo = |ruta: &PathBuf| {
        std::fs::File::create(ruta).map_err(|e| format!("no se pudo crear {}: {e}", ruta.display()))
    };
    // Un límite de memoria por prueba (espacio de direcciones, vía `ulimit -v`): un código que
    // agota la memoria falla su prueba en lugar de tumbar la máquina.
    let mut hijo = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {MEMORIA_KIB} 2>/dev/null; exec \"$0\" \"$@\""
        ))
        .arg(ejecutable)
        // Sin --nocapture: lo que imprime el código probado queda en manos de libtest, así que
        // imprimir un falso «test result: ok» no cambia el veredicto.
        .args([nombre, "--exact", "--test-threads", "1"])
        .env("RUST_BACKTRACE", "0")
        // Menos zonas de reserva de malloc: con muchos hilos, cada una aparta 64 MiB de
        // direcciones, y el límite de memoria cuenta direcciones, no páginas usadas.
        .env("MALLOC_ARENA_MAX", "2")
        .env("CARGO_PKG_NAME", paquete)
        // Las instantáneas de insta nunca se escriben al probar: solo se comparan.
        .env("CI", "true")
        .env("INSTA_UPDATE", "no")
        .env("INSTA_WORKSPACE_ROOT", crate::raiz())
        .stdin(Stdio::null())
        .stdout(archivo(out)?)
        .stderr(archivo(err)?)
        .spawn()
        .map_err(|e| format!("no se pudo ejecutar {}: {e}", ejecutable.display()))?;
    let limite = Instant::now() + LIMITE;
    loop {
        if let Some(estado) = hijo
            .try_wait()
            .map_err(|e| format!("error esperando la prueba: {e}"))?
        {
            // Un proceso que acaba con éxito sin haber ejecutado la prueba (por ejemplo, con
            // un `process::exit(0)` a mitad) no cuenta como aprobado.
            let salida = std::fs::read_to_string(out).unwrap_or_default();
            let completa = salida.contains("test result: ok. 1 passed");
            return Ok(if estado.success() && completa {
                Estado::Pasa
            } else {
                Estado::Falla
            });
        }
        if Instant::now() >= limite {
            let _ = hijo.kill();
            let _ = hijo.wait();
            return Ok(Estado::AgotoTiempo);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// El último informe del gancho de pánico del arnés: la propiedad rota, en español.
fn mensaje_de_fallo(salida: &str) -> String {
    let Some(i) = salida.rfind(MARCA) else {
        return "la prueba terminó sin éxito y sin mensaje del arnés (¿un process::exit o un \
                aborto?)"
            .into();
    };
    let informe = &salida[i..];
    // La primera línea dice qué hilo y dónde; el mensaje va después, hasta el resumen de libtest.
    let cuerpo = informe.split_once('\n').map_or(informe, |(_, resto)| resto);
    let fin = cuerpo.find("\nfailures:\n").unwrap_or(cuerpo.len());
    cuerpo[..fin].trim().to_string()
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
) -> Resultado<Prueba> {
    std::fs::create_dir_all(salidas)
        .map_err(|e| format!("no se pudo crear {}: {e}", salidas.display()))?;
    Ok(ejecutar_una(
        ejecutable,
        paquete,
        nombre,
        &salidas.join(nombre),
    ))
}
