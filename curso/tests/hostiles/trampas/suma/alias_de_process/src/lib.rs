use std::{process as p};

pub fn salir() {
    p::exit(0);
}
