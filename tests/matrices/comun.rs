//! Lo que comparten `bench.rs` y las medidas del núcleo de la solución
//! (`solutions/matrices/benches/nucleo.rs`): las matrices, la configuración de criterion y
//! el conjunto de rayon de un hilo.

use criterion::Criterion;
use ndarray::Array2;
use std::time::Duration;

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

/// Criterion con pocas muestras largas: cada producto dura decenas de milisegundos.
pub fn criterion() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args()
}

/// Un conjunto de rayon de un solo hilo: dentro de su `install`, el mismo código paralelo
/// corre en un hilo, y se separa lo que gana el reparto de lo que gana el código.
pub fn un_hilo() -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("no se pudo crear un conjunto de rayon de un hilo")
}
