pub fn salir() {
    let _ = format!("{:?}", std::process::id());
}
