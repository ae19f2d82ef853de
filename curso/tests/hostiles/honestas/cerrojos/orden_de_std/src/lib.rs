// Un orden de memoria de std con un atómico de sincro: no sincroniza nada a escondidas.
use sincro::atomic::AtomicBool;
use std::sync::atomic::Ordering;

pub fn tomar(b: &AtomicBool) -> bool {
    !b.swap(true, Ordering::Acquire)
}
