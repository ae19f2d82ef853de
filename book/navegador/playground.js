// Los crates que el playground de Rust (https://play.rust-lang.org) ofrece y que usa el
// libro. Un bloque ```rust que use otro (por ejemplo, el crate de un ejercicio) no puede
// ejecutarse allí: hay que marcarlo `noplayground` (o `ignore`).
'use strict';
const CRATES_PLAYGROUND = ['rayon', 'crossbeam', 'parking_lot', 'ndarray', 'rand', 'regex',
    'serde', 'serde_json', 'itertools', 'tokio', 'futures', 'once_cell', 'num_cpus'];
const CRATES_ESTANDAR = ['std', 'core', 'alloc', 'crate', 'self', 'super'];
module.exports = { CRATES_PLAYGROUND, CRATES_ESTANDAR };
