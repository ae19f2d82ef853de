pub fn leer() -> Option<String> {
    std::env::var("CURSO_REPETIR").ok()
}
