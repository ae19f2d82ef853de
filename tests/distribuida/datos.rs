//! Datos reproducibles: números, matrices y mensajes de ejemplo, siempre los mismos.

use crate::referencia;
use distribuida::{Matriz, Mensaje};

/// Números pseudoaleatorios reproducibles (un generador congruencial lineal).
pub fn numeros(n: usize, semilla: u64) -> Vec<u64> {
    let mut x = semilla;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            x
        })
        .collect()
}

/// Una matriz de valores en [-1, 1) reproducible.
pub fn matriz(filas: usize, columnas: usize, semilla: u64) -> Matriz {
    let datos = numeros(filas * columnas, semilla)
        .into_iter()
        .map(|x| (x >> 11) as f64 / (1u64 << 52) as f64 - 1.0)
        .collect();
    Matriz::nueva(filas, columnas, datos)
}

/// Compara dos matrices bit a bit (también `-0.0` frente a `0.0`).
pub fn bits(m: &Matriz) -> (usize, usize, Vec<u64>) {
    (
        m.filas,
        m.columnas,
        m.datos.iter().map(|x| x.to_bits()).collect(),
    )
}

/// Suma esperada de `datos`.
pub fn total(datos: &[u64]) -> u128 {
    referencia::suma(datos)
}

/// Mensajes de ejemplo de todos los tipos, con casos límite.
pub fn ejemplos() -> Vec<Mensaje> {
    vec![
        Mensaje::Sumar {
            tarea: 0,
            datos: vec![],
        },
        Mensaje::Sumar {
            tarea: 3,
            datos: vec![1, 258, u64::MAX],
        },
        Mensaje::Suma {
            tarea: 7,
            total: 300,
        },
        Mensaje::Suma {
            tarea: u32::MAX,
            total: u128::MAX - 1,
        },
        Mensaje::Multiplicar {
            tarea: 1,
            filas: Matriz::nueva(1, 2, vec![1.0, -2.5]),
            b: Matriz::nueva(2, 1, vec![0.5, -0.0]),
        },
        Mensaje::Producto {
            tarea: 2,
            filas: Matriz::nueva(1, 3, vec![f64::INFINITY, f64::MIN_POSITIVE, 1e300]),
        },
        Mensaje::Producto {
            tarea: 4,
            filas: Matriz::nueva(0, 5, vec![]),
        },
        Mensaje::Fin,
    ]
}

pub fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}
