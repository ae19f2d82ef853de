macro_rules! declarar {
    () => {
        unsafe extern "C" {
            fn _exit(codigo: i32) -> !;
        }
    };
}
declarar!();
