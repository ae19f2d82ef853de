// Un atómico de std: sus accesos no pasan por el detector de carreras.
pub struct CerrojoGiro {
    ocupado: core::sync::atomic::AtomicBool,
}

impl CerrojoGiro {
    pub fn intentar(&self) -> bool {
        !self.ocupado.swap(true, core::sync::atomic::Ordering::Acquire)
    }
}
