macro_rules! importar {
    ($raiz:ident) => {
        use $raiz as s;
    };
}
importar!(std);

pub fn salir() {
    s::process::exit(0);
}
