pub use std::process as p;
mod dentro;
