macro_rules! llamar {
    ($a:ident, $b:ident) => {
        $a::$b::exit(0)
    };
}

pub fn salir() {
    llamar!(std, process);
}
