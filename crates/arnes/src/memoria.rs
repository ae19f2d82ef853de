//! Memoria agotada, dicha en español antes de que el proceso muera.
//!
//! Cuando una reserva de memoria falla (un `Vec::with_capacity(n)` con un `n` enorme, una
//! resta que dio la vuelta y se usa como tamaño…), la biblioteca estándar escribe «memory
//! allocation of N bytes failed» y aborta el proceso entero: ninguna prueba dice nada más. El
//! asignador del arnés es el del sistema con una sola comprobación más: si el sistema devuelve
//! nulo, escribe antes en español qué hilo pidió cuánto (y un [`contrato::Registro`] de clase
//! `SinMemoria`), y devuelve el nulo (un asignador no puede entrar en pánico). El coste, en el
//! camino normal, es comparar un puntero con nulo.
//!
//! Si el código maneja el fallo (`try_reserve`), el proceso sigue: el aviso queda escrito, pero
//! la prueba la juzga su resultado.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// El asignador de las pruebas que enlazan el arnés.
pub struct Vigilado;

#[global_allocator]
static ASIGNADOR: Vigilado = Vigilado;

// SAFETY: delega todo en `System`; solo mira el resultado.
unsafe impl GlobalAlloc for Vigilado {
    #[inline]
    unsafe fn alloc(&self, forma: Layout) -> *mut u8 {
        // SAFETY: el mismo contrato que nos piden a nosotros.
        vigilar(unsafe { System.alloc(forma) }, forma.size())
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, forma: Layout) -> *mut u8 {
        // SAFETY: el mismo contrato que nos piden a nosotros.
        vigilar(unsafe { System.alloc_zeroed(forma) }, forma.size())
    }

    #[inline]
    unsafe fn dealloc(&self, puntero: *mut u8, forma: Layout) {
        // SAFETY: el mismo contrato que nos piden a nosotros.
        unsafe { System.dealloc(puntero, forma) }
    }

    #[inline]
    unsafe fn realloc(&self, puntero: *mut u8, forma: Layout, nuevo: usize) -> *mut u8 {
        // SAFETY: el mismo contrato que nos piden a nosotros.
        vigilar(unsafe { System.realloc(puntero, forma, nuevo) }, nuevo)
    }
}

#[inline(always)]
fn vigilar(puntero: *mut u8, bytes: usize) -> *mut u8 {
    if puntero.is_null() {
        sin_memoria(bytes);
    }
    puntero
}

thread_local! {
    /// Si este hilo ya está informando: informar reserva memoria, y si tampoco la hay, se
    /// calla en vez de volver a empezar.
    static INFORMANDO: Cell<bool> = const { Cell::new(false) };
}

#[cold]
#[inline(never)]
fn sin_memoria(bytes: usize) {
    if INFORMANDO.try_with(|i| i.replace(true)).unwrap_or(true) {
        return;
    }
    // Nada de lo que sigue puede salir de aquí en pánico: estamos dentro del asignador.
    let _ = std::panic::catch_unwind(|| informar(bytes));
    let _ = INFORMANDO.try_with(|i| i.set(false));
}

fn informar(bytes: usize) {
    use std::io::Write;
    let hilo = crate::registro::hilo_actual();
    let mensaje = format!(
        "sin memoria: el hilo «{hilo}» pidió {bytes} bytes ({}) de una vez y el sistema no los \
         tiene; el proceso de la prueba va a terminar. Suele ser un tamaño mal calculado: un \
         Vec::with_capacity(n) o un vec![x; n] con un n enorme, o una resta que dio la vuelta \
         y se usa como tamaño.",
        legible(bytes)
    );
    // Directo a la salida de error (sin la captura de `cargo test`, que muere con el proceso).
    let _ = std::io::stderr().write_all(format!("\n✘ {mensaje}\n").as_bytes());
    crate::registro::registrar(&contrato::Registro {
        hilo,
        lugar: String::new(),
        clase: contrato::Clase::SinMemoria,
        mensaje,
        repetir: None,
        pagina: None,
    });
}

/// `34359738360` → «32,0 GiB».
fn legible(bytes: usize) -> String {
    const UNIDADES: [&str; 5] = ["bytes", "KiB", "MiB", "GiB", "TiB"];
    let mut valor = bytes as f64;
    let mut unidad = 0;
    while valor >= 1024.0 && unidad + 1 < UNIDADES.len() {
        valor /= 1024.0;
        unidad += 1;
    }
    format!("{valor:.1} {}", UNIDADES[unidad]).replace('.', ",")
}
