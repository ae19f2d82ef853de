//! Medidas de `paso_de_mensajes`: el mismo trabajo que las medidas de `distribuida`, en una
//! sola ejecución y en la misma máquina, con tres transportes:
//!
//! - **MPI** (rsmpi sobre Open MPI, memoria compartida entre procesos): la solución de
//!   referencia de este ejercicio y mensajes punto a punto;
//! - **TCP del curso**: la solución de referencia de `distribuida` (`Grupo`), por 127.0.0.1;
//! - **mpi4py** (el enfoque del original en Python, con MPI), si `python3` puede importar
//!   `mpi4py` y `numpy`: `tests/paso_de_mensajes/original_mpi4py.py`.
//!
//! ```text
//! cargo run --release -p paso_de_mensajes-solucion --example medir_paso_de_mensajes [-- --libro]
//! ```
//!
//! Sin `--libro` solo imprime; con `--libro` escribe `book/src/datos/paso_de_mensajes.json`
//! y dibuja `book/src/img/paso-de-mensajes-medidas.svg`; con `--redibujar`, solo vuelve a
//! dibujar el gráfico a partir de esos datos, sin medir. Las medidas son medianas de
//! varias repeticiones cronometradas con `Instant` (criterion no sabe lanzar `mpirun`).
//!
//! Este ejecutable hace tres papeles: el que mide (sin variables), un rango MPI (con
//! `MEDIR_MPI`, lanzado por `mpirun`) y un trabajador TCP (con la variable de `distribuida`).

mod grafico;

use mpi::traits::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const VARIABLE_MPI: &str = "MEDIR_MPI";
/// Cuántas idas y vueltas se cronometran juntas: una sola es demasiado corta.
const IDAS: usize = 1000;
const MEGA: usize = 1 << 20;

fn main() {
    if let Ok(direccion) = std::env::var(distribuida::VARIABLE_COORDINADOR) {
        let _ = distribuida::trabajador(&direccion);
        return;
    }
    if let Ok(papel) = std::env::var(VARIABLE_MPI) {
        rango_mpi(&papel);
        return;
    }
    if std::env::args().any(|a| a == "--redibujar") {
        // Solo el gráfico, a partir de los datos publicados, sin volver a medir.
        let ruta = raiz().join("book/src/datos/paso_de_mensajes.json");
        let datos: Value = serde_json::from_str(&std::fs::read_to_string(&ruta).unwrap()).unwrap();
        let medidas = datos["medidas"].as_array().cloned().unwrap_or_default();
        let maquina = datos["maquina"].as_str().unwrap_or_default();
        grafico::dibujar(
            &medidas,
            maquina,
            &raiz().join("book/src/img/paso-de-mensajes-medidas.svg"),
        );
        return;
    }
    let libro = std::env::args().any(|a| a == "--libro");
    let mut medidas = Vec::new();
    eprintln!("MPI (rsmpi), 2 y 3 rangos…");
    medidas.extend(lanzar_mpi(2, "pares"));
    medidas.extend(lanzar_mpi(3, "cola"));
    eprintln!("TCP del curso (distribuida)…");
    medidas.extend(tcp());
    let python = Command::new("python3")
        .args(["-c", "import mpi4py, numpy"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if python {
        eprintln!("mpi4py…");
        let guion = raiz().join("tests/paso_de_mensajes/original_mpi4py.py");
        for (n, papel) in [(2, "pares"), (3, "cola")] {
            let mut orden = mpirun(n);
            orden.arg("python3").arg(&guion).arg(papel);
            medidas.extend(lineas_json(orden));
        }
    } else {
        eprintln!("Sin mpi4py y numpy en python3: se omite la fila de Python.");
    }
    let maquina = maquina();
    for m in &medidas {
        println!("{m}");
    }
    println!("máquina: {maquina}");
    if libro {
        let datos = json!({ "maquina": maquina, "medidas": medidas });
        let ruta = raiz().join("book/src/datos/paso_de_mensajes.json");
        std::fs::write(&ruta, serde_json::to_string_pretty(&datos).unwrap() + "\n").unwrap();
        let svg = raiz().join("book/src/img/paso-de-mensajes-medidas.svg");
        grafico::dibujar(&medidas, &maquina, &svg);
        eprintln!("escritos {} y {}", ruta.display(), svg.display());
    }
}

fn raiz() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Una medida con el formato de `book/src/datos/*.json` (el de `cargo curso medir`).
fn medida(grupo: &str, variante: &str, segundos: f64) -> Value {
    let (bytes, elementos) = match grupo {
        "paso_de_mensajes_ancho_de_banda" => (Some(8.0 * MEGA as f64), None),
        "paso_de_mensajes_suma" => (Some(8.0 * 4_000_000.0), None),
        "paso_de_mensajes_mensajes" => (None, Some(2000.0)),
        _ => (None, Some(1.0)),
    };
    json!({
        "grupo": grupo, "variante": variante, "segundos": segundos,
        "bytes": bytes, "elementos": elementos,
    })
}

/// La mediana de `veces` ejecuciones de `f`, en segundos.
fn mediana(veces: usize, mut f: impl FnMut()) -> f64 {
    f(); // calentar
    let mut t: Vec<f64> = (0..veces)
        .map(|_| {
            let inicio = Instant::now();
            f();
            inicio.elapsed().as_secs_f64()
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

fn numeros(n: usize) -> Vec<u64> {
    (0..n as u64)
        .map(|i| i.wrapping_mul(2654435761) >> 16)
        .collect()
}

fn mpirun(n: usize) -> Command {
    let mut orden = Command::new("mpirun");
    orden
        .args(["-n", &n.to_string(), "--oversubscribe", "--bind-to", "none"])
        .env("OMPI_ALLOW_RUN_AS_ROOT", "1")
        .env("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
        .env("OMPI_MCA_btl", "self,vader")
        .env("OMPI_MCA_btl_vader_single_copy_mechanism", "none")
        .stdin(Stdio::null());
    orden
}

fn lanzar_mpi(n: usize, papel: &str) -> Vec<Value> {
    let mut orden = mpirun(n);
    orden
        .arg(std::env::current_exe().unwrap())
        .env(VARIABLE_MPI, papel);
    lineas_json(orden)
}

/// Ejecuta `orden` y recoge las líneas JSON que imprime el rango 0.
fn lineas_json(mut orden: Command) -> Vec<Value> {
    let salida = orden
        .stderr(Stdio::inherit())
        .output()
        .expect("no se pudo lanzar mpirun");
    assert!(salida.status.success(), "falló {orden:?}");
    String::from_utf8_lossy(&salida.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|v| {
            let grupo = v["grupo"].as_str().unwrap_or_default().to_string();
            let variante = v["variante"]
                .as_str()
                .or(v["funcion"].as_str())
                .unwrap_or_default()
                .to_string();
            medida(&grupo, &variante, v["segundos"].as_f64().unwrap_or(0.0))
        })
        .collect()
}

/// Un rango del trabajo MPI de las medidas. El rango 0 imprime una línea JSON por medida.
fn rango_mpi(papel: &str) {
    use paso_de_mensajes::{coordinar, suma};
    let universo = mpi::initialize().expect("MPI ya iniciado");
    let mundo = universo.world();
    let yo = mundo.rank();
    let otro = mundo.process_at_rank(1 - yo.min(1));
    let informar = |grupo: &str, variante: &str, s: f64| {
        println!(
            "{}",
            json!({ "grupo": grupo, "variante": variante, "segundos": s })
        );
    };
    if papel == "pares" {
        // Latencia: un número de ida y su doble de vuelta, IDAS veces.
        let s = mediana(7, || {
            for i in 0..IDAS as u64 {
                if yo == 0 {
                    otro.send(&i);
                    let (_doble, _) = otro.receive::<u64>();
                } else {
                    let (x, _) = otro.receive::<u64>();
                    otro.send(&(2 * x));
                }
            }
        });
        if yo == 0 {
            informar(
                "paso_de_mensajes_latencia",
                "MPI send/receive (rsmpi)",
                s / IDAS as f64,
            );
        }
        // Ancho de banda: 8 MB a otro proceso, que los suma y responde con el total.
        let datos = numeros(MEGA);
        let mut recibidos = vec![0u64; MEGA];
        let s = mediana(7, || {
            if yo == 0 {
                otro.send(&datos[..]);
                let (_total, _) = otro.receive::<u64>();
            } else {
                otro.receive_into(&mut recibidos[..]);
                otro.send(&recibidos.iter().fold(0u64, |a, &x| a.wrapping_add(x)));
            }
        });
        if yo == 0 {
            informar(
                "paso_de_mensajes_ancho_de_banda",
                "MPI send de 8 MB (rsmpi)",
                s,
            );
        }
        // La suma del ejercicio: scatter + reduce entre los 2 rangos.
        let grandes = if yo == 0 {
            numeros(4_000_000)
        } else {
            Vec::new()
        };
        let s = mediana(5, || {
            suma(&mundo, 0, &grandes);
        });
        if yo == 0 {
            let base = mediana(5, || {
                std::hint::black_box(grandes.iter().fold(0u64, |a, &x| a.wrapping_add(x)));
            });
            informar("paso_de_mensajes_suma", "base: secuencial, 1 proceso", base);
            informar(
                "paso_de_mensajes_suma",
                "MPI scatter + reduce (2 rangos)",
                s,
            );
        }
    } else {
        // 2000 tareas de un número, coordinador y 2 trabajadores con la cola dinámica.
        let tareas = if yo == 0 { numeros(2000) } else { Vec::new() };
        let s = mediana(7, || {
            coordinar(&mundo, &tareas, &|x| 2 * x);
        });
        if yo == 0 {
            informar(
                "paso_de_mensajes_mensajes",
                "MPI coordinar (2 trabajadores)",
                s,
            );
        }
    }
}

/// Lo mismo con el TCP del curso: la solución de `distribuida`.
fn tcp() -> Vec<Value> {
    let exe = std::env::current_exe().unwrap();
    let grupo = |n| {
        distribuida::Grupo::lanzar(n, Duration::from_secs(60), |_| {
            let mut orden = Command::new(&exe);
            orden.stdin(Stdio::null()).stdout(Stdio::null());
            orden
        })
        .expect("no se pudo lanzar el grupo TCP")
    };
    let mut v = Vec::new();
    let mut uno = grupo(1);
    let s = mediana(7, || {
        for _ in 0..IDAS {
            uno.sumar(&[21], 1).unwrap();
        }
    });
    v.push(medida(
        "paso_de_mensajes_latencia",
        "TCP del curso (distribuida)",
        s / IDAS as f64,
    ));
    let datos = numeros(MEGA);
    let s = mediana(7, || {
        uno.sumar(&datos, 1).unwrap();
    });
    v.push(medida(
        "paso_de_mensajes_ancho_de_banda",
        "TCP del curso, 1 trama de 8 MB",
        s,
    ));
    drop(uno);
    let mut dos = grupo(2);
    let tareas = numeros(2000);
    let s = mediana(7, || {
        dos.sumar(&tareas, tareas.len()).unwrap();
    });
    v.push(medida(
        "paso_de_mensajes_mensajes",
        "TCP del curso (2 trabajadores)",
        s,
    ));
    let grandes = numeros(4_000_000);
    let s = mediana(5, || {
        dos.sumar(&grandes, 8).unwrap();
    });
    v.push(medida(
        "paso_de_mensajes_suma",
        "TCP del curso (2 trabajadores, 8 trozos)",
        s,
    ));
    v
}

/// La máquina y su estado al medir (la carga media dice si había otros trabajos).
fn maquina() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| {
                    l.strip_prefix("model name")?
                        .split(':')
                        .nth(1)
                        .map(str::trim)
                })
                .map(str::to_string)
        })
        .unwrap_or_else(|| "CPU desconocida".into());
    let nucleos = std::thread::available_parallelism().map_or(0, |n| n.get());
    let carga = std::fs::read_to_string("/proc/loadavg")
        .map(|t| t.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    let version = |programa: &str| {
        Command::new(programa)
            .arg("--version")
            .output()
            .ok()
            .and_then(|s| {
                String::from_utf8_lossy(&s.stdout)
                    .lines()
                    .next()
                    .map(str::to_string)
            })
            .unwrap_or_default()
    };
    format!(
        "{cpu}, {nucleos} núcleos, carga media {carga}; {}; {}",
        version("rustc"),
        version("mpirun")
    )
}
