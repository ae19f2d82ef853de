//! El contrato entre las dos mitades del curso que se hablan a través de un proceso:
//!
//! - el **arnés** (`crates/arnes`), que corre *dentro* del proceso de cada prueba, junto al
//!   código que se prueba, y
//! - la **herramienta** (`cargo curso`), que lanza ese proceso *desde fuera* y lo juzga.
//!
//! Todo lo que ambas necesitan saber de la otra está aquí, con tipos: las variables de
//! entorno que la herramienta fija, los códigos de salida que el arnés usa y el
//! [`Registro`] que el arnés escribe por cada fallo. Si un lado cambia, el otro deja de
//! compilar en lugar de fallar en silencio.

mod json;

/// Prefijo de cada informe de pánico del arnés en la salida de error (para quien lee la
/// salida a mano; la herramienta lee el [`Registro`]).
pub const MARCA_PANICO: &str = "✘ pánico en el hilo";

/// Códigos de salida con los que el arnés termina el proceso de una prueba.
pub mod codigos {
    /// El código probado intentó salir del proceso a mitad de una prueba.
    pub const SALIDA_PREMATURA: i32 = 98;
    /// El código probado pidió más memoria de la que hay (o de la que permite el límite).
    pub const SIN_MEMORIA: i32 = 97;
}

/// Variables de entorno del contrato.
pub mod variables {
    /// El nombre del ejercicio (el crate), para las órdenes que sugieren los informes.
    pub const EJERCICIO: &str = "CURSO_EJERCICIO";
    /// Repetir una planificación explorada: `nombre_de_la_prueba` (el plan se lee de la
    /// carpeta de planes) o `nombre_de_la_prueba:plan`.
    pub const REPETIR: &str = "CURSO_REPETIR";
    /// Archivo en el que el arnés añade una línea JSON ([`crate::Registro`]) por fallo.
    /// Solo lo fija la herramienta; con `cargo test` no hay registro.
    pub const REGISTRO: &str = "CURSO_REGISTRO";
    /// Carpeta donde el arnés guarda los planes de las planificaciones que fallan y las
    /// páginas que las dibujan: `<carpeta>/<prueba>.plan`. Sin ella, la carpeta es
    /// `<directorio de compilación>/curso/planes/<ejercicio>/`.
    pub const PLANES: &str = "CURSO_PLANES";
    /// Con `CURSO_TRAZA=1`, cada informe de pánico del arnés lleva la traza de llamadas
    /// (`RUST_BACKTRACE` no la pide: está puesta a menudo y taparía el mensaje).
    pub const TRAZA: &str = "CURSO_TRAZA";
}

/// Qué clase de fallo registra el arnés.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clase {
    /// Un `todo!()` sin sustituir: el ejercicio está sin empezar (o a medias).
    SinImplementar,
    /// Una comprobación de la suite: se rompió una propiedad.
    Propiedad,
    /// La exploración de planificaciones encontró un interbloqueo.
    Interbloqueo,
    /// Un escenario no terminó en su límite de tiempo.
    Tiempo,
    /// El código probado intentó salir del proceso a mitad de una prueba.
    SalidaPrematura,
    /// El código probado agotó la memoria.
    SinMemoria,
}

impl Clase {
    const TODAS: [(Clase, &'static str); 6] = [
        (Clase::SinImplementar, "sin_implementar"),
        (Clase::Propiedad, "propiedad"),
        (Clase::Interbloqueo, "interbloqueo"),
        (Clase::Tiempo, "tiempo"),
        (Clase::SalidaPrematura, "salida_prematura"),
        (Clase::SinMemoria, "sin_memoria"),
    ];

    /// El nombre con que viaja en el registro.
    pub fn nombre(self) -> &'static str {
        Self::TODAS
            .iter()
            .find(|(c, _)| *c == self)
            .map(|(_, n)| *n)
            .expect("toda clase tiene nombre")
    }

    /// La clase de un nombre del registro.
    pub fn de_nombre(nombre: &str) -> Option<Self> {
        Self::TODAS
            .iter()
            .find(|(_, n)| *n == nombre)
            .map(|(c, _)| *c)
    }
}

/// Un fallo, tal como el arnés lo registra: una línea JSON en el archivo de
/// [`variables::REGISTRO`]. Una prueba puede registrar varios (un pánico esperado y
/// capturado también se registra); el que cuenta es el último.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registro {
    /// El hilo que falló («escenario: nombre», «hilo 2»…).
    pub hilo: String,
    /// Dónde: `archivo:línea`.
    pub lugar: String,
    pub clase: Clase,
    /// El mensaje en español: qué propiedad se rompió y qué suele significar.
    pub mensaje: String,
    /// La orden corta que repite el fallo, si la hay.
    pub repetir: Option<String>,
    /// Una página que dibuja la planificación que falla, si la hay.
    pub pagina: Option<String>,
}

impl Registro {
    /// La línea JSON (sin salto de línea final).
    pub fn a_linea(&self) -> String {
        let mut campos = vec![
            ("hilo", self.hilo.as_str()),
            ("lugar", self.lugar.as_str()),
            ("clase", self.clase.nombre()),
            ("mensaje", self.mensaje.as_str()),
        ];
        if let Some(r) = &self.repetir {
            campos.push(("repetir", r));
        }
        if let Some(p) = &self.pagina {
            campos.push(("pagina", p));
        }
        json::objeto(&campos)
    }

    /// Lee una línea escrita por [`Registro::a_linea`]; `None` si no lo es.
    pub fn de_linea(linea: &str) -> Option<Self> {
        let campos = json::leer_objeto(linea)?;
        let campo = |clave: &str| {
            campos
                .iter()
                .find(|(k, _)| k == clave)
                .map(|(_, v)| v.clone())
        };
        Some(Self {
            hilo: campo("hilo")?,
            lugar: campo("lugar")?,
            clase: Clase::de_nombre(&campo("clase")?)?,
            mensaje: campo("mensaje")?,
            repetir: campo("repetir"),
            pagina: campo("pagina"),
        })
    }

    /// El último registro legible de un texto con una línea por registro.
    pub fn ultimo(texto: &str) -> Option<Self> {
        texto.lines().rev().find_map(Self::de_linea)
    }
}

#[cfg(test)]
mod pruebas {
    use super::*;

    #[test]
    fn un_registro_sobrevive_a_su_linea() {
        let r = Registro {
            hilo: "escenario: «raro» \\ \"x\"".into(),
            lugar: "suite.rs:12".into(),
            clase: Clase::Interbloqueo,
            mensaje: "dos líneas\n\tcon tabulador y \u{1} control".into(),
            repetir: Some("CURSO_REPETIR=x cargo test -p suma x".into()),
            pagina: None,
        };
        let linea = r.a_linea();
        assert!(!linea.contains('\n'), "{linea}");
        assert_eq!(Registro::de_linea(&linea), Some(r.clone()));
        assert_eq!(
            Registro::ultimo(&format!("basura\n{linea}\nmás basura")),
            Some(r)
        );
    }

    #[test]
    fn cada_clase_tiene_un_nombre_que_vuelve() {
        for (clase, _) in Clase::TODAS {
            assert_eq!(Clase::de_nombre(clase.nombre()), Some(clase));
        }
    }
}
