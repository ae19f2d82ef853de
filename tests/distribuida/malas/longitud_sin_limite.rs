//! Error: no comprueba la longitud máxima al leer. Cuatro bytes basura (o una longitud
//! leída al revés) bastan para que intente leer hasta 4 GiB de otro proceso que no los
//! enviará nunca.
//!
//! Debe fallar: leer_trama_rechaza_longitudes_enormes_sin_reservarlas

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
    let mut leidos = 0;
    while leidos < 4 {
        match lector.read(&mut cabecera[leidos..]) {
            Ok(0) if leidos == 0 => return Ok(None),
            Ok(0) => return Err(ErrorDistribuido::TramaIncompleta),
            Ok(n) => leidos += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    let longitud = u32::from_be_bytes(cabecera) as u64;
    let mut carga = Vec::new();
    lector.take(longitud).read_to_end(&mut carga)?;
    if carga.len() as u64 != longitud {
        return Err(ErrorDistribuido::TramaIncompleta);
    }
    Ok(Some(carga))
}
