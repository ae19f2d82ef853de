//! Una entrega honesta repartida en módulos, con comentarios que nombran lo prohibido:
//! `std::process::exit`, `include_str!`, `#[path = "…"]`, `extern "C"`, `unsafe` y
//! `CURSO_REPETIR`. Los comentarios no cuentan.

use std::fmt;

mod ayuda;
mod mas;
pub use ayuda::suma_rayon;
pub use mas::sumas_por_tarea;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorSuma {
    CeroHilos,
}

impl fmt::Display for ErrorSuma {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "hace falta al menos un hilo para sumar")
    }
}

impl std::error::Error for ErrorSuma {}

pub fn suma_secuencial<T: Copy + Into<u64>>(datos: &[T]) -> u128 {
    // Nada de process::exit(0) aquí: /* ni de libc::_exit */ se suma y ya.
    let mut total = 0u128;
    for &x in datos {
        let x: u64 = x.into();
        total += u128::from(x);
    }
    total
}

pub fn suma_hilos<T: Copy + Into<u64> + Sync>(
    datos: &[T],
    hilos: usize,
) -> Result<u128, ErrorSuma> {
    if hilos == 0 {
        return Err(ErrorSuma::CeroHilos);
    }
    let n = hilos.min(datos.len());
    let mut resto = datos;
    let mut total = 0;
    std::thread::scope(|s| {
        let mut manejadores = Vec::new();
        for i in 0..n {
            // Reparte lo que queda a partes iguales entre los hilos que faltan.
            let (trozo, r) = resto.split_at(resto.len() / (n - i));
            resto = r;
            manejadores.push(s.spawn(move || suma_secuencial(trozo)));
        }
        for m in manejadores {
            total += m.join().unwrap();
        }
    });
    Ok(total)
}

