//! Error: lee la cabecera con `read_exact` y toma cualquier `UnexpectedEof` por un cierre
//! limpio. Una conexión que se corta a mitad de la cabecera parece terminar bien, y un
//! trabajador que murió a medio responder no se distingue de uno que acabó.
//!
//! Debe fallar: leer_trama_distingue_el_cierre_limpio_del_cierre_a_medias

#[allow(dead_code)]
#[path = "../../../solutions/distribuida/src/lib.rs"]
mod correcta;
pub use correcta::{
    ESPERA_CONEXION, ESPERA_TRABAJADOR, ErrorDistribuido, Grupo, Matriz, Mensaje, TIPO_FIN,
    TIPO_MULTIPLICAR, TIPO_PRODUCTO, TIPO_SUMA, TIPO_SUMAR, TRAMA_MAXIMA, VARIABLE_COORDINADOR,
    codificar, decodificar, enviar, escribir_trama, producto_secuencial, recibir, trabajador,
    trabajar,
};
use std::io::{ErrorKind, Read};

pub fn leer_trama(lector: &mut impl Read) -> Result<Option<Vec<u8>>, ErrorDistribuido> {
    let mut cabecera = [0u8; 4];
    match lector.read_exact(&mut cabecera) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e.into()),
    }
    let longitud = u32::from_be_bytes(cabecera) as usize;
    if longitud > TRAMA_MAXIMA {
        return Err(ErrorDistribuido::TramaDemasiadoLarga(longitud));
    }
    let mut carga = vec![0u8; longitud];
    lector.read_exact(&mut carga)?;
    Ok(Some(carga))
}
