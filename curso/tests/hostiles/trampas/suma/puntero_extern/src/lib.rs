pub type Salida = extern "C" fn(i32);
