//! Error: el trabajador salta los mensajes que no entiende y sigue esperando. Ni el
//! coordinador ni quien lea el registro sabrán nunca qué falló: un error de protocolo debe
//! terminar el trabajador con un `Err` que lo diga.
//!
//! Debe fallar: trabajar_devuelve_un_error_claro_con_un_mensaje_malformado

#[allow(dead_code)]
#[path = "../../../solutions/distribuida/src/lib.rs"]
mod correcta;
pub use correcta::{
    ESPERA_CONEXION, ESPERA_TRABAJADOR, ErrorDistribuido, Grupo, Matriz, Mensaje, TIPO_FIN,
    TIPO_MULTIPLICAR, TIPO_PRODUCTO, TIPO_SUMA, TIPO_SUMAR, TRAMA_MAXIMA, VARIABLE_COORDINADOR,
    codificar, decodificar, enviar, escribir_trama, leer_trama, producto_secuencial, recibir,
};
use std::io::{Read, Write};
use std::net::TcpStream;

pub fn trabajar<C: Read + Write>(mut conexion: C) -> Result<(), ErrorDistribuido> {
    loop {
        let mensaje = match recibir(&mut conexion) {
            Ok(Some(m)) => m,
            Ok(None) => return Ok(()),
            Err(_) => continue,
        };
        let respuesta = match mensaje {
            Mensaje::Sumar { tarea, datos } => Mensaje::Suma {
                tarea,
                total: datos.iter().map(|&x| u128::from(x)).sum(),
            },
            Mensaje::Multiplicar { tarea, filas, b } => match producto_secuencial(&filas, &b) {
                Ok(filas) => Mensaje::Producto { tarea, filas },
                Err(_) => continue,
            },
            Mensaje::Fin => return Ok(()),
            _ => continue,
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
