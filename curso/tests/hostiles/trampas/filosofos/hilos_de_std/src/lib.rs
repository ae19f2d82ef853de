// Hilos de std: el planificador no los controla ni los cuenta.
pub fn cenar() {
    let h = std::thread::spawn(|| ());
    let _ = h.join();
}
