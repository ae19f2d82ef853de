//! El proceso trabajador: este mismo ejecutable, relanzado por un coordinador, hace de
//! trabajador (el tuyo o uno con fallos de la suite), y lo que las pruebas necesitan para
//! lanzarlo y observarlo.

use crate::referencia;
use crate::registros::Registros;
use distribuida::{ErrorDistribuido, Grupo, Mensaje, VARIABLE_COORDINADOR, trabajador};
use std::io::{self, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// La prueba que, lanzada con [`VARIABLE_MODO`], hace de proceso trabajador.
pub const PRUEBA_TRABAJADORA: &str = "un_trabajador_en_otro_proceso_atiende_sus_tareas";
/// Qué trabajador hacer: `normal` (el tuyo, [`trabajador`]) o uno con fallos de la suite.
pub const VARIABLE_MODO: &str = "DISTRIBUIDA_MODO_PRUEBA";
/// Si existe, archivo donde el trabajador anota su pid y cada tarea que recibe.
pub const VARIABLE_REGISTRO: &str = "DISTRIBUIDA_REGISTRO_PRUEBA";
/// Archivo de señal: el trabajador «muere» lo crea justo antes de morir, y el trabajador
/// «aguarda» no responde a su primera tarea hasta que existe. Así el orden de los sucesos
/// entre procesos es siempre el mismo, sin depender de quién vaya más deprisa.
pub const VARIABLE_SENAL: &str = "DISTRIBUIDA_SENAL_PRUEBA";
/// El plazo de respuesta de las pruebas en las que nadie calla: sobra con mucho.
pub const PLAZO_HOLGADO: Duration = Duration::from_secs(30);

/// Anota una línea en el registro del trabajador, si lo hay. Si el registro ya no se puede
/// abrir, su carpeta se borró porque la prueba terminó (este trabajador es un rezagado que
/// nadie esperó): no hay a quién contárselo, y no se recrea nada fuera de la carpeta.
pub fn anotar(linea: &str) {
    if let Some(ruta) = std::env::var_os(VARIABLE_REGISTRO) {
        let archivo = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(ruta);
        if let Ok(mut archivo) = archivo {
            let _ = writeln!(archivo, "{linea}");
        }
    }
}

/// Lo que hace este ejecutable cuando lo lanzan como trabajador. Nunca vuelve.
pub fn ser_trabajador(modo: &str) -> ! {
    anotar(&format!("pid {}", std::process::id()));
    let Ok(direccion) = std::env::var(VARIABLE_COORDINADOR) else {
        eprintln!("el coordinador no pasó su dirección en {VARIABLE_COORDINADOR}");
        std::process::exit(2);
    };
    if modo == "normal" {
        std::process::exit(match trabajador(&direccion) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("el trabajador terminó con error: {e}");
                1
            }
        });
    }
    if modo == "sale" {
        std::process::exit(7);
    }
    // Los modos con fallos («muere:k», «calla:k», «basura:k», «repite:k») actúan al recibir
    // su k-ésima tarea; antes responden bien. «espia» responde siempre bien, y «aguarda»
    // también, pero retiene su primera respuesta hasta que aparece la señal.
    let (que, k) = modo.split_once(':').unwrap_or((modo, "0"));
    let k: usize = k.parse().expect("modo de trabajador mal escrito");
    let mut conexion = TcpStream::connect(&direccion).expect("no se pudo conectar");
    conexion.set_nodelay(true).unwrap();
    conexion
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut recibidas = 0;
    while let Some(carga) = referencia::leer(&mut conexion) {
        let respuesta = match referencia::decodificar(&carga) {
            Some(Mensaje::Sumar { tarea, datos }) => Mensaje::Suma {
                tarea,
                total: referencia::suma(&datos),
            },
            Some(Mensaje::Multiplicar { tarea, filas, b }) => Mensaje::Producto {
                tarea,
                filas: referencia::producto(&filas, &b),
            },
            _ => break,
        };
        recibidas += 1;
        if let Mensaje::Suma { tarea, .. } | Mensaje::Producto { tarea, .. } = &respuesta {
            anotar(&format!("tarea {tarea}"));
        }
        if que == "aguarda" && recibidas == 1 {
            esperar_senal();
        }
        let trama = referencia::trama(&referencia::codificar(&respuesta));
        if recibidas == k {
            match que {
                // Muere con la tarea en la mano, sin responder.
                "muere" => {
                    if let Some(senal) = std::env::var_os(VARIABLE_SENAL) {
                        // Si falla, la prueba ya terminó y se borró su carpeta.
                        let _ = std::fs::write(senal, "muerto");
                    }
                    std::process::exit(3)
                }
                // Deja de responder, pero sigue leyendo (sin contestar) hasta que le cierren.
                "calla" => {
                    let _ = io::copy(&mut conexion, &mut io::sink());
                    std::process::exit(0);
                }
                // Responde con una trama cuyo tipo no existe.
                "basura" => {
                    let _ = conexion.write_all(&referencia::trama(&[9, 0, 0, 0, 0]));
                    continue;
                }
                // Responde dos veces a la misma tarea.
                "repite" => {
                    let _ = conexion.write_all(&trama);
                }
                _ => {}
            }
        }
        if conexion.write_all(&trama).is_err() {
            break;
        }
    }
    std::process::exit(0);
}

/// Espera (como mucho 15 s) a que exista el archivo de señal.
pub fn esperar_senal() {
    let Some(senal) = std::env::var_os(VARIABLE_SENAL) else {
        return;
    };
    let fin = Instant::now() + Duration::from_secs(15);
    while !std::path::Path::new(&senal).exists() && Instant::now() < fin {
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// La orden que lanza este mismo ejecutable como trabajador en el modo `modo`.
pub fn orden_trabajador(modo: &str, registro: Option<&PathBuf>) -> Command {
    let exe = std::env::current_exe().expect("no se encuentra el ejecutable de la suite");
    let mut orden = Command::new(exe);
    orden
        .args([PRUEBA_TRABAJADORA, "--exact", "--test-threads=1", "-q"])
        .env(VARIABLE_MODO, modo)
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    if let Some(r) = registro {
        orden.env(VARIABLE_REGISTRO, r);
    } else {
        orden.env_remove(VARIABLE_REGISTRO);
    }
    orden
}

/// Un grupo con un trabajador por modo; el trabajador `i` anota en el registro `i`.
/// Antes de lanzar trabajadores: tu protocolo debe ser el del enunciado, porque algunos
/// trabajadores de las pruebas hablan con la copia de la suite (`referencia`). Si no lo es,
/// la prueba falla aquí con un mensaje claro, en lugar de colgarse con coordinador y
/// trabajadores que no se entienden.
#[track_caller]
pub fn protocolo_del_enunciado() {
    use distribuida::{codificar, escribir_trama, leer_trama};
    let pista = "Las pruebas del coordinador lanzan trabajadores que hablan el protocolo del \
                 enunciado (algunos con la copia de la suite, para fallar a propósito), así que \
                 se comprueba antes de lanzarlos. Con un protocolo distinto, coordinador y \
                 trabajadores no se entienden y la prueba se colgaría. Arregla primero \
                 escribir_trama_pone_la_longitud_delante, \
                 leer_trama_junta_una_trama_que_llega_a_trozos y \
                 cada_mensaje_se_codifica_con_los_bytes_del_protocolo.";
    let carga = [1u8, 2, 3];
    let mut escrito = Vec::new();
    let _ = escribir_trama(&mut escrito, &carga);
    let esperado = referencia::trama(&carga);
    assert!(
        escrito == esperado,
        "tu protocolo no es el del enunciado: escribir_trama de la carga {} escribió {}, y el \
         protocolo pide {} (la longitud en 4 bytes big-endian y después la carga).\n{pista}",
        crate::datos::hex(&carga),
        crate::datos::hex(&escrito),
        crate::datos::hex(&esperado)
    );
    let leido = leer_trama(&mut &esperado[..]);
    assert!(
        matches!(&leido, Ok(Some(c)) if c[..] == carga[..]),
        "tu protocolo no es el del enunciado: leer_trama de los bytes {} devolvió {leido:?}, y \
         debía devolver la carga {} (la longitud va en 4 bytes big-endian).\n{pista}",
        crate::datos::hex(&esperado),
        crate::datos::hex(&carga)
    );
    for mensaje in crate::datos::ejemplos() {
        let (tuyo, suyo) = (codificar(&mensaje), referencia::codificar(&mensaje));
        assert!(
            tuyo == suyo,
            "tu protocolo no es el del enunciado: codificar({mensaje:?}) da {}, y el protocolo \
             pide {}.\n{pista}",
            crate::datos::hex(&tuyo),
            crate::datos::hex(&suyo)
        );
    }
}

pub fn grupo(
    modos: &[&str],
    limite: Duration,
    registros: Option<&Registros>,
) -> Result<Grupo, ErrorDistribuido> {
    protocolo_del_enunciado();
    let modos: Vec<String> = modos.iter().map(|m| m.to_string()).collect();
    let rutas: Option<Vec<PathBuf>> = registros.map(Registros::rutas);
    Grupo::lanzar(modos.len(), limite, move |i| {
        let mut orden = orden_trabajador(&modos[i], rutas.as_ref().map(|r| &r[i]));
        match rutas.as_ref().and_then(|r| r.last()) {
            Some(senal) => orden.env(VARIABLE_SENAL, senal),
            None => orden.env_remove(VARIABLE_SENAL),
        };
        orden
    })
}

/// Como [`grupo`], pero la prueba falla si no se pudo lanzar.
#[track_caller]
pub fn grupo_listo(modos: &[&str], limite: Duration, registros: Option<&Registros>) -> Grupo {
    match grupo(modos, limite, registros) {
        Ok(g) => g,
        Err(e) => panic!(
            "Grupo::lanzar con {} trabajadores debía funcionar, y devolvió el error «{e}».\n\
             Si tu trabajador falla, la prueba {PRUEBA_TRABAJADORA} lo prueba por separado.",
            modos.len()
        ),
    }
}

/// Si el proceso `pid` sigue existiendo (también como zombi, sin esperar).
pub fn existe(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
}
