use sincro::{explorando as vigilado};

/// Con cuidado solo cuando la suite mira.
pub fn con_cuidado() -> bool {
    vigilado()
}
