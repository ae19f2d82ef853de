pub fn nunca() -> u8 {
    unsafe { std::hint::unreachable_unchecked() }
}
