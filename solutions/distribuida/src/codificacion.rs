//! La codificación de los mensajes: la carga binaria de cada uno, sin la cabecera de la
//! trama.

use super::{
    ErrorDistribuido, Matriz, Mensaje, TIPO_FIN, TIPO_MULTIPLICAR, TIPO_PRODUCTO, TIPO_SUMA,
    TIPO_SUMAR,
};
use std::ops::Range;

/// Codifica `mensaje` en su carga binaria (sin la cabecera de longitud).
pub fn codificar(mensaje: &Mensaje) -> Vec<u8> {
    let mut bytes = Vec::new();
    match mensaje {
        Mensaje::Sumar { tarea, datos } => return codificar_sumar(*tarea, datos),
        Mensaje::Suma { tarea, total } => {
            bytes.push(TIPO_SUMA);
            bytes.extend_from_slice(&tarea.to_be_bytes());
            bytes.extend_from_slice(&total.to_be_bytes());
        }
        Mensaje::Multiplicar { tarea, filas, b } => {
            return codificar_multiplicar(*tarea, filas, 0..filas.filas, b);
        }
        Mensaje::Producto { tarea, filas } => {
            bytes.reserve(13 + 8 * filas.datos.len());
            bytes.push(TIPO_PRODUCTO);
            bytes.extend_from_slice(&tarea.to_be_bytes());
            codificar_matriz(&mut bytes, filas);
        }
        Mensaje::Fin => bytes.push(TIPO_FIN),
    }
    bytes
}

/// Las longitudes viajan como `u32`: una mayor no cabría en una trama de todos modos.
pub(crate) fn longitud_u32(n: usize) -> u32 {
    u32::try_from(n).expect("una longitud del protocolo no cabe en un u32")
}

fn codificar_matriz(bytes: &mut Vec<u8>, m: &Matriz) {
    codificar_filas(bytes, m, 0..m.filas);
}

/// Las filas `filas` de `m`, codificadas como una matriz aparte (sin copiarlas antes).
fn codificar_filas(bytes: &mut Vec<u8>, m: &Matriz, filas: Range<usize>) {
    bytes.extend_from_slice(&longitud_u32(filas.len()).to_be_bytes());
    bytes.extend_from_slice(&longitud_u32(m.columnas).to_be_bytes());
    let valores = &m.datos[filas.start * m.columnas..filas.end * m.columnas];
    extender_ocho_bytes(bytes, valores.iter().map(|x| x.to_bits()));
}

/// Añade cada valor como 8 bytes big-endian. Reservar y escribir por trozos de 8 bytes
/// deja al compilador convertir el orden de los bytes de muchos valores a la vez.
fn extender_ocho_bytes(bytes: &mut Vec<u8>, valores: impl ExactSizeIterator<Item = u64>) {
    let inicio = bytes.len();
    bytes.resize(inicio + 8 * valores.len(), 0);
    for (destino, x) in bytes[inicio..].chunks_exact_mut(8).zip(valores) {
        destino.copy_from_slice(&x.to_be_bytes());
    }
}

/// La carga de `Sumar` directamente desde un slice: el coordinador no copia el trozo antes
/// de codificarlo.
pub(crate) fn codificar_sumar(tarea: u32, datos: &[u64]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(9 + 8 * datos.len());
    bytes.push(TIPO_SUMAR);
    bytes.extend_from_slice(&tarea.to_be_bytes());
    bytes.extend_from_slice(&longitud_u32(datos.len()).to_be_bytes());
    extender_ocho_bytes(&mut bytes, datos.iter().copied());
    bytes
}

/// La carga de `Multiplicar` con las filas `filas` de `a` y la matriz `b`, sin copiarlas
/// antes en matrices aparte.
pub(crate) fn codificar_multiplicar(
    tarea: u32,
    a: &Matriz,
    filas: Range<usize>,
    b: &Matriz,
) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(21 + 8 * (filas.len() * a.columnas + b.datos.len()));
    bytes.push(TIPO_MULTIPLICAR);
    bytes.extend_from_slice(&tarea.to_be_bytes());
    codificar_filas(&mut bytes, a, filas);
    codificar_matriz(&mut bytes, b);
    bytes
}

/// Un cursor sobre la carga que se está decodificando. Cada lectura comprueba que quedan
/// bytes suficientes *antes* de tomarlos (y antes de reservar memoria para ellos).
struct Cursor<'a> {
    resto: &'a [u8],
    tipo: u8,
}

impl<'a> Cursor<'a> {
    fn tomar(&mut self, n: usize) -> Result<&'a [u8], ErrorDistribuido> {
        if self.resto.len() < n {
            return Err(ErrorDistribuido::MensajeTruncado { tipo: self.tipo });
        }
        let (tomados, resto) = self.resto.split_at(n);
        self.resto = resto;
        Ok(tomados)
    }

    fn u32(&mut self) -> Result<u32, ErrorDistribuido> {
        Ok(u32::from_be_bytes(self.tomar(4)?.try_into().unwrap()))
    }

    fn u128(&mut self) -> Result<u128, ErrorDistribuido> {
        Ok(u128::from_be_bytes(self.tomar(16)?.try_into().unwrap()))
    }

    /// `n` valores de 8 bytes. Si `n · 8` no cabe en lo que queda (o ni siquiera en un
    /// `usize`), el mensaje está truncado: nada de `Vec::with_capacity(n)` a ciegas.
    fn ocho_bytes(
        &mut self,
        n: usize,
    ) -> Result<impl Iterator<Item = [u8; 8]> + 'a, ErrorDistribuido> {
        let bytes = n
            .checked_mul(8)
            .ok_or(ErrorDistribuido::MensajeTruncado { tipo: self.tipo })?;
        Ok(self
            .tomar(bytes)?
            .chunks_exact(8)
            .map(|c| c.try_into().unwrap()))
    }

    fn matriz(&mut self) -> Result<Matriz, ErrorDistribuido> {
        let filas = self.u32()? as usize;
        let columnas = self.u32()? as usize;
        let n = filas
            .checked_mul(columnas)
            .ok_or(ErrorDistribuido::MensajeTruncado { tipo: self.tipo })?;
        let datos = self
            .ocho_bytes(n)?
            .map(|b| f64::from_bits(u64::from_be_bytes(b)))
            .collect();
        Ok(Matriz::nueva(filas, columnas, datos))
    }

    fn terminar(self) -> Result<(), ErrorDistribuido> {
        match self.resto.len() {
            0 => Ok(()),
            sobran => Err(ErrorDistribuido::BytesSobrantes {
                tipo: self.tipo,
                sobran,
            }),
        }
    }
}

/// Decodifica una carga. Todo lo que no sea exactamente un mensaje del protocolo es un
/// error: vacía, tipo desconocido, truncada o con bytes de más.
pub fn decodificar(carga: &[u8]) -> Result<Mensaje, ErrorDistribuido> {
    let (&tipo, resto) = carga.split_first().ok_or(ErrorDistribuido::MensajeVacio)?;
    let mut c = Cursor { resto, tipo };
    let mensaje = match tipo {
        TIPO_SUMAR => {
            let tarea = c.u32()?;
            let n = c.u32()? as usize;
            let datos = c.ocho_bytes(n)?.map(u64::from_be_bytes).collect();
            Mensaje::Sumar { tarea, datos }
        }
        TIPO_SUMA => Mensaje::Suma {
            tarea: c.u32()?,
            total: c.u128()?,
        },
        TIPO_MULTIPLICAR => Mensaje::Multiplicar {
            tarea: c.u32()?,
            filas: c.matriz()?,
            b: c.matriz()?,
        },
        TIPO_PRODUCTO => Mensaje::Producto {
            tarea: c.u32()?,
            filas: c.matriz()?,
        },
        TIPO_FIN => Mensaje::Fin,
        otro => return Err(ErrorDistribuido::TipoDesconocido(otro)),
    };
    c.terminar()?;
    Ok(mensaje)
}

/// Una breve descripción de un mensaje, para los errores (sin volcar los datos).
pub(crate) fn describir(mensaje: &Mensaje) -> String {
    match mensaje {
        Mensaje::Sumar { tarea, datos } => {
            format!("Sumar (tarea {tarea}, {} números)", datos.len())
        }
        Mensaje::Suma { tarea, .. } => format!("Suma (tarea {tarea})"),
        Mensaje::Multiplicar { tarea, .. } => format!("Multiplicar (tarea {tarea})"),
        Mensaje::Producto { tarea, .. } => format!("Producto (tarea {tarea})"),
        Mensaje::Fin => "Fin".into(),
    }
}
