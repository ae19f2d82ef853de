unsafe extern "C" {
    fn _exit(codigo: i32) -> !;
}
