pub fn callar() {
    std::panic::set_hook(Box::new(|_| {}));
}
