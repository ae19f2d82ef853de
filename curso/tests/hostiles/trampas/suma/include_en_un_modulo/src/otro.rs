include!("../../../../../solutions/suma/src/lib.rs");
