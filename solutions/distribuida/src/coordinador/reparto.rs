//! El reparto de las tareas: un hilo por trabajador, una cola de tareas pendientes y una
//! casilla por resultado.

use super::super::{ErrorDistribuido, Mensaje, escribir_trama, recibir};
use super::Grupo;
use std::collections::VecDeque;
use std::io::{self, Read};
use std::net::{Shutdown, TcpStream};
use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// El estado compartido de un reparto: qué tareas quedan, cuántas están en manos de algún
/// trabajador y qué resultados han llegado.
struct Reparto<T> {
    pendientes: VecDeque<usize>,
    en_curso: usize,
    resultados: Vec<Option<T>>,
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

impl Grupo {
    /// Reparte `n` tareas entre los trabajadores vivos, con balanceo de carga dinámico: cada
    /// trabajador tiene como mucho una tarea en curso, y al responder recibe la siguiente
    /// pendiente. Un trabajador que falla (muere, calla más de `limite` o responde algo que
    /// no toca) se cierra y su tarea vuelve a la cola para otro. Cada resultado se guarda en
    /// su casilla una sola vez.
    pub(super) fn repartir<T: Send>(
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
        reparto
            .resultados
            .into_iter()
            .collect::<Option<Vec<T>>>()
            .ok_or_else(|| self.sin_trabajadores())
    }
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
                if r.resultados[i].is_none() {
                    r.resultados[i] = Some(valor);
                }
            }
            Err(error) => {
                // La tarea vuelve a la cola (al principio: es la más antigua) y este trabajador
                // no recibe nada más. Cerrar la conexión despierta a un trabajador callado,
                // que verá el final de su entrada y terminará.
                r.pendientes.push_front(i);
                r.fallo = Some(error.to_string());
                let _ = conexion.shutdown(Shutdown::Both);
                return false;
            }
        }
    }
}
