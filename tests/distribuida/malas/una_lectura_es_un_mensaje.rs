//! Error: da por hecho que un `read` trae un mensaje entero: lee la cabecera con un solo
//! `read` y la carga con otro. Por TCP, una trama grande llega en varios trozos (y una
//! pequeña puede llegar pegada a la siguiente), así que lee tramas a medias.
//!
//! Debe fallar: leer_trama_junta_una_trama_que_llega_a_trozos

#[allow(dead_code)]
#[path = "../../../solutions/distribuida/src/lib.rs"]
mod correcta;
pub use correcta::{
    ESPERA_CONEXION, ESPERA_TRABAJADOR, ErrorDistribuido, Grupo, Matriz, Mensaje, TIPO_FIN,
    TIPO_MULTIPLICAR, TIPO_PRODUCTO, TIPO_SUMA, TIPO_SUMAR, TRAMA_MAXIMA, VARIABLE_COORDINADOR,
    codificar, decodificar, enviar, escribir_trama, producto_secuencial, recibir, trabajador,
    trabajar,
};
use std::io::Read;

pub fn leer_trama(lector: &mut impl Read) -> Result<Option<Vec<u8>>, ErrorDistribuido> {
    let mut cabecera = [0u8; 4];
    if lector.read(&mut cabecera)? == 0 {
        return Ok(None);
    }
    let longitud = u32::from_be_bytes(cabecera) as usize;
    if longitud > TRAMA_MAXIMA {
        return Err(ErrorDistribuido::TramaDemasiadoLarga(longitud));
    }
    let mut carga = vec![0u8; longitud];
    let leidos = lector.read(&mut carga)?;
    carga.truncate(leidos);
    Ok(Some(carga))
}
