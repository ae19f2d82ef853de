//! Las tramas: cada carga viaja precedida de su longitud, para que quien lee sepa dónde
//! acaba un mensaje en un flujo de bytes.

use super::codificacion::{codificar, decodificar, longitud_u32};
use super::{ErrorDistribuido, Mensaje, TRAMA_MAXIMA};
use std::io::{self, Read, Write};

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
