//! ¿Cuánto de una implementación del curso (la solución de referencia o una de
//! `tests/<e>/buenas/`) contiene una entrega?
//!
//! Se mide sobre tokens, no sobre líneas: los comentarios desaparecen al leer, y cada
//! identificador y cada literal se cambian por una marca, así que renombrar, reformatear,
//! mover el código a otro módulo o rellenarlo con código inútil no cambia la medida. La
//! medida es la fracción de las secuencias de [`N`] tokens de la referencia que aparecen en
//! la entrega, sin contar las que ya trae el esqueleto (la API que todos comparten).

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Longitud de las secuencias comparadas.
pub const N: usize = 12;

/// Desde esta fracción, la entrega es una copia. Medido (`curso/tests/hostiles.rs` lo
/// vuelve a medir cada vez): el trabajo independiente (las entregas de ejemplo) contiene
/// como mucho un 47 % de una implementación del curso; las correctas de `buenas/`, que son
/// variantes de la solución, hasta un 80 % de ella; la solución movida, rellenada o
/// renombrada, el 100 %.
pub const UMBRAL: f64 = 0.85;

const CLAVES: [&str; 38] = [
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while",
];

/// Las secuencias de `N` tokens normalizados de unos textos de Rust, resumidas.
pub fn secuencias<'a>(textos: impl IntoIterator<Item = &'a str>) -> HashSet<u64> {
    let mut todas = HashSet::new();
    for texto in textos {
        let Ok(flujo) = texto.parse::<TokenStream>() else {
            continue;
        };
        let mut fichas = Vec::new();
        normalizar(flujo, &mut fichas);
        for ventana in fichas.windows(N) {
            let mut h = DefaultHasher::new();
            ventana.hash(&mut h);
            todas.insert(h.finish());
        }
    }
    todas
}

/// Qué fracción de `referencia` (menos lo que ya está en `esqueleto`) aparece en `entrega`.
/// `None` si a la referencia no le queda nada propio.
pub fn contenida(
    referencia: &HashSet<u64>,
    esqueleto: &HashSet<u64>,
    entrega: &HashSet<u64>,
) -> Option<f64> {
    let propias: Vec<_> = referencia.difference(esqueleto).collect();
    if propias.is_empty() {
        return None;
    }
    let halladas = propias.iter().filter(|s| entrega.contains(s)).count();
    Some(halladas as f64 / propias.len() as f64)
}

fn normalizar(flujo: TokenStream, fichas: &mut Vec<String>) {
    let v: Vec<TokenTree> = flujo.into_iter().collect();
    let mut i = 0;
    while i < v.len() {
        // Los comentarios de documentación llegan como `#[doc = "…"]` (o `#![doc …]`): fuera.
        let salto = match (&v[i], v.get(i + 1), v.get(i + 2)) {
            (TokenTree::Punct(a), Some(TokenTree::Group(g)), _)
                if a.as_char() == '#' && es_doc(g) =>
            {
                2
            }
            (TokenTree::Punct(a), Some(TokenTree::Punct(b)), Some(TokenTree::Group(g)))
                if a.as_char() == '#' && b.as_char() == '!' && es_doc(g) =>
            {
                3
            }
            _ => 0,
        };
        if salto > 0 {
            i += salto;
            continue;
        }
        match &v[i] {
            TokenTree::Ident(n) => {
                let n = n.to_string();
                fichas.push(if CLAVES.contains(&n.as_str()) {
                    n
                } else {
                    "i".into()
                });
            }
            TokenTree::Literal(_) => fichas.push("l".into()),
            TokenTree::Punct(p) => fichas.push(p.as_char().to_string()),
            TokenTree::Group(g) => {
                let (abre, cierra) = match g.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                fichas.push(abre.into());
                normalizar(g.stream(), fichas);
                fichas.push(cierra.into());
            }
        }
        i += 1;
    }
}

fn es_doc(g: &proc_macro2::Group) -> bool {
    g.delimiter() == Delimiter::Bracket
        && matches!(g.stream().into_iter().next(), Some(TokenTree::Ident(d)) if d == "doc")
}
