//! Los registros de los trabajadores: en ellos cada trabajador de la suite anota su pid y
//! cada tarea que recibe, y las pruebas los leen para saber qué pasó en otros procesos.
//!
//! Viven en una [`CarpetaTemporal`] por prueba, que se borra entera al acabar la prueba,
//! también cuando falla: nada de lo que crea una prueba le sobrevive.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// La carpeta temporal de una prueba, con los registros de sus trabajadores y el archivo de
/// señal. Se borra con todo su contenido al soltarla.
///
/// Se crea en el hilo de la prueba, *fuera* del escenario de `con_limite`: si el escenario
/// agota su tiempo, su hilo se abandona sin soltar lo que tiene, pero la prueba termina
/// con un pánico que sí suelta la carpeta. Y como los archivos están dentro, un trabajador
/// rezagado (uno al que nadie esperó) que escribe después no puede recrearlos: su carpeta
/// ya no existe.
pub struct CarpetaTemporal(PathBuf);

impl CarpetaTemporal {
    pub fn new() -> Self {
        static CONTADOR: AtomicUsize = AtomicUsize::new(0);
        let c = CONTADOR.fetch_add(1, Ordering::Relaxed);
        let ruta =
            std::env::temp_dir().join(format!("distribuida-prueba-{}-{c}", std::process::id()));
        // Una carpeta con el mismo nombre solo puede venir de otro proceso con el mismo pid
        // que terminó sin limpiar (matado, por ejemplo): sus registros no son de esta prueba.
        let _ = std::fs::remove_dir_all(&ruta);
        std::fs::create_dir(&ruta).unwrap_or_else(|e| {
            panic!(
                "no se pudo crear la carpeta temporal {} de la prueba: {e}",
                ruta.display()
            )
        });
        CarpetaTemporal(ruta)
    }

    /// Los registros de `n` trabajadores y el archivo de señal, dentro de esta carpeta.
    pub fn registros(&self, n: usize) -> Registros {
        let mut rutas: Vec<PathBuf> = (0..n)
            .map(|i| self.0.join(format!("trabajador-{i}.txt")))
            .collect();
        rutas.push(self.0.join("senal"));
        Registros(rutas)
    }
}

impl Drop for CarpetaTemporal {
    fn drop(&mut self) {
        // Un trabajador rezagado puede crear un archivo mientras se borra la carpeta, y
        // entonces borrarla falla por no estar vacía: se intenta otra vez.
        for _ in 0..5 {
            if std::fs::remove_dir_all(&self.0).is_ok() || !self.0.exists() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Las rutas de los registros de los trabajadores de una prueba (uno por trabajador y, el
/// último, el archivo de señal). No borran nada: lo hace su [`CarpetaTemporal`].
#[derive(Clone)]
pub struct Registros(Vec<PathBuf>);

impl Registros {
    pub fn rutas(&self) -> Vec<PathBuf> {
        self.0.clone()
    }

    fn lineas(&self, i: usize) -> Vec<String> {
        std::fs::read_to_string(&self.0[i])
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    /// Cuántas tareas anotó el trabajador `i`.
    pub fn tareas(&self, i: usize) -> usize {
        self.lineas(i)
            .iter()
            .filter(|l| l.starts_with("tarea"))
            .count()
    }

    /// El pid que anotó el trabajador `i` al arrancar.
    pub fn pid(&self, i: usize) -> Option<u32> {
        self.lineas(i)
            .iter()
            .find_map(|l| l.strip_prefix("pid ")?.parse().ok())
    }
}
