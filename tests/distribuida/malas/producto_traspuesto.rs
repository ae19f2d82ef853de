//! Error: el producto recorre B por filas donde debía recorrerla por columnas
//! (`b[j][k]` en lugar de `b[k][j]`): calcula A · Bᵀ. Con matrices cuadradas simétricas no
//! se nota; con cualquier otra, el resultado es otro (o el índice se sale).
//!
//! Debe fallar: producto_secuencial_multiplica_filas_por_columnas, el_producto_distribuido_coincide_con_el_secuencial

#[allow(dead_code)]
#[path = "../../../solutions/distribuida/src/lib.rs"]
mod correcta;
pub use correcta::{
    ESPERA_CONEXION, ESPERA_TRABAJADOR, ErrorDistribuido, Grupo, Matriz, Mensaje, TIPO_FIN,
    TIPO_MULTIPLICAR, TIPO_PRODUCTO, TIPO_SUMA, TIPO_SUMAR, TRAMA_MAXIMA, VARIABLE_COORDINADOR,
    codificar, decodificar, enviar, escribir_trama, leer_trama, recibir,
};
use std::io::{Read, Write};
use std::net::TcpStream;

pub fn producto_secuencial(a: &Matriz, b: &Matriz) -> Result<Matriz, ErrorDistribuido> {
    if a.columnas != b.filas {
        return Err(ErrorDistribuido::DimensionesIncompatibles {
            columnas_a: a.columnas,
            filas_b: b.filas,
        });
    }
    let mut c = Matriz::ceros(a.filas, b.columnas);
    for i in 0..a.filas {
        for j in 0..b.columnas {
            let mut s = 0.0;
            for k in 0..a.columnas {
                s += a.datos[i * a.columnas + k] * b.datos.get(j * b.columnas + k).unwrap_or(&0.0);
            }
            c.datos[i * b.columnas + j] = s;
        }
    }
    Ok(c)
}

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
            _ => return Err(ErrorDistribuido::MensajeInesperado("una respuesta".into())),
        };
        enviar(&mut conexion, &respuesta)?;
    }
}

pub fn trabajador(direccion: &str) -> Result<(), ErrorDistribuido> {
    let destino: std::net::SocketAddr = direccion
        .parse()
        .map_err(|_| ErrorDistribuido::DireccionInvalida(direccion.into()))?;
    if !destino.ip().is_loopback() {
        return Err(ErrorDistribuido::DireccionInvalida(direccion.into()));
    }
    let conexion = TcpStream::connect(destino)?;
    conexion.set_nodelay(true)?;
    conexion.set_read_timeout(Some(ESPERA_TRABAJADOR))?;
    trabajar(conexion)
}
