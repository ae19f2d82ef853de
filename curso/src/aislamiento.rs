//! Una jaula para cada proceso que ejecuta o compila código de una entrega.
//!
//! Con bubblewrap (`bwrap`): todo el sistema de archivos de solo lectura salvo las carpetas
//! que se piden escribibles, un `/tmp` propio, sin red (solo su propio `lo`), su propio
//! espacio de PID (al morir el proceso principal, o quien lo lanzó, muere todo lo de dentro:
//! nada sobrevive a una prueba) y límites de memoria, procesos, tamaño de archivo y tiempo.
//! Sin bubblewrap se avisa una vez y se ejecuta sin jaula, con los mismos límites.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// Los límites de un proceso enjaulado (`None`: sin límite).
#[derive(Debug, Clone, Default)]
pub struct Limites {
    /// Espacio de direcciones (`ulimit -v`).
    pub memoria_kib: Option<u64>,
    /// Procesos e hilos del usuario (`ulimit -u`). El núcleo no lo aplica a root: ahí
    /// contiene el espacio de PID propio.
    pub procesos: Option<u64>,
    /// Tamaño máximo de cada archivo que escribe, también su salida (`ulimit -f`).
    pub archivo_kib: Option<u64>,
    /// Tiempo de reloj; al agotarse se mata la jaula entera.
    pub tiempo: Option<Duration>,
}

/// Lo que puede escribir cada prueba en su salida: 16 MiB por archivo. Más que eso no lo
/// lee nadie, y una salida sin fin no llena el disco.
pub const SALIDA_KIB: u64 = 16 * 1024;

/// La orden que ejecuta `programa` dentro de la jaula, con `escribibles` como únicas
/// carpetas escribibles (además de su `/tmp`). Quien llama añade argumentos, entorno y
/// redirecciones como a cualquier `Command`.
pub fn comando(programa: impl AsRef<OsStr>, escribibles: &[&Path], limites: &Limites) -> Command {
    let jaula = bwrap_disponible();
    let mut orden = if jaula {
        let mut bwrap = Command::new("bwrap");
        bwrap
            .args(argumentos_bwrap(escribibles))
            .arg("--")
            .arg("sh");
        bwrap
    } else {
        Command::new("sh")
    };
    let mut limites = limites.clone();
    if !jaula {
        // Fuera de la jaula, `ulimit -u` contaría todos los procesos e hilos del usuario (su
        // navegador también) y haría fallar pruebas correctas. Dentro, bwrap abre un espacio
        // de usuario propio (salvo para root, a quien el núcleo no aplica el límite).
        limites.procesos = None;
    }
    orden.arg("-c").arg(guion(&limites)).arg(programa.as_ref());
    orden
}

/// ¿Hay una jaula de verdad? (Si no, [`comando`] ya avisó.)
pub fn bwrap_disponible() -> bool {
    static DISPONIBLE: OnceLock<bool> = OnceLock::new();
    *DISPONIBLE.get_or_init(|| {
        let funciona = Command::new("bwrap")
            .args(argumentos_bwrap(&[]))
            .args(["--", "true"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !funciona {
            eprintln!(
                "Aviso: bubblewrap (`bwrap`) no está instalado o no puede ejecutarse aquí, así \
                 que el código de las entregas se ejecuta SIN AISLAR: con red y con permiso para \
                 escribir donde pueda escribir quien califica. Instálalo (en Debian y Ubuntu, \
                 `apt-get install bubblewrap`) antes de calificar entregas ajenas."
            );
        }
        funciona
    })
}

fn argumentos_bwrap(escribibles: &[&Path]) -> Vec<PathBuf> {
    let mut a: Vec<PathBuf> = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
        .map(PathBuf::from)
        .to_vec();
    a.extend(["--tmpfs", "/tmp"].map(PathBuf::from));
    // El `/tmp` propio taparía el curso si viviera dentro de `/tmp`: se vuelve a montar.
    let raiz = crate::raiz();
    if raiz.starts_with("/tmp") {
        a.extend(["--ro-bind".into(), raiz.clone(), raiz]);
    }
    for carpeta in escribibles {
        let _ = std::fs::create_dir_all(carpeta);
        let real = carpeta
            .canonicalize()
            .unwrap_or_else(|_| carpeta.to_path_buf());
        a.extend(["--bind".into(), real.clone(), real]);
    }
    a.extend(
        [
            "--unshare-net",
            "--unshare-pid",
            "--unshare-ipc",
            "--unshare-uts",
            "--die-with-parent",
            "--new-session",
        ]
        .map(PathBuf::from),
    );
    a
}

/// El guion de `sh` que pone los límites y ejecuta el programa (`$0`) con sus argumentos.
fn guion(limites: &Limites) -> String {
    let mut g = String::new();
    if let Some(kib) = limites.memoria_kib {
        g.push_str(&format!("ulimit -v {kib} 2>/dev/null; "));
    }
    if let Some(n) = limites.procesos {
        g.push_str(&format!("ulimit -u {n} 2>/dev/null; "));
    }
    if let Some(kib) = limites.archivo_kib {
        // En bloques de 512 bytes (dash); en bash serían de 1 KiB: el doble, nunca menos.
        g.push_str(&format!("ulimit -f {} 2>/dev/null; ", kib * 2));
    }
    match limites.tiempo {
        // `timeout` es de coreutils: donde no lo haya (macOS sin GNU), sin límite de reloj
        // antes que sin poder ejecutar nada.
        Some(t) => g.push_str(&format!(
            "if command -v timeout >/dev/null 2>&1; then exec timeout -s KILL {} \"$0\" \"$@\"; \
             fi; exec \"$0\" \"$@\"",
            t.as_secs().max(1)
        )),
        None => g.push_str("exec \"$0\" \"$@\""),
    }
    g
}

/// Lee como mucho `maximo` bytes de `ruta` (lo que falte se indica al final): una prueba
/// que escribe sin parar no agota la memoria de quien califica.
pub fn leer_limitado(ruta: &Path, maximo: u64) -> String {
    use std::io::Read;
    let Ok(archivo) = std::fs::File::open(ruta) else {
        return String::new();
    };
    let total = archivo.metadata().map(|m| m.len()).unwrap_or(0);
    let mut bytes = Vec::new();
    let _ = archivo.take(maximo).read_to_end(&mut bytes);
    let mut texto = String::from_utf8_lossy(&bytes).into_owned();
    if total > maximo {
        texto.push_str(&format!(
            "\n[… salida recortada: {} bytes más que no se leen]\n",
            total - maximo
        ));
    }
    texto
}
