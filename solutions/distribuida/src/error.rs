//! Los errores del protocolo y del reparto, con sus mensajes en español.

use super::TRAMA_MAXIMA;
use std::fmt;
use std::io;

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
