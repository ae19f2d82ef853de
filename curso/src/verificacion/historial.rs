//! Cuánto tardó cada prueba la última vez: la verificación empieza por las largas.

use crate::catalogo::Ejercicio;
use crate::ejecucion::Prueba;
use std::time::Duration;

/// Cuánto tardó cada prueba de cada implementación la última vez, para empezar por las largas.
/// Sin historial (la primera vez), todas valen lo mismo y se sigue el orden del informe.
pub(super) struct Historial {
    duraciones: Vec<(String, Duration)>,
}

impl Historial {
    pub(super) fn leer(ejercicio: &Ejercicio) -> Historial {
        let texto = std::fs::read_to_string(ejercicio.duraciones()).unwrap_or_default();
        let duraciones = texto
            .lines()
            .filter_map(|l| {
                let (clave, ms) = l.rsplit_once(' ')?;
                Some((clave.to_string(), Duration::from_millis(ms.parse().ok()?)))
            })
            .collect();
        Historial { duraciones }
    }

    pub(super) fn duracion(&self, etiqueta: &str, prueba: &str) -> Duration {
        let clave = format!("{etiqueta}/{prueba}");
        self.duraciones
            .iter()
            .find(|(c, _)| *c == clave)
            .map_or(Duration::ZERO, |(_, d)| *d)
    }

    pub(super) fn anotar(&mut self, etiqueta: &str, prueba: &Prueba) {
        let clave = format!("{etiqueta}/{}", prueba.nombre);
        self.duraciones.retain(|(c, _)| *c != clave);
        self.duraciones.push((clave, prueba.duracion));
    }

    /// Guardarlo es solo una ayuda para la próxima vez: si falla, no pasa nada.
    pub(super) fn guardar(&self, ejercicio: &Ejercicio) {
        let ruta = ejercicio.duraciones();
        let texto: String = self
            .duraciones
            .iter()
            .map(|(c, d)| format!("{c} {}\n", d.as_millis()))
            .collect();
        let _ = std::fs::create_dir_all(ruta.parent().expect("tiene carpeta"));
        let _ = std::fs::write(ruta, texto);
    }
}
