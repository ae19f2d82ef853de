// Otra pieza de sincro que solo usa el arnés: saber si el hilo actual lo explora shuttle.
use sincro as s;

/// Con cuidado solo cuando la suite mira.
pub fn con_cuidado() -> bool {
    s::hilo_explorado_actual().is_some()
}
