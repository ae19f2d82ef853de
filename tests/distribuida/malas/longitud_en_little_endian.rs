//! Error: escribe y lee la longitud de la trama en little-endian (el orden de la máquina),
//! no en big-endian como dice el protocolo. Entre dos procesos de este mismo programa
//! funciona; con cualquier otro que siga el protocolo, no.
//!
//! Debe fallar: escribir_trama_pone_la_longitud_delante, cada_mensaje_se_codifica_con_los_bytes_del_protocolo

#[allow(dead_code)]
#[path = "../../../solutions/distribuida/src/lib.rs"]
mod correcta;
pub use correcta::{
    ESPERA_CONEXION, ESPERA_TRABAJADOR, ErrorDistribuido, Grupo, Matriz, Mensaje, TIPO_FIN,
    TIPO_MULTIPLICAR, TIPO_PRODUCTO, TIPO_SUMA, TIPO_SUMAR, TRAMA_MAXIMA, VARIABLE_COORDINADOR,
    codificar, decodificar, enviar, producto_secuencial, recibir, trabajador, trabajar,
};
use std::io::{Read, Write};

pub fn escribir_trama(escritor: &mut impl Write, carga: &[u8]) -> Result<(), ErrorDistribuido> {
    if carga.len() > TRAMA_MAXIMA {
        return Err(ErrorDistribuido::TramaDemasiadoLarga(carga.len()));
    }
    escritor.write_all(&(carga.len() as u32).to_le_bytes())?;
    escritor.write_all(carga)?;
    escritor.flush()?;
    Ok(())
}

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
    let longitud = u32::from_le_bytes(cabecera) as usize;
    if longitud > TRAMA_MAXIMA {
        return Err(ErrorDistribuido::TramaDemasiadoLarga(longitud));
    }
    let mut carga = vec![0u8; longitud];
    lector.read_exact(&mut carga)?;
    Ok(Some(carga))
}
