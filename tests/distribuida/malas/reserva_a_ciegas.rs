//! Error: reserva memoria para los números que anuncia un `Sumar` antes de comprobar que
//! llegaron. Una carga de 17 bytes que anuncia 4 294 967 295 números pide 32 GiB: el proceso
//! aborta por falta de memoria en lugar de devolver `MensajeTruncado`.
//!
//! Debe fallar: decodificar_rechaza_mensajes_malformados

#[allow(dead_code)]
#[path = "../../../solutions/distribuida/src/lib.rs"]
mod correcta;
pub use correcta::{
    ESPERA_CONEXION, ESPERA_TRABAJADOR, ErrorDistribuido, Grupo, Matriz, Mensaje, TIPO_FIN,
    TIPO_MULTIPLICAR, TIPO_PRODUCTO, TIPO_SUMA, TIPO_SUMAR, TRAMA_MAXIMA, VARIABLE_COORDINADOR,
    codificar, enviar, escribir_trama, leer_trama, producto_secuencial, recibir, trabajador,
    trabajar,
};

pub fn decodificar(carga: &[u8]) -> Result<Mensaje, ErrorDistribuido> {
    if carga.first() == Some(&TIPO_SUMAR) && carga.len() >= 9 {
        let tarea = u32::from_be_bytes(carga[1..5].try_into().unwrap());
        let n = u32::from_be_bytes(carga[5..9].try_into().unwrap()) as usize;
        let mut datos = Vec::with_capacity(n);
        let mut resto = &carga[9..];
        for _ in 0..n {
            if resto.len() < 8 {
                return Err(ErrorDistribuido::MensajeTruncado { tipo: TIPO_SUMAR });
            }
            datos.push(u64::from_be_bytes(resto[..8].try_into().unwrap()));
            resto = &resto[8..];
        }
        if !resto.is_empty() {
            return Err(ErrorDistribuido::BytesSobrantes {
                tipo: TIPO_SUMAR,
                sobran: resto.len(),
            });
        }
        return Ok(Mensaje::Sumar { tarea, datos });
    }
    correcta::decodificar(carga)
}
