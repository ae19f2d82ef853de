//! Mensajes de pánico en español.
//!
//! El gancho por defecto de Rust dice «thread 'x' panicked at ...» y, para `todo!()`, «not
//! yet implemented». Este gancho dice lo mismo en español; los programas de corrección
//! buscan la marca [`MARCA`] para extraer el mensaje de cada prueba fallida.

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

fn informar(info: &PanicHookInfo<'_>) {
    let carga = info.payload();
    if carga.downcast_ref::<&str>().is_none() && carga.downcast_ref::<String>().is_none() {
        // Cargas que no son texto: las usa shuttle para desmontar una ejecución, no son fallos.
        return;
    }
    let hilo = std::thread::current();
    let nombre = hilo.name().unwrap_or("sin nombre");
    let lugar = info
        .location()
        .map(|l| format!("{}:{}", l.file(), l.line()))
        .unwrap_or_default();
    let mensaje = traducir(&crate::texto_de_panico(info.payload()));
    eprintln!("{MARCA} «{nombre}» ({lugar}):\n{mensaje}");
    if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
        eprintln!("{}", std::backtrace::Backtrace::force_capture());
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
