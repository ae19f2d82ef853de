//! Lanza un trabajo MPI de verdad (`mpirun -n K` con este mismo ejecutable como programa),
//! lo vigila con un límite de tiempo y devuelve lo que anotó cada rango. Al agotarse el
//! límite mata el grupo de procesos entero: nada sobrevive a la prueba.

use crate::datos::Escenario;
use crate::rango::{VARIABLE_CARPETA, VARIABLE_ESCENARIO};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Límite de un trabajo MPI. Uno correcto tarda menos de un segundo (arrancar `mpirun` es
/// casi todo); solo un interbloqueo lo agota.
pub const LIMITE_DEL_TRABAJO: Duration = Duration::from_secs(20);

/// Lo que anotó cada rango, en orden de rango.
pub struct Trabajo {
    pub rangos: i32,
    pub escenario: Escenario,
    pub notas: Vec<Vec<String>>,
}

impl Trabajo {
    /// La primera línea de `rango` que empieza por `clave ` (sin la clave).
    pub fn valor(&self, rango: usize, clave: &str) -> Option<&str> {
        self.notas[rango]
            .iter()
            .find_map(|l| l.strip_prefix(clave)?.strip_prefix(' '))
    }

    /// `resultado` de `rango` como números; `None` si devolvió `None` (o no anotó nada).
    pub fn numeros(&self, rango: usize, clave: &str) -> Option<Vec<i64>> {
        let texto = self.valor(rango, clave)?;
        (texto != "nada").then(|| {
            texto
                .split_whitespace()
                .map(|x| x.parse().expect("número anotado"))
                .collect()
        })
    }

    /// Descripción corta para los mensajes: «con 3 rangos, suma 10 2».
    pub fn contexto(&self) -> String {
        format!(
            "con {} rango{} (`mpirun -n {}`), {}",
            self.rangos,
            if self.rangos == 1 { "" } else { "s" },
            self.rangos,
            self.escenario.a_texto()
        )
    }
}

/// La orden corta que repite una prueba, para el final de cada mensaje.
pub fn repetir(prueba: &str) -> String {
    format!("Para repetirla: cargo test -p paso_de_mensajes {prueba} -- --exact")
}

/// Ejecuta `escenario` con `rangos` procesos MPI. `prueba` es la función de prueba que
/// llama: los rangos son copias de este ejecutable que ejecutan solo esa prueba. Falla con
/// un mensaje en español si el trabajo se cuelga, si un rango entra en pánico o si
/// `mpirun` no puede lanzarlo.
#[track_caller]
pub fn lanzar(prueba: &str, rangos: i32, escenario: Escenario) -> Trabajo {
    let carpeta = carpeta_nueva();
    let exe = std::env::current_exe().expect("no se encuentra el ejecutable de la suite");
    let mut orden = Command::new(mpirun());
    orden.args(["-n", &rangos.to_string()]);
    if es_open_mpi() {
        // Más rangos que núcleos, y sin atarlos a un núcleo: las pruebas lanzan trabajos a la
        // vez, y atados se amontonarían en el núcleo 0.
        orden.args(["--oversubscribe", "--bind-to", "none"]);
    }
    orden
        .arg(&exe)
        .args([prueba, "--exact", "--test-threads=1", "--nocapture", "-q"])
        .env(VARIABLE_ESCENARIO, escenario.a_texto())
        .env(VARIABLE_CARPETA, &carpeta)
        // Open MPI no arranca como root sin permiso expreso (contenedores, CI).
        .env("OMPI_ALLOW_RUN_AS_ROOT", "1")
        .env("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1")
        // Solo memoria compartida: todos los rangos están en esta máquina, y dentro de la
        // jaula de `cargo curso calificar` no hay más red que `lo`. Sin copia directa entre
        // procesos (CMA), que muchos contenedores prohíben.
        .env("OMPI_MCA_btl", "self,vader")
        .env("OMPI_MCA_btl_vader_single_copy_mechanism", "none")
        .env("OMPI_MCA_mpi_yield_when_idle", "1")
        .stdin(Stdio::null())
        .stdout(archivo(&carpeta.join("mpirun.out")))
        .stderr(archivo(&carpeta.join("mpirun.err")))
        // Su propio grupo de procesos: al agotar el límite se mata el grupo entero.
        .process_group(0);
    let mut hijo = orden.spawn().unwrap_or_else(|e| {
        panic!(
            "no se pudo ejecutar `mpirun` ({e}). Esta suite lanza trabajos MPI de verdad: \
             instala Open MPI (en Debian y Ubuntu, `sudo apt-get install libopenmpi-dev \
             openmpi-bin libclang-dev`; el capítulo dice cómo en Fedora y macOS)."
        )
    });
    let fin = Instant::now() + LIMITE_DEL_TRABAJO;
    let estado = loop {
        if let Some(estado) = hijo.try_wait().expect("esperando a mpirun") {
            break Some(estado);
        }
        if Instant::now() >= fin {
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let notas = (0..rangos)
        .map(|r| leer_lineas(&carpeta.join(format!("rango-{r}.txt"))))
        .collect();
    let trabajo = Trabajo {
        rangos,
        escenario,
        notas,
    };
    let salida_mpirun = || {
        let err = std::fs::read_to_string(carpeta.join("mpirun.err")).unwrap_or_default();
        let out = std::fs::read_to_string(carpeta.join("mpirun.out")).unwrap_or_default();
        recortar(&format!("{out}{err}"))
    };
    let Some(estado) = estado else {
        matar_grupo(hijo.id());
        let _ = hijo.wait();
        let _ = std::fs::remove_dir_all(&carpeta);
        interbloqueo(prueba, &trabajo);
    };
    if let Some((r, texto)) = primer_panico(&trabajo) {
        let _ = std::fs::remove_dir_all(&carpeta);
        if let Some(resto) = texto.strip_prefix("not yet implemented") {
            // El arnés reconoce esta forma: el ejercicio está sin hacer, no roto.
            panic!(
                "not yet implemented{resto} (en el rango {r}, {}).\n{}",
                trabajo.contexto(),
                repetir(prueba)
            );
        }
        panic!(
            "el rango {r} entró en pánico en `{}` {}: {texto}\n{}",
            trabajo.escenario.funcion(),
            trabajo.contexto(),
            repetir(prueba)
        );
    }
    let sin_acabar: Vec<usize> = (0..rangos as usize)
        .filter(|&r| !trabajo.notas[r].iter().any(|l| l == "termina"))
        .collect();
    if !estado.success() || !sin_acabar.is_empty() {
        let salida = salida_mpirun();
        let _ = std::fs::remove_dir_all(&carpeta);
        panic!(
            "el trabajo MPI {} terminó mal ({estado}); los rangos {sin_acabar:?} no llegaron a \
             volver de `{}`. Lo que dijo mpirun:\n{salida}\n{}",
            trabajo.contexto(),
            trabajo.escenario.funcion(),
            repetir(prueba)
        );
    }
    let _ = std::fs::remove_dir_all(&carpeta);
    trabajo
}

/// Falla con «posible interbloqueo», nombrando los rangos que siguen esperando dentro de la
/// función del ejercicio.
fn interbloqueo(prueba: &str, t: &Trabajo) -> ! {
    let funcion = t.escenario.funcion();
    let empezados = |r: &usize| t.notas[*r].iter().any(|l| l == "empieza");
    let vueltos = |r: &usize| t.notas[*r].iter().any(|l| l == "termina");
    let todos = 0..t.rangos as usize;
    let esperan: Vec<usize> = todos
        .clone()
        .filter(|r| empezados(r) && !vueltos(r))
        .collect();
    let volvieron: Vec<usize> = todos.filter(vueltos).collect();
    let volvieron = if volvieron.is_empty() {
        "ninguno".to_string()
    } else {
        format!("{volvieron:?}")
    };
    let causa = match t.escenario {
        Escenario::Cola { .. } if vueltos(&0) => format!(
            "El coordinador (rango 0) ya volvió y los trabajadores {esperan:?} siguen \
             esperando un mensaje: ¿les llegó a todos el mensaje de parada \
             (ETIQUETA_PARADA), también a los que no recibieron ninguna tarea?"
        ),
        Escenario::Cola { .. } => "El coordinador no volvió: suele ser un resultado que no \
             se recibe (¿recibes de cualquier rango, `any_process`, con la etiqueta \
             ETIQUETA_RESULTADO?) o una tarea enviada a quien ya no escucha."
            .into(),
        _ => "Suele ser un envío sin una recepción que le corresponda: un `send` bloqueante \
              de un mensaje grande no vuelve hasta que el otro lado lo recibe, y si todos los \
              rangos envían antes de recibir, todos esperan a la vez (usa `send_receive`, o \
              alterna el orden según la paridad del rango). También una llamada colectiva a la \
              que no acuden todos los rangos, o con raíces distintas."
            .into(),
    };
    panic!(
        "posible interbloqueo: el trabajo MPI {} no terminó en {} s. Siguen esperando dentro \
         de `{funcion}` los rangos {esperan:?}; ya habían vuelto: {volvieron}. {causa}\n{}",
        t.contexto(),
        LIMITE_DEL_TRABAJO.as_secs(),
        repetir(prueba)
    );
}

fn primer_panico(t: &Trabajo) -> Option<(usize, String)> {
    (0..t.rangos as usize).find_map(|r| Some((r, t.valor(r, "panico")?.to_string())))
}

/// Mata `mpirun` y sus rangos: primero con SIGTERM (mpirun reenvía la señal y limpia su
/// memoria compartida), y al segundo, a todo el grupo con SIGKILL.
fn matar_grupo(pid: u32) {
    let senal = |s: &str| {
        let _ = Command::new("kill")
            .args([s, "--", &format!("-{pid}")])
            .stderr(Stdio::null())
            .status();
    };
    senal("-TERM");
    std::thread::sleep(Duration::from_secs(1));
    senal("-KILL");
}

/// `mpirun`, o lo que diga `PASO_DE_MENSAJES_MPIRUN` (otra instalación).
fn mpirun() -> PathBuf {
    std::env::var_os("PASO_DE_MENSAJES_MPIRUN").map_or_else(|| "mpirun".into(), PathBuf::from)
}

/// ¿Es Open MPI? (MPICH no conoce `--oversubscribe`, ni le hace falta.)
fn es_open_mpi() -> bool {
    Command::new(mpirun())
        .arg("--version")
        .output()
        .is_ok_and(|s| String::from_utf8_lossy(&s.stdout).contains("Open MPI"))
}

fn carpeta_nueva() -> PathBuf {
    static CONTADOR: AtomicUsize = AtomicUsize::new(0);
    let n = CONTADOR.fetch_add(1, Ordering::SeqCst);
    let carpeta = std::env::temp_dir().join(format!("paso_de_mensajes-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&carpeta);
    std::fs::create_dir_all(&carpeta).expect("no se pudo crear la carpeta del trabajo");
    carpeta
}

fn archivo(ruta: &Path) -> std::fs::File {
    std::fs::File::create(ruta).expect("no se pudo crear la salida de mpirun")
}

fn leer_lineas(ruta: &Path) -> Vec<String> {
    std::fs::read_to_string(ruta)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Las últimas líneas de la salida de `mpirun`: lo útil está al final.
fn recortar(texto: &str) -> String {
    let lineas: Vec<&str> = texto.lines().collect();
    let desde = lineas.len().saturating_sub(25);
    lineas[desde..].join("\n")
}
