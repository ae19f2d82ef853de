//! El protocolo según la suite: la referencia contra la que se compara el tuyo. Escrita
//! de la forma más directa posible, sin optimizaciones, para que se lea de un vistazo.

use distribuida::{Matriz, Mensaje};
use std::io::Read;

fn matriz(bytes: &mut Vec<u8>, m: &Matriz) {
    bytes.extend((m.filas as u32).to_be_bytes());
    bytes.extend((m.columnas as u32).to_be_bytes());
    for x in &m.datos {
        bytes.extend(x.to_bits().to_be_bytes());
    }
}

pub fn codificar(m: &Mensaje) -> Vec<u8> {
    let mut b = Vec::new();
    match m {
        Mensaje::Sumar { tarea, datos } => {
            b.push(1);
            b.extend(tarea.to_be_bytes());
            b.extend((datos.len() as u32).to_be_bytes());
            for x in datos {
                b.extend(x.to_be_bytes());
            }
        }
        Mensaje::Suma { tarea, total } => {
            b.push(2);
            b.extend(tarea.to_be_bytes());
            b.extend(total.to_be_bytes());
        }
        Mensaje::Multiplicar {
            tarea,
            filas,
            b: mb,
        } => {
            b.push(3);
            b.extend(tarea.to_be_bytes());
            matriz(&mut b, filas);
            matriz(&mut b, mb);
        }
        Mensaje::Producto { tarea, filas } => {
            b.push(4);
            b.extend(tarea.to_be_bytes());
            matriz(&mut b, filas);
        }
        Mensaje::Fin => b.push(5),
    }
    b
}

pub fn trama(carga: &[u8]) -> Vec<u8> {
    let mut t = (carga.len() as u32).to_be_bytes().to_vec();
    t.extend_from_slice(carga);
    t
}

struct Lector<'a>(&'a [u8]);

impl Lector<'_> {
    fn tomar(&mut self, n: usize) -> Option<&[u8]> {
        (self.0.len() >= n).then(|| {
            let (a, b) = self.0.split_at(n);
            self.0 = b;
            a
        })
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_be_bytes(self.tomar(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_be_bytes(self.tomar(8)?.try_into().ok()?))
    }
    fn matriz(&mut self) -> Option<Matriz> {
        let (f, c) = (self.u32()? as usize, self.u32()? as usize);
        let n = f.checked_mul(c)?;
        if n.checked_mul(8)? > self.0.len() {
            return None;
        }
        let datos = (0..n)
            .map(|_| self.u64().map(f64::from_bits))
            .collect::<Option<_>>()?;
        Some(Matriz::nueva(f, c, datos))
    }
}

/// El mensaje de una carga, o `None` si no es exactamente un mensaje.
pub fn decodificar(carga: &[u8]) -> Option<Mensaje> {
    let (&tipo, resto) = carga.split_first()?;
    let mut l = Lector(resto);
    let m = match tipo {
        1 => {
            let tarea = l.u32()?;
            let n = l.u32()? as usize;
            if n.checked_mul(8)? > l.0.len() {
                return None;
            }
            let datos = (0..n).map(|_| l.u64()).collect::<Option<_>>()?;
            Mensaje::Sumar { tarea, datos }
        }
        2 => {
            let tarea = l.u32()?;
            let total = u128::from_be_bytes(l.tomar(16)?.try_into().ok()?);
            Mensaje::Suma { tarea, total }
        }
        3 => Mensaje::Multiplicar {
            tarea: l.u32()?,
            filas: l.matriz()?,
            b: l.matriz()?,
        },
        4 => Mensaje::Producto {
            tarea: l.u32()?,
            filas: l.matriz()?,
        },
        5 => Mensaje::Fin,
        _ => return None,
    };
    l.0.is_empty().then_some(m)
}

/// La siguiente trama de `r`, o `None` si se acabó o está cortada.
pub fn leer(r: &mut impl Read) -> Option<Vec<u8>> {
    let mut cabecera = [0u8; 4];
    r.read_exact(&mut cabecera).ok()?;
    let mut carga = vec![0u8; u32::from_be_bytes(cabecera) as usize];
    r.read_exact(&mut carga).ok()?;
    Some(carga)
}

/// Todas las tramas completas de un búfer, decodificadas.
pub fn mensajes(mut bytes: &[u8]) -> Vec<Option<Mensaje>> {
    let mut v = Vec::new();
    while let Some(carga) = leer(&mut bytes) {
        v.push(decodificar(&carga));
    }
    v
}

/// La suma de un trozo y el producto de dos matrices, calculados aquí.
pub fn suma(datos: &[u64]) -> u128 {
    datos.iter().map(|&x| u128::from(x)).sum()
}

pub fn producto(a: &Matriz, b: &Matriz) -> Matriz {
    let mut c = Vec::with_capacity(a.filas * b.columnas);
    for i in 0..a.filas {
        for j in 0..b.columnas {
            let mut s = 0.0;
            for k in 0..a.columnas {
                s += a.datos[i * a.columnas + k] * b.datos[k * b.columnas + j];
            }
            c.push(s);
        }
    }
    Matriz::nueva(a.filas, b.columnas, c)
}
