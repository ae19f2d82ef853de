//! Un rango de un trabajo MPI: este mismo ejecutable, lanzado por `mpirun` con
//! [`VARIABLE_ESCENARIO`], no prueba nada; ejecuta el escenario con tu código, anota en su
//! archivo lo que pasa y termina el proceso. Quien juzga es la prueba que lanzó `mpirun`,
//! leyendo esas anotaciones desde fuera.

use crate::datos::{self, Escenario};
use mpi::collective::SystemOperation;
use mpi::traits::*;
use paso_de_mensajes::{Matriz, coordinar, multiplicar, suma, suma_en_anillo};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// El escenario que debe ejecutar este proceso (si no existe, es una prueba normal).
pub const VARIABLE_ESCENARIO: &str = "PASO_DE_MENSAJES_ESCENARIO";
/// La carpeta de las anotaciones: `rango-<r>.txt` por rango y las señales de la cita.
pub const VARIABLE_CARPETA: &str = "PASO_DE_MENSAJES_CARPETA";
/// Cuánto espera la tarea 0 de la cita a que acaben las demás. Con una cola dinámica le
/// basta con milisegundos; solo un reparto fijo la agota.
pub const ESPERA_DE_LA_CITA: Duration = Duration::from_secs(8);

/// Si este proceso es un rango de un trabajo MPI, ejecuta su escenario y termina el
/// proceso; si no, vuelve sin hacer nada. Cada prueba de la suite empieza llamándola.
pub fn atender() {
    let Ok(texto) = std::env::var(VARIABLE_ESCENARIO) else {
        return;
    };
    let carpeta = PathBuf::from(std::env::var_os(VARIABLE_CARPETA).unwrap_or_default());
    let escenario = Escenario::de_texto(&texto).expect("escenario mal escrito");
    // Los pánicos del código probado se anotan; sin el gancho, cada rango llenaría la salida
    // de `mpirun` con su mensaje en inglés.
    std::panic::set_hook(Box::new(|_| {}));
    let Some(universo) = mpi::initialize() else {
        eprintln!("MPI ya estaba iniciado en este proceso");
        std::process::exit(2);
    };
    let mundo = universo.world();
    let mut notas = Notas::abrir(&carpeta, mundo.rank());
    notas.anotar("empieza");
    let resultado = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        ejecutar(&escenario, &mundo, &carpeta)
    }));
    match resultado {
        Ok(lineas) => {
            for l in lineas {
                notas.anotar(&l);
            }
            notas.anotar("termina");
        }
        Err(carga) => {
            let texto = carga
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| carga.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            notas.anotar(&format!("panico {}", texto.replace('\n', " ")));
            // Los demás rangos pueden estar esperando a este: se corta el trabajo entero.
            mundo.abort(3);
        }
    }
    drop(universo);
    std::process::exit(0);
}

/// Ejecuta el escenario y devuelve las líneas que lo describen (`resultado …`, …).
fn ejecutar(
    escenario: &Escenario,
    mundo: &mpi::topology::SimpleCommunicator,
    carpeta: &Path,
) -> Vec<String> {
    let raiz_de = |raiz: i32| mundo.rank() == raiz;
    match *escenario {
        Escenario::Suma { n, raiz } => {
            let datos = if raiz_de(raiz) {
                datos::datos_suma(n)
            } else {
                Vec::new()
            };
            vec![match suma(mundo, raiz, &datos) {
                Some(total) => format!("resultado {total}"),
                None => "resultado nada".into(),
            }]
        }
        Escenario::Matriz { n, m, p, raiz } => {
            let (a, b) = if raiz_de(raiz) {
                let a = Matriz {
                    filas: n,
                    columnas: m,
                    datos: datos::matriz_a(n, m),
                };
                let b = Matriz {
                    filas: m,
                    columnas: p,
                    datos: datos::matriz_b(m, p),
                };
                (a, b)
            } else {
                (Matriz::vacia(), Matriz::vacia())
            };
            vec![match multiplicar(mundo, raiz, &a, &b) {
                Some(c) => format!("resultado {} {} {}", c.filas, c.columnas, lista(&c.datos)),
                None => "resultado nada".into(),
            }]
        }
        Escenario::Cola { n, cita } => {
            let tareas = if mundo.rank() == 0 {
                datos::tareas(n)
            } else {
                Vec::new()
            };
            let rango = mundo.rank();
            let hechas: std::cell::RefCell<Vec<String>> = Default::default();
            let trabajo = |x: u64| {
                hechas.borrow_mut().push(format!("tarea {x}"));
                if cita && x == 0 && !esperar_las_demas(carpeta, n) {
                    hechas.borrow_mut().push("cita incumplida".into());
                }
                let _ = std::fs::write(carpeta.join(format!("hecha-{x}")), rango.to_string());
                datos::trabajo(x)
            };
            let resultado = coordinar(mundo, &tareas, &trabajo);
            let mut lineas = hechas.into_inner();
            lineas.push(match resultado {
                Some(r) => format!("resultado {}", lista(&r)),
                None => "resultado nada".into(),
            });
            lineas
        }
        Escenario::Anillo { n } => {
            let local = datos::vector_local(mundo.rank(), n);
            let tuyo = suma_en_anillo(mundo, &local);
            // El colectivo de la biblioteca con los mismos datos, para comparar.
            let mut biblioteca = vec![0u64; n];
            mundo.all_reduce_into(&local[..], &mut biblioteca[..], SystemOperation::sum());
            vec![
                format!("resultado {}", lista(&tuyo)),
                format!("biblioteca {}", lista(&biblioteca)),
            ]
        }
    }
}

/// La cita de la tarea 0: espera a que existan las señales de todas las demás tareas.
/// Devuelve si llegaron a tiempo.
fn esperar_las_demas(carpeta: &Path, n: usize) -> bool {
    let fin = Instant::now() + ESPERA_DE_LA_CITA;
    loop {
        if (1..n).all(|x| carpeta.join(format!("hecha-{x}")).exists()) {
            return true;
        }
        if Instant::now() >= fin {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn lista<T: ToString>(v: &[T]) -> String {
    v.iter().map(T::to_string).collect::<Vec<_>>().join(" ")
}

/// El archivo de anotaciones de un rango: una línea por suceso, escrita en el acto para que
/// la prueba la lea aunque el trabajo se cuelgue después.
struct Notas(Option<std::fs::File>);

impl Notas {
    fn abrir(carpeta: &Path, rango: i32) -> Self {
        let ruta = carpeta.join(format!("rango-{rango}.txt"));
        Notas(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(ruta)
                .ok(),
        )
    }

    fn anotar(&mut self, linea: &str) {
        if let Some(archivo) = &mut self.0 {
            let _ = writeln!(archivo, "{linea}");
        }
    }
}
