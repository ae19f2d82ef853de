use std::process::{exit, Command};

pub fn lanzar() {
    let _ = Command::new("true");
    exit(0);
}
