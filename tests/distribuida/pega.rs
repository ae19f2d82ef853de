//! Lectores y escritores de pega: bytes a cuentagotas, escrituras cortas, interrupciones.
//! Hacen en memoria, y siempre igual, lo que una conexión de verdad hace a veces.

use crate::referencia;
use distribuida::Mensaje;
use std::io::{self, Read, Write};

/// Un flujo que entrega sus bytes de 1 a 3 en cada `read` y a veces falla con
/// `Interrupted`, como puede hacerlo una conexión de verdad.
pub struct Cuentagotas {
    pub bytes: Vec<u8>,
    pub posicion: usize,
    llamadas: usize,
}

impl Cuentagotas {
    pub fn new(bytes: Vec<u8>) -> Self {
        Self {
            bytes,
            posicion: 0,
            llamadas: 0,
        }
    }
}

impl Read for Cuentagotas {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.llamadas += 1;
        if self.llamadas % 5 == 0 {
            return Err(io::ErrorKind::Interrupted.into());
        }
        let quedan = self.bytes.len() - self.posicion;
        let n = [1, 3, 2][self.llamadas % 3].min(buf.len()).min(quedan);
        buf[..n].copy_from_slice(&self.bytes[self.posicion..self.posicion + n]);
        self.posicion += n;
        Ok(n)
    }
}

/// Un escritor que acepta de 1 a 3 bytes por `write` y a veces falla con `Interrupted`.
#[derive(Default)]
pub struct EscritorCorto {
    pub bytes: Vec<u8>,
    llamadas: usize,
}

impl Write for EscritorCorto {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.llamadas += 1;
        if self.llamadas % 7 == 0 {
            return Err(io::ErrorKind::Interrupted.into());
        }
        let n = [2, 1, 3][self.llamadas % 3].min(buf.len());
        self.bytes.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Una conexión en memoria: lo que «llega» sale de un cuentagotas y lo que se envía queda
/// en un escritor corto.
pub struct Duplex {
    pub entrada: Cuentagotas,
    pub salida: EscritorCorto,
}

impl Read for Duplex {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.entrada.read(buf)
    }
}

impl Write for Duplex {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.salida.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.salida.flush()
    }
}

/// Los bytes de varias tramas seguidas, con el protocolo de referencia.
pub fn tramas(mensajes: &[Mensaje]) -> Vec<u8> {
    mensajes
        .iter()
        .flat_map(|m| referencia::trama(&referencia::codificar(m)))
        .collect()
}
