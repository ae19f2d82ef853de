//! El coordinador: lanza los procesos trabajadores, les reparte el trabajo y los despide.

use super::codificacion::{codificar_multiplicar, codificar_sumar, describir};
use super::{ESPERA_CONEXION, ErrorDistribuido, Matriz, Mensaje, VARIABLE_COORDINADOR, enviar};
use std::io;
use std::net::{Ipv4Addr, Shutdown, TcpListener, TcpStream};
use std::ops::Range;
use std::process::{Child, Command};
use std::thread;
use std::time::{Duration, Instant};

mod reparto;

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
            |i| codificar_sumar(i as u32, &datos[rango(i, n, datos.len())]),
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
            |i| codificar_multiplicar(i as u32, a, rango(i, n, a.filas), b),
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
