//! Error: escribe la trama con un solo `write` y da por hecho que se escribió entera. `write`
//! devuelve cuántos bytes aceptó, que pueden ser menos (con un búfer de envío lleno, por
//! ejemplo): el resto de la trama se pierde y el otro lado lee basura.
//!
//! Debe fallar: escribir_trama_pone_la_longitud_delante

#[allow(dead_code)]
#[path = "../../../solutions/distribuida/src/lib.rs"]
mod correcta;
pub use correcta::{
    ESPERA_CONEXION, ESPERA_TRABAJADOR, ErrorDistribuido, Grupo, Matriz, Mensaje, TIPO_FIN,
    TIPO_MULTIPLICAR, TIPO_PRODUCTO, TIPO_SUMA, TIPO_SUMAR, TRAMA_MAXIMA, VARIABLE_COORDINADOR,
    codificar, decodificar, enviar, leer_trama, producto_secuencial, recibir, trabajador, trabajar,
};
use std::io::Write;

pub fn escribir_trama(escritor: &mut impl Write, carga: &[u8]) -> Result<(), ErrorDistribuido> {
    if carga.len() > TRAMA_MAXIMA {
        return Err(ErrorDistribuido::TramaDemasiadoLarga(carga.len()));
    }
    let mut trama = (carga.len() as u32).to_be_bytes().to_vec();
    trama.extend_from_slice(carga);
    loop {
        match escritor.write(&trama) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            r => {
                r?;
                break;
            }
        }
    }
    escritor.flush()?;
    Ok(())
}
