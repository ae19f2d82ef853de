//! Las páginas del libro como documentación: cada bloque de código Rust de cada página es un
//! doctest. Un bloque `compile_fail` debe fallar al compilar (y con el código de error que
//! indique); uno con `fn main` se ejecuta; `ignore` no se usa en el libro.
#![allow(rustdoc::all)]

include!(concat!(env!("OUT_DIR"), "/paginas.rs"));
