//! Error: el `reservar` del esqueleto, sin arreglar. Comprueba si queda sitio en una sección
//! crítica y añade al pasajero en otra. Entre las dos el cerrojo está libre, y otro cliente
//! puede llevarse la última plaza: el vuelo acaba con más pasajeros que plazas. Cada acceso
//! está protegido (no hay carrera de datos), pero sí una condición de carrera.
//!
//! Debe fallar: explorar_la_ultima_plaza

#[allow(dead_code)]
#[path = "../../../solutions/cerrojos/src/lib.rs"]
mod correcta;
pub use correcta::{Banco, CerrojoGiro, CerrojoTiques, ErrorTransferencia, Guarda, GuardaTiques};

struct Estado {
    plazas: usize,
    pasajeros: Vec<String>,
}

pub struct Reservas {
    estado: CerrojoGiro<Estado>,
}

impl Reservas {
    pub fn new(plazas: usize) -> Self {
        Self {
            estado: CerrojoGiro::new(Estado {
                plazas,
                pasajeros: Vec::new(),
            }),
        }
    }

    pub fn reservar(&self, cliente: &str) -> Option<usize> {
        // ✗ Comprobar...
        let hay_sitio = {
            let estado = self.estado.adquirir();
            estado.pasajeros.len() < estado.plazas
        };
        if !hay_sitio {
            return None;
        }
        // ...y actuar, con el cerrojo soltado en medio.
        let mut estado = self.estado.adquirir();
        estado.pasajeros.push(cliente.to_string());
        Some(estado.pasajeros.len())
    }

    pub fn libres(&self) -> usize {
        let estado = self.estado.adquirir();
        estado.plazas.saturating_sub(estado.pasajeros.len())
    }

    pub fn pasajeros(&self) -> Vec<String> {
        self.estado.adquirir().pasajeros.clone()
    }
}
