//! Llamadas con cabeceras enormes, hechas en otro proceso con la memoria limitada.
//!
//! Reservar la memoria que anuncia una cabecera antes de comprobarla
//! (`Vec::with_capacity(n)`, `vec![0; n]`) no acaba en un pánico cuando la cabecera es
//! enorme: la reserva falla y el proceso *aborta* («memory allocation of 34359738360 bytes
//! failed»). Ni `catch_unwind` ni el arnés pueden decir entonces qué propiedad se rompió, y
//! con `cargo test` el aborto se lleva por delante todas las pruebas del ejecutable. Al
//! revés, en una máquina con memoria de sobra la reserva puede salir bien y el error pasar
//! sin que nadie lo vea.
//!
//! Por eso esas llamadas se hacen en otro proceso, este mismo ejecutable (como el
//! trabajador, ver `procesos.rs`), con el espacio de direcciones limitado a
//! [`MEMORIA_KIB`]: una reserva mayor falla siempre, en cualquier máquina, y si el proceso
//! aborta, la prueba lo cuenta en español.

use crate::pega::Cuentagotas;
use crate::procesos::{PRUEBA_TRABAJADORA, VARIABLE_MODO, VARIABLE_REGISTRO, VARIABLE_SENAL};
use distribuida::{decodificar, leer_trama};
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Qué llamada hacer y con qué bytes (en hexadecimal): `decodificar:0100…`.
pub const VARIABLE_AISLADA: &str = "DISTRIBUIDA_LLAMADA_AISLADA";

/// El espacio de direcciones del proceso aislado: 1 GiB. Le sobra para ejecutar la suite
/// (unas decenas de MiB) y no le caben ni los 4 GiB de la trama más larga que se puede
/// anunciar en 4 bytes ni los 32 GiB de 4 294 967 295 números de 8 bytes.
pub const MEMORIA_KIB: u64 = 1024 * 1024;

/// Cómo empieza, en la salida del proceso aislado, la línea con el resultado.
const MARCA: &str = "resultado de la llamada aislada: ";

/// `decodificar(carga)` en un proceso aislado. `Ok` lleva lo que devolvió (con `{:?}`) o
/// «un pánico»; `Err`, cómo terminó el proceso si no llegó a responder.
pub fn decodificar_aparte(carga: &[u8]) -> Result<String, String> {
    llamar("decodificar", carga)
}

/// `leer_trama` de un flujo con estos bytes, en un proceso aislado. `Ok` lleva lo que
/// devolvió (con `{:?}`) y cuántos bytes leyó, o «un pánico».
pub fn leer_trama_aparte(bytes: &[u8]) -> Result<String, String> {
    llamar("leer_trama", bytes)
}

/// Si este proceso es un proceso aislado, hace su llamada, escribe el resultado y termina.
/// Si no, no hace nada.
pub fn atender_si_toca() {
    let Ok(peticion) = std::env::var(VARIABLE_AISLADA) else {
        return;
    };
    let (llamada, hex) = peticion.split_once(':').unwrap_or((&peticion, ""));
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hexadecimal mal escrito"))
        .collect();
    let resultado = std::panic::catch_unwind(|| match llamada {
        "decodificar" => format!("{:?}", decodificar(&bytes)),
        "leer_trama" => {
            let mut lector = Cuentagotas::new(bytes.clone());
            let r = leer_trama(&mut lector);
            format!("{r:?}, tras leer {} bytes", lector.posicion)
        }
        otra => panic!("llamada aislada desconocida: {otra}"),
    })
    .unwrap_or_else(|_| "un pánico".into());
    // Directamente a la salida estándar: `println!` lo capturaría libtest, y este proceso
    // termina sin que libtest lo muestre.
    let mut salida = std::io::stdout();
    let _ = writeln!(salida, "{MARCA}{resultado}");
    let _ = salida.flush();
    std::process::exit(0);
}

fn llamar(llamada: &str, bytes: &[u8]) -> Result<String, String> {
    let exe = std::env::current_exe().expect("no se encuentra el ejecutable de la suite");
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    // `ulimit -v` limita el espacio de direcciones del proceso que lo ejecuta, y `exec` lo
    // hereda: el de la suite, con la misma prueba que hace de trabajador.
    let mut hijo = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {MEMORIA_KIB} 2>/dev/null; exec \"$0\" \"$@\""
        ))
        .arg(exe)
        .args([PRUEBA_TRABAJADORA, "--exact", "--test-threads=1", "-q"])
        .env(VARIABLE_AISLADA, format!("{llamada}:{hex}"))
        .env_remove(VARIABLE_MODO)
        .env_remove(VARIABLE_REGISTRO)
        .env_remove(VARIABLE_SENAL)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("no se pudo lanzar el proceso aislado: {e}"))?;
    // Una llamada con 25 bytes acaba en milisegundos; 8 s es un cuelgue.
    let fin = Instant::now() + Duration::from_secs(8);
    let estado = loop {
        if let Some(estado) = hijo.try_wait().map_err(|e| e.to_string())? {
            break estado;
        }
        if Instant::now() >= fin {
            let _ = hijo.kill();
            let _ = hijo.wait();
            return Err("no respondió en 8 s".into());
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let leer = |flujo: Option<&mut dyn Read>| {
        let mut texto = String::new();
        if let Some(flujo) = flujo {
            let _ = flujo.read_to_string(&mut texto);
        }
        texto
    };
    let salida = leer(hijo.stdout.as_mut().map(|s| s as &mut dyn Read));
    let errores = leer(hijo.stderr.as_mut().map(|s| s as &mut dyn Read));
    if let Some(resultado) = salida.lines().find_map(|l| l.strip_prefix(MARCA)) {
        return Ok(resultado.to_string());
    }
    // Lo que dice la biblioteca estándar cuando una reserva de memoria falla.
    let memoria = errores
        .lines()
        .find(|l| l.contains("memory allocation of"))
        .map(|l| format!(": «{}»", l.trim()))
        .unwrap_or_default();
    Err(match senal(&estado) {
        Some(6) => format!("el proceso abortó (SIGABRT){memoria}"),
        Some(s) => format!("el proceso murió por la señal {s}{memoria}"),
        None => format!("el proceso terminó con {estado} sin responder{memoria}"),
    })
}

#[cfg(unix)]
fn senal(estado: &std::process::ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(estado)
}

#[cfg(not(unix))]
fn senal(_: &std::process::ExitStatus) -> Option<i32> {
    None
}
