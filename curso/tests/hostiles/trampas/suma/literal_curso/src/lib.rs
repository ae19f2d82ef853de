pub const SEMILLA: &str = "CURSO_REPETIR";
