#[path = "../../../../../../solutions/suma/src/lib.rs"]
mod s;
pub use s::*;
