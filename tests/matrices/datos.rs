//! Las matrices de las medidas, compartidas por `bench.rs` y por las medidas del núcleo
//! de la solución (`solutions/matrices/benches/nucleo.rs`).

use ndarray::Array2;

/// Una matriz n × n de reales entre 0 y 1, reproducible.
pub fn matriz(n: usize, semilla: u64) -> Array2<f64> {
    let mut x = semilla;
    Array2::from_shape_simple_fn((n, n), || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 11) as f64 / (1u64 << 53) as f64
    })
}
