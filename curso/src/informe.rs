//! Informes en la terminal, en español.

use crate::ejecucion::{Estado, Prueba};
use crate::verificacion::Veredicto;

/// La tabla de una suite ejecutada: una línea por prueba y el recuento.
pub fn pruebas(titulo: &str, pruebas: &[Prueba]) -> String {
    let mut texto = format!("{titulo}\n");
    for p in pruebas {
        let marca = if p.estado == Estado::Pasa {
            "✔"
        } else {
            "✘"
        };
        texto.push_str(&format!("  {marca} {}\n", p.nombre));
        for linea in p.mensaje.lines() {
            texto.push_str(&format!("      {linea}\n"));
        }
    }
    let pasan = pruebas.iter().filter(|p| p.estado == Estado::Pasa).count();
    texto.push_str(&format!("\n{pasan} de {} pruebas pasan.\n", pruebas.len()));
    // Los mensajes los escribe el código probado: sin escapes ni retornos de carro.
    crate::resultados::limpiar(&texto)
}

/// El resultado de verificar la suite de un ejercicio.
pub fn verificacion(ejercicio: &str, veredictos: &[Veredicto]) -> String {
    let mut texto = format!("La suite de «{ejercicio}» contra cada implementación:\n");
    for v in veredictos {
        let marca = if v.cumple { "✔" } else { "✘" };
        texto.push_str(&format!("  {marca} {}: {}\n", v.etiqueta, v.detalle));
    }
    texto
}
