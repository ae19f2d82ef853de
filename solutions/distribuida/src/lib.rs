//! # Solución: programación distribuida
//!
//! Un coordinador reparte el trabajo (una suma, un producto de matrices por bloques de
//! filas) entre varios **procesos** trabajadores. No comparten memoria: todo viaja en
//! mensajes por TCP en la interfaz de bucle local (127.0.0.1), con un protocolo pequeño:
//!
//! - **Trama**: 4 bytes con la longitud `n` de la carga (`u32` big-endian) y después los
//!   `n` bytes de la carga. `n` nunca pasa de [`TRAMA_MAXIMA`].
//! - **Carga**: un byte de tipo y los campos del mensaje, enteros y `f64` en big-endian:
//!
//! | tipo | mensaje | campos después del tipo |
//! |---|---|---|
//! | 1 | [`Mensaje::Sumar`] | `tarea: u32`, `n: u32`, `n` × `u64` |
//! | 2 | [`Mensaje::Suma`] | `tarea: u32`, `total: u128` |
//! | 3 | [`Mensaje::Multiplicar`] | `tarea: u32`, matriz `filas`, matriz `b` |
//! | 4 | [`Mensaje::Producto`] | `tarea: u32`, matriz `filas` |
//! | 5 | [`Mensaje::Fin`] | nada |
//!
//! Una matriz se codifica como `filas: u32`, `columnas: u32` y `filas · columnas` valores
//! `f64` por filas (los 8 bytes de `f64::to_bits`, en big-endian).

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::ops::Range;
use std::process::{Child, Command};
use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Variable de entorno con la que el coordinador pasa a cada trabajador su dirección
/// (`127.0.0.1:puerto`).
pub const VARIABLE_COORDINADOR: &str = "DISTRIBUIDA_COORDINADOR";

/// Longitud máxima de la carga de una trama, en bytes (64 MiB). Una longitud mayor es un
/// error del protocolo: nadie reserva memoria para ella.
pub const TRAMA_MAXIMA: usize = 64 * 1024 * 1024;

/// Cuánto espera [`Grupo::lanzar`] a que se conecten los trabajadores. Es generoso a
/// propósito: arrancar un proceso con la máquina cargada puede tardar. Un trabajador que
/// *termina* antes de conectarse se detecta enseguida, sin agotar este plazo.
pub const ESPERA_CONEXION: Duration = Duration::from_secs(20);

/// Cuánto espera un trabajador el siguiente mensaje antes de darse por abandonado.
pub const ESPERA_TRABAJADOR: Duration = Duration::from_secs(60);

/// Byte de tipo de [`Mensaje::Sumar`].
pub const TIPO_SUMAR: u8 = 1;
/// Byte de tipo de [`Mensaje::Suma`].
pub const TIPO_SUMA: u8 = 2;
/// Byte de tipo de [`Mensaje::Multiplicar`].
pub const TIPO_MULTIPLICAR: u8 = 3;
/// Byte de tipo de [`Mensaje::Producto`].
pub const TIPO_PRODUCTO: u8 = 4;
/// Byte de tipo de [`Mensaje::Fin`].
pub const TIPO_FIN: u8 = 5;

/// Una matriz densa de `f64`, guardada por filas en un solo vector.
#[derive(Debug, Clone, PartialEq)]
pub struct Matriz {
    pub filas: usize,
    pub columnas: usize,
    /// `filas · columnas` valores: la fila `i` ocupa `datos[i * columnas..(i + 1) * columnas]`.
    pub datos: Vec<f64>,
}

impl Matriz {
    /// Una matriz con esos datos. Entra en pánico si `datos.len() != filas * columnas`.
    pub fn nueva(filas: usize, columnas: usize, datos: Vec<f64>) -> Matriz {
        assert_eq!(
            datos.len(),
            filas * columnas,
            "una matriz de {filas}×{columnas} necesita {} valores",
            filas * columnas
        );
        Matriz {
            filas,
            columnas,
            datos,
        }
    }

    /// La matriz de ceros de `filas × columnas`.
    pub fn ceros(filas: usize, columnas: usize) -> Matriz {
        Matriz::nueva(filas, columnas, vec![0.0; filas * columnas])
    }

    /// La fila `i`, como slice.
    pub fn fila(&self, i: usize) -> &[f64] {
        &self.datos[i * self.columnas..(i + 1) * self.columnas]
    }

    /// Una copia de las filas `rango`, como matriz aparte.
    pub fn filas_de(&self, rango: Range<usize>) -> Matriz {
        let datos = self.datos[rango.start * self.columnas..rango.end * self.columnas].to_vec();
        Matriz::nueva(rango.len(), self.columnas, datos)
    }
}

/// Los mensajes del protocolo.
#[derive(Debug, Clone, PartialEq)]
pub enum Mensaje {
    /// Coordinador → trabajador: suma estos números.
    Sumar { tarea: u32, datos: Vec<u64> },
    /// Trabajador → coordinador: el total de la tarea `tarea`.
    Suma { tarea: u32, total: u128 },
    /// Coordinador → trabajador: multiplica estas filas de A por la matriz B entera.
    Multiplicar {
        tarea: u32,
        filas: Matriz,
        b: Matriz,
    },
    /// Trabajador → coordinador: las filas de A · B de la tarea `tarea`.
    Producto { tarea: u32, filas: Matriz },
    /// Coordinador → trabajador: no hay más trabajo; termina.
    Fin,
}

/// Lo que puede salir mal al hablar con otro proceso o al repartir el trabajo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorDistribuido {
    /// La conexión se cerró a mitad de una trama (en la cabecera o en la carga).
    TramaIncompleta,
    /// La cabecera anuncia una carga mayor que [`TRAMA_MAXIMA`] (o se quiso enviar una).
    TramaDemasiadoLarga(usize),
    /// Una carga vacía: ni siquiera trae el byte de tipo.
    MensajeVacio,
    /// El byte de tipo no es ninguno de los del protocolo.
    TipoDesconocido(u8),
    /// Los campos del mensaje anuncian más bytes de los que trae la carga.
    MensajeTruncado { tipo: u8 },
    /// La carga trae bytes de más después del último campo.
    BytesSobrantes { tipo: u8, sobran: usize },
    /// Un mensaje válido, pero no el que tocaba (por ejemplo, la respuesta de otra tarea).
    MensajeInesperado(String),
    /// Matrices que no se pueden multiplicar: A tiene `columnas_a` columnas y B `filas_b` filas.
    DimensionesIncompatibles { columnas_a: usize, filas_b: usize },
    /// El otro proceso no respondió dentro del plazo.
    SinRespuesta,
    /// Otro error de entrada/salida, descrito.
    Red(String),
    /// La dirección no es `127.0.0.1:puerto` (ni otra de bucle local).
    DireccionInvalida(String),
    /// Se pidió un grupo de cero trabajadores.
    CeroTrabajadores,
    /// Se pidió repartir en cero trozos o bloques.
    CeroTrozos,
    /// No se pudo poner en marcha el grupo: un proceso no arrancó o no se conectó.
    Lanzamiento(String),
    /// Queda trabajo por hacer y ningún trabajador vivo; con la causa del último fallo.
    SinTrabajadores(String),
}

impl fmt::Display for ErrorDistribuido {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ErrorDistribuido::*;
        match self {
            TramaIncompleta => write!(
                f,
                "la conexión se cerró a mitad de una trama: el otro proceso terminó o cortó \
                 el mensaje"
            ),
            TramaDemasiadoLarga(n) => write!(
                f,
                "trama de {n} bytes, más que el máximo del protocolo ({TRAMA_MAXIMA} bytes): \
                 ¿se leyó la longitud en el orden de bytes equivocado?"
            ),
            MensajeVacio => write!(f, "mensaje vacío: falta el byte de tipo"),
            TipoDesconocido(t) => write!(f, "tipo de mensaje desconocido: {t}"),
            MensajeTruncado { tipo } => write!(
                f,
                "mensaje de tipo {tipo} truncado: sus campos anuncian más bytes de los que \
                 llegaron"
            ),
            BytesSobrantes { tipo, sobran } => write!(
                f,
                "al mensaje de tipo {tipo} le sobran {sobran} bytes al final"
            ),
            MensajeInesperado(que) => write!(f, "mensaje inesperado: {que}"),
            DimensionesIncompatibles {
                columnas_a,
                filas_b,
            } => write!(
                f,
                "no se pueden multiplicar: A tiene {columnas_a} columnas y B tiene {filas_b} filas"
            ),
            SinRespuesta => write!(f, "el otro proceso no respondió dentro del plazo"),
            Red(detalle) => write!(f, "error de red: {detalle}"),
            DireccionInvalida(d) => write!(
                f,
                "«{d}» no es una dirección de bucle local (127.0.0.1:puerto)"
            ),
            CeroTrabajadores => write!(f, "hace falta al menos un trabajador"),
            CeroTrozos => write!(f, "hace falta al menos un trozo (o bloque) de trabajo"),
            Lanzamiento(d) => write!(
                f,
                "no se pudo poner en marcha el grupo de trabajadores: {d}"
            ),
            SinTrabajadores(causa) => write!(
                f,
                "no queda ningún trabajador vivo y falta trabajo por hacer; el último fallo: {causa}"
            ),
        }
    }
}

impl std::error::Error for ErrorDistribuido {}

/// Traduce los errores de entrada/salida del sistema a errores del protocolo.
impl From<io::Error> for ErrorDistribuido {
    fn from(e: io::Error) -> Self {
        use io::ErrorKind::*;
        match e.kind() {
            // `read_exact` da este error si la conexión se cierra antes de llenar el búfer.
            UnexpectedEof => ErrorDistribuido::TramaIncompleta,
            // Lo que devuelve una lectura o escritura con plazo (`set_read_timeout`) que vence.
            WouldBlock | TimedOut => ErrorDistribuido::SinRespuesta,
            ConnectionReset | ConnectionAborted | BrokenPipe => {
                ErrorDistribuido::Red("el otro proceso cerró la conexión".into())
            }
            ConnectionRefused => {
                ErrorDistribuido::Red("conexión rechazada: nadie escucha en esa dirección".into())
            }
            _ => ErrorDistribuido::Red(e.to_string()),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Codificación de mensajes
// ---------------------------------------------------------------------------------------

/// Codifica `mensaje` en su carga binaria (sin la cabecera de longitud).
pub fn codificar(mensaje: &Mensaje) -> Vec<u8> {
    let mut bytes = Vec::new();
    match mensaje {
        Mensaje::Sumar { tarea, datos } => return codificar_sumar(*tarea, datos),
        Mensaje::Suma { tarea, total } => {
            bytes.push(TIPO_SUMA);
            bytes.extend_from_slice(&tarea.to_be_bytes());
            bytes.extend_from_slice(&total.to_be_bytes());
        }
        Mensaje::Multiplicar { tarea, filas, b } => {
            return codificar_multiplicar(*tarea, filas, 0..filas.filas, b);
        }
        Mensaje::Producto { tarea, filas } => {
            bytes.reserve(13 + 8 * filas.datos.len());
            bytes.push(TIPO_PRODUCTO);
            bytes.extend_from_slice(&tarea.to_be_bytes());
            codificar_matriz(&mut bytes, filas);
        }
        Mensaje::Fin => bytes.push(TIPO_FIN),
    }
    bytes
}

/// Las longitudes viajan como `u32`: una mayor no cabría en una trama de todos modos.
fn longitud_u32(n: usize) -> u32 {
    u32::try_from(n).expect("una longitud del protocolo no cabe en un u32")
}

fn codificar_matriz(bytes: &mut Vec<u8>, m: &Matriz) {
    codificar_filas(bytes, m, 0..m.filas);
}

/// Las filas `filas` de `m`, codificadas como una matriz aparte (sin copiarlas antes).
fn codificar_filas(bytes: &mut Vec<u8>, m: &Matriz, filas: Range<usize>) {
    bytes.extend_from_slice(&longitud_u32(filas.len()).to_be_bytes());
    bytes.extend_from_slice(&longitud_u32(m.columnas).to_be_bytes());
    let valores = &m.datos[filas.start * m.columnas..filas.end * m.columnas];
    extender_ocho_bytes(bytes, valores.iter().map(|x| x.to_bits()));
}

/// Añade cada valor como 8 bytes big-endian. Reservar y escribir por trozos de 8 bytes
/// deja al compilador convertir el orden de los bytes de muchos valores a la vez.
fn extender_ocho_bytes(bytes: &mut Vec<u8>, valores: impl ExactSizeIterator<Item = u64>) {
    let inicio = bytes.len();
    bytes.resize(inicio + 8 * valores.len(), 0);
    for (destino, x) in bytes[inicio..].chunks_exact_mut(8).zip(valores) {
        destino.copy_from_slice(&x.to_be_bytes());
    }
}

/// La carga de `Sumar` directamente desde un slice: el coordinador no copia el trozo antes
/// de codificarlo.
fn codificar_sumar(tarea: u32, datos: &[u64]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(9 + 8 * datos.len());
    bytes.push(TIPO_SUMAR);
    bytes.extend_from_slice(&tarea.to_be_bytes());
    bytes.extend_from_slice(&longitud_u32(datos.len()).to_be_bytes());
    extender_ocho_bytes(&mut bytes, datos.iter().copied());
    bytes
}

/// La carga de `Multiplicar` con las filas `filas` de `a` y la matriz `b`, sin copiarlas
/// antes en matrices aparte.
fn codificar_multiplicar(tarea: u32, a: &Matriz, filas: Range<usize>, b: &Matriz) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(21 + 8 * (filas.len() * a.columnas + b.datos.len()));
    bytes.push(TIPO_MULTIPLICAR);
    bytes.extend_from_slice(&tarea.to_be_bytes());
    codificar_filas(&mut bytes, a, filas);
    codificar_matriz(&mut bytes, b);
    bytes
}

/// Un cursor sobre la carga que se está decodificando. Cada lectura comprueba que quedan
/// bytes suficientes *antes* de tomarlos (y antes de reservar memoria para ellos).
struct Cursor<'a> {
    resto: &'a [u8],
    tipo: u8,
}

impl<'a> Cursor<'a> {
    fn tomar(&mut self, n: usize) -> Result<&'a [u8], ErrorDistribuido> {
        if self.resto.len() < n {
            return Err(ErrorDistribuido::MensajeTruncado { tipo: self.tipo });
        }
        let (tomados, resto) = self.resto.split_at(n);
        self.resto = resto;
        Ok(tomados)
    }

    fn u32(&mut self) -> Result<u32, ErrorDistribuido> {
        Ok(u32::from_be_bytes(self.tomar(4)?.try_into().unwrap()))
    }

    fn u128(&mut self) -> Result<u128, ErrorDistribuido> {
        Ok(u128::from_be_bytes(self.tomar(16)?.try_into().unwrap()))
    }

    /// `n` valores de 8 bytes. Si `n · 8` no cabe en lo que queda (o ni siquiera en un
    /// `usize`), el mensaje está truncado: nada de `Vec::with_capacity(n)` a ciegas.
    fn ocho_bytes(
        &mut self,
        n: usize,
    ) -> Result<impl Iterator<Item = [u8; 8]> + 'a, ErrorDistribuido> {
        let bytes = n
            .checked_mul(8)
            .ok_or(ErrorDistribuido::MensajeTruncado { tipo: self.tipo })?;
        Ok(self
            .tomar(bytes)?
            .chunks_exact(8)
            .map(|c| c.try_into().unwrap()))
    }

    fn matriz(&mut self) -> Result<Matriz, ErrorDistribuido> {
        let filas = self.u32()? as usize;
        let columnas = self.u32()? as usize;
        let n = filas
            .checked_mul(columnas)
            .ok_or(ErrorDistribuido::MensajeTruncado { tipo: self.tipo })?;
        let datos = self
            .ocho_bytes(n)?
            .map(|b| f64::from_bits(u64::from_be_bytes(b)))
            .collect();
        Ok(Matriz::nueva(filas, columnas, datos))
    }

    fn terminar(self) -> Result<(), ErrorDistribuido> {
        match self.resto.len() {
            0 => Ok(()),
            sobran => Err(ErrorDistribuido::BytesSobrantes {
                tipo: self.tipo,
                sobran,
            }),
        }
    }
}

/// Decodifica una carga. Todo lo que no sea exactamente un mensaje del protocolo es un
/// error: vacía, tipo desconocido, truncada o con bytes de más.
pub fn decodificar(carga: &[u8]) -> Result<Mensaje, ErrorDistribuido> {
    let (&tipo, resto) = carga.split_first().ok_or(ErrorDistribuido::MensajeVacio)?;
    let mut c = Cursor { resto, tipo };
    let mensaje = match tipo {
        TIPO_SUMAR => {
            let tarea = c.u32()?;
            let n = c.u32()? as usize;
            let datos = c.ocho_bytes(n)?.map(u64::from_be_bytes).collect();
            Mensaje::Sumar { tarea, datos }
        }
        TIPO_SUMA => Mensaje::Suma {
            tarea: c.u32()?,
            total: c.u128()?,
        },
        TIPO_MULTIPLICAR => Mensaje::Multiplicar {
            tarea: c.u32()?,
            filas: c.matriz()?,
            b: c.matriz()?,
        },
        TIPO_PRODUCTO => Mensaje::Producto {
            tarea: c.u32()?,
            filas: c.matriz()?,
        },
        TIPO_FIN => Mensaje::Fin,
        otro => return Err(ErrorDistribuido::TipoDesconocido(otro)),
    };
    c.terminar()?;
    Ok(mensaje)
}

// ---------------------------------------------------------------------------------------
// Tramas
// ---------------------------------------------------------------------------------------

/// Escribe una trama: la longitud de `carga` (u32 big-endian) y la carga.
pub fn escribir_trama(escritor: &mut impl Write, carga: &[u8]) -> Result<(), ErrorDistribuido> {
    if carga.len() > TRAMA_MAXIMA {
        return Err(ErrorDistribuido::TramaDemasiadoLarga(carga.len()));
    }
    // `write_all` repite `write` hasta que se escribe todo. Una trama pequeña se junta en un
    // solo búfer: con TCP_NODELAY, dos escrituras serían dos paquetes. Una grande se envía
    // en dos escrituras: copiarla entera para ahorrar un paquete no compensa.
    let cabecera = longitud_u32(carga.len()).to_be_bytes();
    if carga.len() <= 64 * 1024 {
        let mut trama = Vec::with_capacity(4 + carga.len());
        trama.extend_from_slice(&cabecera);
        trama.extend_from_slice(carga);
        escritor.write_all(&trama)?;
    } else {
        escritor.write_all(&cabecera)?;
        escritor.write_all(carga)?;
    }
    escritor.flush()?;
    Ok(())
}

/// Lee una trama completa y devuelve su carga; `Ok(None)` si la conexión se cerró justo
/// entre dos tramas.
pub fn leer_trama(lector: &mut impl Read) -> Result<Option<Vec<u8>>, ErrorDistribuido> {
    // La cabecera, a mano: hay que distinguir «cero bytes» (cierre limpio) de «algunos»
    // (cierre a medias), cosa que `read_exact` no dice.
    let mut cabecera = [0u8; 4];
    let mut leidos = 0;
    while leidos < cabecera.len() {
        match lector.read(&mut cabecera[leidos..]) {
            Ok(0) if leidos == 0 => return Ok(None),
            Ok(0) => return Err(ErrorDistribuido::TramaIncompleta),
            Ok(n) => leidos += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    let longitud = u32::from_be_bytes(cabecera) as usize;
    if longitud > TRAMA_MAXIMA {
        return Err(ErrorDistribuido::TramaDemasiadoLarga(longitud));
    }
    // La carga: `read_exact` repite `read` (y reintenta tras `Interrupted`) hasta llenarla;
    // si la conexión se cierra antes, su `UnexpectedEof` se convierte en `TramaIncompleta`.
    let mut carga = vec![0u8; longitud];
    lector.read_exact(&mut carga)?;
    Ok(Some(carga))
}

/// Codifica `mensaje` y lo escribe como una trama.
pub fn enviar(escritor: &mut impl Write, mensaje: &Mensaje) -> Result<(), ErrorDistribuido> {
    escribir_trama(escritor, &codificar(mensaje))
}

/// Lee una trama y la decodifica; `Ok(None)` si la conexión se cerró entre dos tramas.
pub fn recibir(lector: &mut impl Read) -> Result<Option<Mensaje>, ErrorDistribuido> {
    match leer_trama(lector)? {
        Some(carga) => decodificar(&carga).map(Some),
        None => Ok(None),
    }
}

// ---------------------------------------------------------------------------------------
// El trabajador
// ---------------------------------------------------------------------------------------

/// A · B con el orden de bucles i-k-j: cada `c[i][j]` acumula sus productos en orden de `k`,
/// como el producto fila por columna, así que el resultado es idéntico bit a bit.
pub fn producto_secuencial(a: &Matriz, b: &Matriz) -> Result<Matriz, ErrorDistribuido> {
    if a.columnas != b.filas {
        return Err(ErrorDistribuido::DimensionesIncompatibles {
            columnas_a: a.columnas,
            filas_b: b.filas,
        });
    }
    let mut c = Matriz::ceros(a.filas, b.columnas);
    if b.columnas == 0 {
        return Ok(c);
    }
    for (i, fila_c) in c.datos.chunks_exact_mut(b.columnas).enumerate() {
        for (k, &a_ik) in a.fila(i).iter().enumerate() {
            for (c_ij, &b_kj) in fila_c.iter_mut().zip(b.fila(k)) {
                *c_ij += a_ik * b_kj;
            }
        }
    }
    Ok(c)
}

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

/// El bucle de un trabajador: lee una tarea, la resuelve y responde, hasta recibir
/// [`Mensaje::Fin`] o hasta que el coordinador cierre la conexión entre dos tramas.
pub fn trabajar<C: Read + Write>(mut conexion: C) -> Result<(), ErrorDistribuido> {
    loop {
        let Some(mensaje) = recibir(&mut conexion)? else {
            return Ok(());
        };
        let respuesta = match mensaje {
            Mensaje::Sumar { tarea, datos } => Mensaje::Suma {
                tarea,
                total: datos.iter().map(|&x| u128::from(x)).sum(),
            },
            Mensaje::Multiplicar { tarea, filas, b } => Mensaje::Producto {
                tarea,
                filas: producto_secuencial(&filas, &b)?,
            },
            Mensaje::Fin => return Ok(()),
            otro => {
                return Err(ErrorDistribuido::MensajeInesperado(format!(
                    "un trabajador recibió {}, que es una respuesta, no una tarea",
                    describir(&otro)
                )));
            }
        };
        enviar(&mut conexion, &respuesta)?;
    }
}

/// El `main` de un proceso trabajador: se conecta al coordinador de `direccion` (que debe
/// ser de bucle local) y atiende sus tareas con [`trabajar`].
pub fn trabajador(direccion: &str) -> Result<(), ErrorDistribuido> {
    let invalida = || ErrorDistribuido::DireccionInvalida(direccion.to_string());
    let destino: SocketAddr = direccion.parse().map_err(|_| invalida())?;
    if !destino.ip().is_loopback() {
        return Err(invalida());
    }
    let conexion = TcpStream::connect_timeout(&destino, ESPERA_CONEXION)?;
    conexion.set_nodelay(true)?;
    // Si el coordinador desaparece sin cerrar (no debería: el núcleo cierra sus conexiones al
    // morir), el trabajador no espera para siempre.
    conexion.set_read_timeout(Some(ESPERA_TRABAJADOR))?;
    conexion.set_write_timeout(Some(ESPERA_TRABAJADOR))?;
    trabajar(conexion)
}

// ---------------------------------------------------------------------------------------
// El coordinador
// ---------------------------------------------------------------------------------------

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
