//! # Ejercicio: programación distribuida
//!
//! Lee el capítulo «Programación distribuida» del libro antes de empezar. Sustituye cada
//! `todo!()` por tu código y comprueba tu trabajo con:
//!
//! ```text
//! cargo test -p distribuida
//! ```
//!
//! Un coordinador reparte el trabajo (una suma, un producto de matrices por bloques de
//! filas) entre varios **procesos** trabajadores. No comparten memoria: todo viaja en
//! mensajes por TCP en la interfaz de bucle local (127.0.0.1), con este protocolo:
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
//!
//! Los tipos, los errores (con sus mensajes) y las funciones [`enviar`] y [`recibir`] ya
//! están escritos. Tú escribes las funciones con `todo!()` y el [`Grupo`] de trabajadores.

use std::fmt;
use std::io::{self, Read, Write};
use std::ops::Range;
use std::process::Command;
use std::time::Duration;

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

/// Codifica `mensaje` en su carga binaria, sin la cabecera de longitud, según la tabla del
/// principio del archivo.
///
/// Ejemplo: `Mensaje::Suma { tarea: 7, total: 300 }` es el byte de tipo `2`, la tarea en
/// 4 bytes (`0 0 0 7`) y el total en 16 bytes (`0 … 0 1 44`, porque 300 = 1 · 256 + 44):
/// 21 bytes en total.
pub fn codificar(mensaje: &Mensaje) -> Vec<u8> {
    let _ = mensaje;
    todo!("el byte de tipo y cada campo con to_be_bytes()")
}

/// Decodifica una carga (sin la cabecera de longitud).
///
/// Contrato: devuelve `Ok` solo si la carga es *exactamente* un mensaje del protocolo.
/// - carga vacía: `Err(MensajeVacio)`;
/// - tipo que no está en la tabla: `Err(TipoDesconocido(tipo))`;
/// - los campos piden más bytes de los que hay: `Err(MensajeTruncado { tipo })`. Compruébalo
///   **antes** de reservar memoria: una carga de 9 bytes puede anunciar 4 000 millones de
///   números, y `Vec::with_capacity` de eso agotaría la memoria;
/// - quedan bytes después del último campo: `Err(BytesSobrantes { tipo, sobran })`.
pub fn decodificar(carga: &[u8]) -> Result<Mensaje, ErrorDistribuido> {
    let _ = carga;
    todo!("lee el tipo y después cada campo, comprobando que quedan bytes")
}

// ---------------------------------------------------------------------------------------
// Tramas
// ---------------------------------------------------------------------------------------

/// Escribe una trama: la longitud de `carga` como `u32` big-endian y la carga.
///
/// Contrato:
/// - Una carga de más de [`TRAMA_MAXIMA`] bytes da `Err(TramaDemasiadoLarga(longitud))` y
///   no escribe nada.
/// - `write` puede escribir *menos* bytes de los que se le dan: la trama se escribe entera
///   (`write_all`) y después se llama a `flush`.
pub fn escribir_trama(escritor: &mut impl Write, carga: &[u8]) -> Result<(), ErrorDistribuido> {
    let _ = (escritor, carga);
    todo!("4 bytes de longitud en big-endian y la carga, enteras")
}

/// Lee una trama completa y devuelve su carga.
///
/// Un `read` **no** es un mensaje: puede devolver un solo byte, media cabecera o el final
/// de una trama y el principio de la siguiente. Contrato:
/// - `Ok(Some(carga))` con la carga entera de la siguiente trama.
/// - `Ok(None)` si la conexión se cierra limpiamente *entre* dos tramas (el primer `read`
///   de la cabecera devuelve 0).
/// - `Err(TramaIncompleta)` si se cierra a mitad de la cabecera o de la carga.
/// - `Err(TramaDemasiadoLarga(n))` si la cabecera anuncia más de [`TRAMA_MAXIMA`] bytes, sin
///   reservar memoria para ellos ni leerlos.
/// - Un `read` que falla con `ErrorKind::Interrupted` se repite; cualquier otro error de
///   entrada/salida se devuelve convertido con `?` (ver `From<io::Error>`).
pub fn leer_trama(lector: &mut impl Read) -> Result<Option<Vec<u8>>, ErrorDistribuido> {
    let _ = lector;
    todo!("lee los 4 bytes de la cabecera en un bucle y después la carga entera")
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

/// El producto A · B en este hilo.
///
/// Contrato:
/// - `a.columnas != b.filas` da `Err(DimensionesIncompatibles { columnas_a, filas_b })`.
/// - Cada `c[i][j]` es la suma de `a[i][k] · b[k][j]` acumulada en orden de `k` creciente,
///   empezando en `0.0`: así el resultado es idéntico, bit a bit, al de las pruebas (con
///   `f64`, cambiar el orden de las sumas cambia los últimos decimales).
pub fn producto_secuencial(a: &Matriz, b: &Matriz) -> Result<Matriz, ErrorDistribuido> {
    let _ = (a, b);
    todo!("el producto de siempre, fila por columna")
}

/// El bucle de un trabajador sobre una conexión ya abierta.
///
/// Contrato: repite «recibir una tarea, resolverla, enviar la respuesta»:
/// - `Sumar { tarea, datos }` se responde con `Suma { tarea, total }` (total en `u128`);
/// - `Multiplicar { tarea, filas, b }` con `Producto { tarea, filas: filas · b }`;
/// - `Fin`, o la conexión cerrada entre dos tramas, termina con `Ok(())`;
/// - cualquier error (trama incompleta, mensaje malformado, dimensiones incompatibles) se
///   devuelve como `Err` **sin responder nada**; un mensaje que no es una tarea (`Suma`,
///   `Producto`) es `Err(MensajeInesperado(..))`.
pub fn trabajar<C: Read + Write>(conexion: C) -> Result<(), ErrorDistribuido> {
    let _ = conexion;
    todo!("recibir, resolver, enviar, en un bucle")
}

/// El `main` de un proceso trabajador: se conecta al coordinador de `direccion` y atiende
/// sus tareas con [`trabajar`].
///
/// Contrato:
/// - `direccion` debe ser una dirección IP de bucle local con puerto (`127.0.0.1:40123`); si
///   no lo es (o no se puede leer como tal), `Err(DireccionInvalida(direccion))` sin
///   intentar conectar. Nada de resolver nombres.
/// - Activa `set_nodelay(true)` (sin él, cada respuesta pequeña puede esperar decenas de
///   milisegundos) y un plazo de lectura de [`ESPERA_TRABAJADOR`]: ningún trabajador espera
///   para siempre.
pub fn trabajador(direccion: &str) -> Result<(), ErrorDistribuido> {
    let _ = direccion;
    todo!("parse::<SocketAddr>(), is_loopback(), TcpStream::connect_timeout y trabajar")
}

// ---------------------------------------------------------------------------------------
// El coordinador
// ---------------------------------------------------------------------------------------

/// Un grupo de procesos trabajadores conectados a este proceso, el coordinador: el
/// equivalente del `Pool` de Python.
///
/// Al destruirse (implementa `Drop`), envía `Fin` a los trabajadores vivos, cierra las
/// conexiones y **espera** a cada proceso hijo (matándolo si no ha terminado en un par de
/// segundos): un hijo al que nadie espera queda como proceso zombi.
pub struct Grupo {
    // Sustituye este campo por los tuyos: los procesos hijos (`Child`), las conexiones de
    // los trabajadores vivos, el límite de espera...
    _pendiente: (),
}

impl Grupo {
    /// Lanza `trabajadores` procesos y espera a que todos se conecten.
    ///
    /// Contrato:
    /// - `trabajadores == 0` da `Err(CeroTrabajadores)` sin lanzar nada.
    /// - Escucha en `127.0.0.1` con el puerto 0 (el sistema elige uno libre) y lanza cada
    ///   trabajador con `orden(i).env(VARIABLE_COORDINADOR, direccion).spawn()`, donde
    ///   `direccion` es la que escucha (`127.0.0.1:puerto`). Quien llama decide *qué*
    ///   programa es el trabajador: las pruebas relanzan su propio ejecutable, que al ver la
    ///   variable hace de trabajador.
    /// - Espera a que se conecten todos, como mucho [`ESPERA_CONEXION`]. Si un hijo no se
    ///   puede lanzar, o **termina** antes de que se conecten todos, o se agota el plazo:
    ///   `Err(Lanzamiento(..))`, y los hijos ya lanzados se matan y se esperan. Que un hijo
    ///   terminó se sabe con `Child::try_wait`, sin agotar el plazo: mientras esperas
    ///   conexiones, míralo a menudo.
    /// - `limite` es cuánto espera el coordinador la respuesta a una tarea. Un trabajador
    ///   que no responde en ese tiempo se da por perdido.
    pub fn lanzar(
        trabajadores: usize,
        limite: Duration,
        orden: impl FnMut(usize) -> Command,
    ) -> Result<Grupo, ErrorDistribuido> {
        let _ = (trabajadores, limite, orden);
        todo!("TcpListener::bind, un spawn por trabajador y accept hasta que estén todos")
    }

    /// Cuántos trabajadores siguen vivos (conectados y sin fallos).
    pub fn vivos(&self) -> usize {
        todo!("el número de conexiones que no han fallado")
    }

    /// Suma `datos` repartiéndolos entre los trabajadores.
    ///
    /// Contrato:
    /// - `trozos == 0` da `Err(CeroTrozos)`; con `datos` vacío, `Ok(0)` sin enviar nada.
    /// - Corta `datos` en `min(trozos, datos.len())` trozos contiguos (de tamaños que
    ///   difieren en uno como mucho); el trozo `i` es la tarea `i`: `Sumar { tarea: i, .. }`.
    /// - **Balanceo de carga dinámico**: cada trabajador vivo tiene una tarea en curso como
    ///   mucho, y al responder recibe la siguiente pendiente. Nada más empezar, cada
    ///   trabajador vivo recibe una tarea (si hay tareas para todos).
    /// - **Fallos**: un trabajador falla si su conexión se cierra o da error, si no responde
    ///   en `limite`, o si responde algo que no es la respuesta de *su* tarea (otro tipo u
    ///   otro número de tarea). Entonces se cierra su conexión, deja de contar como vivo y
    ///   su tarea vuelve a la cola para otro trabajador.
    /// - **Exactamente una vez**: cada trozo se cuenta una sola vez en el total, falle quien
    ///   falle. El resultado es el mismo que el de la suma secuencial, o un error.
    /// - Si no queda ningún trabajador vivo y falta trabajo: `Err(SinTrabajadores(causa))`,
    ///   con la descripción del último fallo. Nunca un total equivocado, nunca un cuelgue.
    pub fn sumar(&mut self, datos: &[u64], trozos: usize) -> Result<u128, ErrorDistribuido> {
        let _ = (datos, trozos);
        todo!("una tarea por trozo, repartidas con una cola compartida")
    }

    /// A · B repartiendo las filas de A entre los trabajadores.
    ///
    /// Contrato: como [`Grupo::sumar`], con `min(bloques, a.filas)` bloques contiguos de
    /// filas de A; la tarea `i` es `Multiplicar { tarea: i, filas: <bloque i de A>, b }` y
    /// se responde con `Producto { tarea: i, filas }`, que debe tener tantas filas como el
    /// bloque y `b.columnas` columnas (si no, es un fallo de ese trabajador). Además:
    /// - `bloques == 0` da `Err(CeroTrozos)`; `a.columnas != b.filas`,
    ///   `Err(DimensionesIncompatibles { .. })`, ambos sin enviar nada.
    /// - Sin filas en A, la matriz vacía de `0 × b.columnas`.
    /// - El resultado coincide bit a bit con [`producto_secuencial`].
    pub fn multiplicar(
        &mut self,
        a: &Matriz,
        b: &Matriz,
        bloques: usize,
    ) -> Result<Matriz, ErrorDistribuido> {
        let _ = (a, b, bloques);
        todo!("como sumar, con un bloque de filas por tarea")
    }
}
