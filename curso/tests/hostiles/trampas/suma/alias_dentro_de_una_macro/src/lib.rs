macro_rules! importar {
    () => {
        use std as s;
    };
}
importar!();

pub fn salir() {
    s::process::exit(0);
}
