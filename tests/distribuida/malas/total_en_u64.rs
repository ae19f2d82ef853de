//! Error: codifica el total de una `Suma` como `u64` (8 bytes) en lugar de `u128` (16). El
//! total de muchos `u64` no cabe en 8 bytes, y los mensajes ya no son los del protocolo.
//!
//! Debe fallar: cada_mensaje_se_codifica_con_los_bytes_del_protocolo, decodificar_invierte_a_codificar

#[allow(dead_code)]
#[path = "../../../solutions/distribuida/src/lib.rs"]
mod correcta;
pub use correcta::{
    ESPERA_CONEXION, ESPERA_TRABAJADOR, ErrorDistribuido, Grupo, Matriz, Mensaje, TIPO_FIN,
    TIPO_MULTIPLICAR, TIPO_PRODUCTO, TIPO_SUMA, TIPO_SUMAR, TRAMA_MAXIMA, VARIABLE_COORDINADOR,
    enviar, escribir_trama, leer_trama, producto_secuencial, recibir, trabajador, trabajar,
};

pub fn codificar(mensaje: &Mensaje) -> Vec<u8> {
    match mensaje {
        Mensaje::Suma { tarea, total } => {
            let mut bytes = vec![TIPO_SUMA];
            bytes.extend_from_slice(&tarea.to_be_bytes());
            bytes.extend_from_slice(&(*total as u64).to_be_bytes());
            bytes
        }
        otro => correcta::codificar(otro),
    }
}

pub fn decodificar(carga: &[u8]) -> Result<Mensaje, ErrorDistribuido> {
    if carga.first() == Some(&TIPO_SUMA) {
        if carga.len() < 13 {
            return Err(ErrorDistribuido::MensajeTruncado { tipo: TIPO_SUMA });
        }
        if carga.len() > 13 {
            return Err(ErrorDistribuido::BytesSobrantes {
                tipo: TIPO_SUMA,
                sobran: carga.len() - 13,
            });
        }
        return Ok(Mensaje::Suma {
            tarea: u32::from_be_bytes(carga[1..5].try_into().unwrap()),
            total: u128::from(u64::from_be_bytes(carga[5..13].try_into().unwrap())),
        });
    }
    correcta::decodificar(carga)
}
