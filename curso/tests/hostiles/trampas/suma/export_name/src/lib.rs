#[unsafe(export_name = "atexit")]
pub fn no_me_vigiles(_f: usize) -> i32 {
    0
}
