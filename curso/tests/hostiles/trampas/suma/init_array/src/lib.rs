fn antes_de_main() {}

#[used]
#[unsafe(link_section = ".init_array")]
static INICIO: fn() = antes_de_main;
