pub fn salir() {
    crate::p::exit(0);
}
