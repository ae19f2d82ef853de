//! Error: cuando un trabajador falla, devuelve a la cola *todas* las tareas que le dio, también
//! las que ya respondió, y acumula cada resultado que llega. Las tareas ya contadas se
//! cuentan otra vez: el total sale más grande de lo debido.
//!
//! Debe fallar: un_trabajador_que_muere_no_pierde_ni_duplica_trabajo

#[allow(dead_code)]
#[path = "../../../solutions/distribuida/src/lib.rs"]
mod correcta;
pub use correcta::{
    ESPERA_CONEXION, ESPERA_TRABAJADOR, ErrorDistribuido, Matriz, Mensaje, TIPO_FIN,
    TIPO_MULTIPLICAR, TIPO_PRODUCTO, TIPO_SUMA, TIPO_SUMAR, TRAMA_MAXIMA, VARIABLE_COORDINADOR,
    codificar, decodificar, enviar, escribir_trama, leer_trama, producto_secuencial, recibir,
    trabajador, trabajar,
};
use std::collections::VecDeque;
use std::io::{self, Read};
use std::net::{Ipv4Addr, Shutdown, TcpListener, TcpStream};
use std::ops::Range;
use std::process::{Child, Command};
use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

// El coordinador de la solución, copiado, con el error marcado con «ERROR».

/// Una breve descripción de un mensaje, para los errores (sin volcar los datos).
fn describir(mensaje: &Mensaje) -> String {
    match mensaje {
        Mensaje::Sumar { tarea, datos } => {
            format!("Sumar (tarea {tarea}, {} números)", datos.len())
        }
        Mensaje::Suma { tarea, .. } => format!("Suma (tarea {tarea})"),
        Mensaje::Multiplicar { tarea, .. } => format!("Multiplicar (tarea {tarea})"),
        Mensaje::Producto { tarea, .. } => format!("Producto (tarea {tarea})"),
        Mensaje::Fin => "Fin".into(),
    }
}

/// Un grupo de procesos trabajadores conectados a este proceso, el coordinador.
pub struct Grupo {
    hijos: Vec<Child>,
    /// Las conexiones de los trabajadores vivos. Una conexión que falla se cierra y sale de
    /// aquí: su trabajador ya no recibe nada más.
    conexiones: Vec<TcpStream>,
    limite: Duration,
    /// La causa del último fallo de un trabajador, para explicar un `SinTrabajadores`.
    ultimo_fallo: Option<String>,
}

/// El estado compartido de un reparto: qué tareas quedan, cuántas están en manos de algún
/// trabajador y qué resultados han llegado.
struct Reparto<T> {
    pendientes: VecDeque<usize>,
    en_curso: usize,
    resultados: Vec<Option<T>>,
    // ERROR: todos los resultados, en el orden en que llegan, sin casilla por tarea.
    llegados: Vec<T>,
    fallo: Option<String>,
}

/// Una lectura con fecha límite: antes de cada `read` se ajusta el plazo de la conexión a lo
/// que queda hasta `fin`. Así ni un trabajador callado ni uno que envía a cuentagotas
/// retienen al coordinador más de `limite`.
struct ConPlazo<'a> {
    conexion: &'a TcpStream,
    fin: Instant,
}

impl Read for ConPlazo<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let queda = self.fin.saturating_duration_since(Instant::now());
        if queda.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.conexion.set_read_timeout(Some(queda))?;
        let mut conexion = self.conexion;
        conexion.read(buf)
    }
}

/// Los límites del trozo `i` de `n` trozos contiguos de `len` elementos: los `len % n`
/// primeros llevan un elemento más.
fn rango(i: usize, n: usize, len: usize) -> Range<usize> {
    let (base, resto) = (len / n, len % n);
    let inicio = i * base + i.min(resto);
    inicio..inicio + base + usize::from(i < resto)
}

impl Grupo {
    /// Lanza `trabajadores` procesos con las órdenes que devuelve `orden(i)` y espera a que
    /// todos se conecten.
    pub fn lanzar(
        trabajadores: usize,
        limite: Duration,
        mut orden: impl FnMut(usize) -> Command,
    ) -> Result<Grupo, ErrorDistribuido> {
        if trabajadores == 0 {
            return Err(ErrorDistribuido::CeroTrabajadores);
        }
        // Puerto 0: el sistema elige uno libre. Solo la interfaz de bucle local.
        let escucha = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        let direccion = escucha.local_addr()?.to_string();
        escucha.set_nonblocking(true)?;
        // Si algo falla a partir de aquí, el `Drop` del grupo mata y espera a los lanzados.
        let mut grupo = Grupo {
            hijos: Vec::with_capacity(trabajadores),
            conexiones: Vec::with_capacity(trabajadores),
            limite,
            ultimo_fallo: None,
        };
        for i in 0..trabajadores {
            let mut orden = orden(i);
            orden.env(VARIABLE_COORDINADOR, &direccion);
            let hijo = orden.spawn().map_err(|e| {
                ErrorDistribuido::Lanzamiento(format!("no se pudo lanzar el trabajador {i}: {e}"))
            })?;
            grupo.hijos.push(hijo);
        }
        // Aceptar sin bloquear, mirando entre intento e intento si algún hijo ha terminado:
        // un trabajador muerto no se conectará nunca, y no hace falta agotar el plazo para
        // saberlo.
        let fin = Instant::now() + ESPERA_CONEXION;
        while grupo.conexiones.len() < trabajadores {
            match escucha.accept() {
                Ok((conexion, _)) => {
                    conexion.set_nonblocking(false)?;
                    conexion.set_nodelay(true)?;
                    grupo.conexiones.push(conexion);
                    continue;
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(e.into()),
            }
            for (i, hijo) in grupo.hijos.iter_mut().enumerate() {
                if let Some(estado) = hijo.try_wait()? {
                    return Err(ErrorDistribuido::Lanzamiento(format!(
                        "el trabajador {i} terminó ({estado}) antes de que se conectaran todos"
                    )));
                }
            }
            if Instant::now() >= fin {
                return Err(ErrorDistribuido::Lanzamiento(format!(
                    "solo se conectaron {} de {trabajadores} trabajadores en {} s",
                    grupo.conexiones.len(),
                    ESPERA_CONEXION.as_secs()
                )));
            }
            thread::sleep(Duration::from_millis(2));
        }
        Ok(grupo)
    }

    /// Cuántos trabajadores siguen vivos (conectados y sin fallos).
    pub fn vivos(&self) -> usize {
        self.conexiones.len()
    }

    /// Suma `datos` repartiéndolos en `min(trozos, datos.len())` trozos contiguos, una tarea
    /// por trozo.
    pub fn sumar(&mut self, datos: &[u64], trozos: usize) -> Result<u128, ErrorDistribuido> {
        if trozos == 0 {
            return Err(ErrorDistribuido::CeroTrozos);
        }
        if datos.is_empty() {
            return Ok(0);
        }
        let n = trozos.min(datos.len());
        let parciales = self.repartir(
            n,
            |i| {
                codificar(&Mensaje::Sumar {
                    tarea: i as u32,
                    datos: datos[rango(i, n, datos.len())].to_vec(),
                })
            },
            |i, respuesta| match respuesta {
                Mensaje::Suma { tarea, total } if tarea as usize == i => Ok(total),
                otro => Err(inesperado(i, &otro)),
            },
        )?;
        Ok(parciales.into_iter().sum())
    }

    /// A · B repartiendo las filas de A en `min(bloques, a.filas)` bloques contiguos, una
    /// tarea por bloque; cada tarea lleva una copia de B.
    pub fn multiplicar(
        &mut self,
        a: &Matriz,
        b: &Matriz,
        bloques: usize,
    ) -> Result<Matriz, ErrorDistribuido> {
        if bloques == 0 {
            return Err(ErrorDistribuido::CeroTrozos);
        }
        if a.columnas != b.filas {
            return Err(ErrorDistribuido::DimensionesIncompatibles {
                columnas_a: a.columnas,
                filas_b: b.filas,
            });
        }
        if a.filas == 0 {
            return Ok(Matriz::ceros(0, b.columnas));
        }
        let n = bloques.min(a.filas);
        let trozos = self.repartir(
            n,
            |i| {
                codificar(&Mensaje::Multiplicar {
                    tarea: i as u32,
                    filas: a.filas_de(rango(i, n, a.filas)),
                    b: b.clone(),
                })
            },
            |i, respuesta| match respuesta {
                Mensaje::Producto { tarea, filas }
                    if tarea as usize == i
                        && filas.filas == rango(i, n, a.filas).len()
                        && filas.columnas == b.columnas =>
                {
                    Ok(filas.datos)
                }
                otro => Err(inesperado(i, &otro)),
            },
        )?;
        // Los bloques se colocan por su índice, no en el orden en que llegaron.
        Ok(Matriz::nueva(a.filas, b.columnas, trozos.concat()))
    }

    /// Reparte `n` tareas entre los trabajadores vivos, con balanceo de carga dinámico: cada
    /// trabajador tiene como mucho una tarea en curso, y al responder recibe la siguiente
    /// pendiente. Un trabajador que falla (muere, calla más de `limite` o responde algo que
    /// no toca) se cierra y su tarea vuelve a la cola para otro. Cada resultado se guarda en
    /// su casilla una sola vez.
    fn repartir<T: Send>(
        &mut self,
        n: usize,
        tarea: impl Fn(usize) -> Vec<u8> + Sync,
        respuesta: impl Fn(usize, Mensaje) -> Result<T, ErrorDistribuido> + Sync,
    ) -> Result<Vec<T>, ErrorDistribuido> {
        if self.conexiones.is_empty() {
            return Err(self.sin_trabajadores());
        }
        // La primera tarea de cada trabajador se asigna aquí, antes de lanzar los hilos: así
        // todos reciben una nada más empezar (si hay bastantes), por mucho que tarde en
        // arrancar el hilo de alguno.
        let mut pendientes: VecDeque<usize> = (0..n).collect();
        let primeras: Vec<Option<usize>> = self
            .conexiones
            .iter()
            .map(|_| pendientes.pop_front())
            .collect();
        let reparto = Mutex::new(Reparto {
            pendientes,
            en_curso: primeras.iter().flatten().count(),
            resultados: (0..n).map(|_| None).collect(),
            llegados: Vec::new(),
            fallo: None,
        });
        let cambio = Condvar::new();
        let limite = self.limite;
        let vivas: Vec<bool> = thread::scope(|s| {
            let hilos: Vec<_> = self
                .conexiones
                .iter()
                .zip(primeras)
                .map(|(conexion, primera)| {
                    let (reparto, cambio, tarea, respuesta) =
                        (&reparto, &cambio, &tarea, &respuesta);
                    s.spawn(move || {
                        atender(conexion, primera, limite, reparto, cambio, tarea, respuesta)
                    })
                })
                .collect();
            hilos
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        let mut vivas = vivas.into_iter();
        self.conexiones.retain(|_| vivas.next().unwrap_or(false));
        let reparto = reparto.into_inner().unwrap_or_else(|e| e.into_inner());
        if let Some(fallo) = reparto.fallo {
            self.ultimo_fallo = Some(fallo);
        }
        if reparto.pendientes.is_empty() {
            Ok(reparto.llegados)
        } else {
            Err(self.sin_trabajadores())
        }
    }

    fn sin_trabajadores(&self) -> ErrorDistribuido {
        ErrorDistribuido::SinTrabajadores(
            self.ultimo_fallo
                .clone()
                .unwrap_or_else(|| "todos los trabajadores habían fallado antes".into()),
        )
    }
}

fn inesperado(i: usize, llegado: &Mensaje) -> ErrorDistribuido {
    ErrorDistribuido::MensajeInesperado(format!(
        "se esperaba la respuesta de la tarea {i} y llegó {}",
        describir(llegado)
    ))
}

/// El hilo del coordinador que habla con un trabajador, empezando por su tarea `primera`
/// (ya contada como en curso). Devuelve si la conexión sigue viva.
fn atender<T>(
    conexion: &TcpStream,
    mut primera: Option<usize>,
    limite: Duration,
    reparto: &Mutex<Reparto<T>>,
    cambio: &Condvar,
    tarea: &impl Fn(usize) -> Vec<u8>,
    respuesta: &impl Fn(usize, Mensaje) -> Result<T, ErrorDistribuido>,
) -> bool {
    let mut dadas = Vec::new();
    loop {
        // Tomar la siguiente tarea pendiente; si no hay pero otras están en curso, esperar:
        // si su trabajador falla, volverán a la cola. La espera es corta y se repite, y
        // cada tarea en curso acaba (con respuesta o con fallo) en `limite` como mucho.
        let i = if let Some(i) = primera.take() {
            i
        } else {
            let mut r = reparto.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                if let Some(i) = r.pendientes.pop_front() {
                    r.en_curso += 1;
                    break i;
                }
                if r.en_curso == 0 {
                    return true;
                }
                r = cambio
                    .wait_timeout(r, Duration::from_millis(100))
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
        };
        dadas.push(i);
        let resultado = (|| {
            let fin = Instant::now() + limite;
            conexion.set_write_timeout(Some(limite))?;
            let mut escritor = conexion;
            escribir_trama(&mut escritor, &tarea(i))?;
            let mut lector = ConPlazo { conexion, fin };
            match recibir(&mut lector)? {
                Some(mensaje) => respuesta(i, mensaje),
                None => Err(ErrorDistribuido::Red(
                    "el trabajador cerró la conexión con una tarea pendiente".into(),
                )),
            }
        })();
        let mut r = reparto.lock().unwrap_or_else(|e| e.into_inner());
        r.en_curso -= 1;
        cambio.notify_all();
        match resultado {
            Ok(valor) => {
                // Exactamente una vez: una tarea solo está en manos de un trabajador a la vez,
                // así que su casilla está vacía; si no lo estuviera, el primero gana.
                r.llegados.push(valor);
            }
            Err(error) => {
                // La tarea vuelve a la cola (al principio: es la más antigua) y este trabajador
                // no recibe nada más. Cerrar la conexión despierta a un trabajador callado,
                // que verá el final de su entrada y terminará.
                // ERROR: vuelven a la cola todas las tareas de este trabajador, hechas o no.
                r.pendientes.extend(dadas.iter().copied());
                r.fallo = Some(error.to_string());
                let _ = conexion.shutdown(Shutdown::Both);
                return false;
            }
        }
    }
}

impl Drop for Grupo {
    /// Despide a los trabajadores con `Fin`, les da un momento para terminar, mata a los que
    /// sigan vivos y espera a todos: ningún proceso hijo queda zombi.
    fn drop(&mut self) {
        for conexion in &mut self.conexiones {
            let _ = conexion.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = enviar(conexion, &Mensaje::Fin);
            let _ = conexion.shutdown(Shutdown::Write);
        }
        self.conexiones.clear();
        let gracia = Instant::now() + Duration::from_secs(2);
        for hijo in &mut self.hijos {
            loop {
                match hijo.try_wait() {
                    Ok(Some(_)) => break,
                    Ok(None) if Instant::now() < gracia => thread::sleep(Duration::from_millis(2)),
                    _ => {
                        let _ = hijo.kill();
                        let _ = hijo.wait();
                        break;
                    }
                }
            }
        }
    }
}
