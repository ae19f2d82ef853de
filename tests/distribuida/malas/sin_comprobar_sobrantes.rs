//! Error: no comprueba que la carga se acaba con el último campo. Un mensaje con bytes de
//! más (una longitud mal calculada, dos mensajes pegados) se acepta como si fuera válido.
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
    match correcta::decodificar(carga) {
        Err(ErrorDistribuido::BytesSobrantes { sobran, .. }) => {
            correcta::decodificar(&carga[..carga.len() - sobran])
        }
        otro => otro,
    }
}
