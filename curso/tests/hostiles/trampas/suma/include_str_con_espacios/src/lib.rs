pub const S: &str = include_str !("../../../../solutions/suma/src/lib.rs");
