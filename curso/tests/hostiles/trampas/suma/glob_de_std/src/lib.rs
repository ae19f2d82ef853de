use std::*;

pub fn salir() {
    process::exit(0);
}
