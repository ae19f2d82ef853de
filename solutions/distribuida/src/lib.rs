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
//!
//! Un módulo por pieza: `error` (los errores y sus mensajes), `codificacion` (las cargas),
//! `tramas` (la longitud delante de cada carga), `trabajador` y `coordinador` (con su
//! reparto de tareas en `coordinador/reparto.rs`). Los módulos se nombran entre sí con
//! `super::`, no con `crate::`: así la solución se puede incluir como módulo (con
//! `#[path]`) en otra implementación que reutilice sus piezas.

use std::ops::Range;
use std::time::Duration;

mod codificacion;
mod coordinador;
mod error;
mod trabajador;
mod tramas;

pub use codificacion::{codificar, decodificar};
pub use coordinador::Grupo;
pub use error::ErrorDistribuido;
pub use trabajador::{producto_secuencial, trabajador, trabajar};
pub use tramas::{enviar, escribir_trama, leer_trama, recibir};

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
