pub const RAIZ: Option<&str> = option_env!("HOME");
