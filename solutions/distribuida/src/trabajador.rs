//! El trabajador: resuelve las tareas que le llegan y responde a cada una.

use super::codificacion::describir;
use super::{
    ESPERA_CONEXION, ESPERA_TRABAJADOR, ErrorDistribuido, Matriz, Mensaje, enviar, recibir,
};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

/// A · B con el orden de bucles i-k-j: cada `c[i][j]` acumula sus productos en orden de `k`,
/// como el producto fila por columna, así que el resultado es idéntico bit a bit.
pub fn producto_secuencial(a: &Matriz, b: &Matriz) -> Result<Matriz, ErrorDistribuido> {
    if a.columnas != b.filas {
        return Err(ErrorDistribuido::DimensionesIncompatibles {
            columnas_a: a.columnas,
            filas_b: b.filas,
        });
    }
    let mut c = Matriz::ceros(a.filas, b.columnas);
    if b.columnas == 0 {
        return Ok(c);
    }
    for (i, fila_c) in c.datos.chunks_exact_mut(b.columnas).enumerate() {
        for (k, &a_ik) in a.fila(i).iter().enumerate() {
            for (c_ij, &b_kj) in fila_c.iter_mut().zip(b.fila(k)) {
                *c_ij += a_ik * b_kj;
            }
        }
    }
    Ok(c)
}

/// El bucle de un trabajador: lee una tarea, la resuelve y responde, hasta recibir
/// [`Mensaje::Fin`] o hasta que el coordinador cierre la conexión entre dos tramas.
pub fn trabajar<C: Read + Write>(mut conexion: C) -> Result<(), ErrorDistribuido> {
    loop {
        let Some(mensaje) = recibir(&mut conexion)? else {
            return Ok(());
        };
        let respuesta = match mensaje {
            Mensaje::Sumar { tarea, datos } => Mensaje::Suma {
                tarea,
                total: datos.iter().map(|&x| u128::from(x)).sum(),
            },
            Mensaje::Multiplicar { tarea, filas, b } => Mensaje::Producto {
                tarea,
                filas: producto_secuencial(&filas, &b)?,
            },
            Mensaje::Fin => return Ok(()),
            otro => {
                return Err(ErrorDistribuido::MensajeInesperado(format!(
                    "un trabajador recibió {}, que es una respuesta, no una tarea",
                    describir(&otro)
                )));
            }
        };
        enviar(&mut conexion, &respuesta)?;
    }
}

/// El `main` de un proceso trabajador: se conecta al coordinador de `direccion` (que debe
/// ser de bucle local) y atiende sus tareas con [`trabajar`].
pub fn trabajador(direccion: &str) -> Result<(), ErrorDistribuido> {
    let invalida = || ErrorDistribuido::DireccionInvalida(direccion.to_string());
    let destino: SocketAddr = direccion.parse().map_err(|_| invalida())?;
    if !destino.ip().is_loopback() {
        return Err(invalida());
    }
    let conexion = TcpStream::connect_timeout(&destino, ESPERA_CONEXION)?;
    conexion.set_nodelay(true)?;
    // Si el coordinador desaparece sin cerrar (no debería: el núcleo cierra sus conexiones al
    // morir), el trabajador no espera para siempre.
    conexion.set_read_timeout(Some(ESPERA_TRABAJADOR))?;
    conexion.set_write_timeout(Some(ESPERA_TRABAJADOR))?;
    trabajar(conexion)
}
