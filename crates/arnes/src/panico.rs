//! Mensajes de pánico en español.
//!
//! El gancho por defecto de Rust dice «thread 'x' panicked at ...» y, para `todo!()`, «not
//! yet implemented». Este gancho dice lo mismo en español, con la marca [`MARCA`] delante, y
//! añade un [`Registro`] al archivo del registro (si la herramienta lo pidió).
//!
//! Dentro de una exploración de planificaciones no informa: apunta el pánico
//! ([`tomar_fallo_explorado`]) y la exploración hace un solo informe al final, con la orden
//! para repetirlo.

use crate::registro;
use contrato::{Clase, Registro, variables};
use std::cell::RefCell;
use std::panic::PanicHookInfo;
use std::sync::Once;

/// Prefijo de cada informe de pánico en la salida de error (del contrato con la herramienta).
pub use contrato::MARCA_PANICO as MARCA;

/// Instala el gancho (una sola vez por proceso).
pub fn instalar_gancho() {
    static UNA_VEZ: Once = Once::new();
    UNA_VEZ.call_once(|| std::panic::set_hook(Box::new(informar)));
}

/// Vuelve a poner el gancho del curso en lugar del que haya (shuttle instala el suyo, que
/// informa en inglés, la primera vez que explora).
pub(crate) fn reinstalar_gancho() {
    std::panic::set_hook(Box::new(informar));
}

/// Lo que el arnés sabe de un pánico que va a lanzar él mismo y el gancho no puede deducir.
#[derive(Default)]
pub(crate) struct Detalle {
    pub clase: Option<Clase>,
    /// El hilo y el lugar del fallo de verdad (el de un hilo explorado, por ejemplo), en vez
    /// de los del `panic!` del arnés.
    pub hilo: Option<String>,
    pub lugar: Option<String>,
    pub repetir: Option<String>,
    /// La página que dibuja la ejecución que falla.
    pub pagina: Option<String>,
    /// El mensaje del registro, si no es el del pánico entero.
    pub mensaje: Option<String>,
}

/// Un pánico dentro de una exploración, tal como lo vio el gancho.
#[derive(Clone)]
pub(crate) struct FalloExplorado {
    pub hilo: String,
    pub lugar: String,
    /// El texto original del pánico (para reconocerlo cuando la exploración lo relance).
    pub texto: String,
}

thread_local! {
    static PROXIMO: RefCell<Option<Detalle>> = const { RefCell::new(None) };
    static EXPLORADO: RefCell<Option<FalloExplorado>> = const { RefCell::new(None) };
}

/// Lanza un pánico con `mensaje`, informado con `detalle`, en el lugar de quien llama.
#[track_caller]
pub(crate) fn fallar(detalle: Detalle, mensaje: String) -> ! {
    PROXIMO.with(|p| *p.borrow_mut() = Some(detalle));
    std::panic::panic_any(mensaje)
}

/// El último pánico de un hilo explorado en este hilo del sistema, si lo hubo.
pub(crate) fn tomar_fallo_explorado() -> Option<FalloExplorado> {
    EXPLORADO.with(|e| e.borrow_mut().take())
}

fn informar(info: &PanicHookInfo<'_>) {
    let carga = info.payload();
    if carga.downcast_ref::<&str>().is_none() && carga.downcast_ref::<String>().is_none() {
        // Cargas que no son texto: las usa shuttle para desmontar una ejecución, no son fallos.
        return;
    }
    let texto = crate::texto_de_panico(carga);
    let lugar = info
        .location()
        .map(|l| format!("{}:{}", l.file(), l.line()))
        .unwrap_or_default();
    if sincro::explorando() {
        let hilo = sincro::hilo_explorado_actual().unwrap_or_else(registro::hilo_actual);
        let fallo = FalloExplorado { hilo, lugar, texto };
        let _ = EXPLORADO.try_with(|e| e.replace(Some(fallo)));
        return;
    }
    let detalle = PROXIMO
        .try_with(|p| p.take())
        .ok()
        .flatten()
        .unwrap_or_default();
    let hilo = detalle.hilo.unwrap_or_else(registro::hilo_actual);
    let lugar = detalle.lugar.unwrap_or(lugar);
    let mensaje = traducir(&texto);
    eprintln!("{MARCA} «{hilo}» ({lugar}):\n{mensaje}");
    if std::env::var_os(variables::TRAZA).is_some_and(|v| v == "1") {
        eprintln!("{}", std::backtrace::Backtrace::force_capture());
    }
    let clase = detalle.clase.unwrap_or_else(|| clase_de(&texto));
    registro::registrar(&Registro {
        hilo,
        lugar,
        clase,
        mensaje: detalle.mensaje.unwrap_or(mensaje),
        repetir: detalle.repetir,
        pagina: detalle.pagina,
    });
}

/// Un `todo!()` es un ejercicio sin hacer; cualquier otro pánico, una propiedad rota.
pub(crate) fn clase_de(texto: &str) -> Clase {
    if texto.starts_with("not yet implemented") {
        Clase::SinImplementar
    } else {
        Clase::Propiedad
    }
}

/// Traduce los mensajes en inglés más habituales de la biblioteca estándar.
pub fn traducir(mensaje: &str) -> String {
    const TRADUCCIONES: [(&str, &str); 6] = [
        (
            "not yet implemented",
            "sin implementar todavía (queda un todo!())",
        ),
        ("attempt to add with overflow", "desbordamiento al sumar"),
        (
            "attempt to multiply with overflow",
            "desbordamiento al multiplicar",
        ),
        (
            "attempt to subtract with overflow",
            "desbordamiento al restar",
        ),
        ("attempt to divide by zero", "división entre cero"),
        ("index out of bounds", "índice fuera de rango"),
    ];
    for (ingles, espanol) in TRADUCCIONES {
        if let Some(resto) = mensaje.strip_prefix(ingles) {
            return format!("{espanol}{resto}");
        }
    }
    mensaje.to_string()
}
