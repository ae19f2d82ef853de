extern {
    fn abort() -> !;
}
