macro_rules! traer {
    () => {
        mod s;
    };
}
traer!();
