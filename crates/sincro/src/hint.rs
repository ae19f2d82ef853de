//! Pistas para el procesador, reales o exploradas.

/// Dentro de un bucle de espera activa: avisa al procesador (o, al explorar, deja que el
/// planificador dé paso a otro hilo; si no, un bucle así no acabaría nunca).
pub fn spin_loop() {
    if crate::modo::explorando() {
        shuttle::hint::spin_loop()
    } else {
        std::hint::spin_loop()
    }
}
