//! Los alias que crean los `use` de una entrega, para saber adónde lleva de verdad una ruta:
//! con `use std as s;`, `s::process::exit` es `std::process::exit`.

use super::prohibido::{RAICES, es};
use proc_macro2::{Span, TokenStream, TokenTree};
use std::collections::HashMap;
use syn::visit::{self, Visit};

/// Los nombres que introduce cada `use` de la entrega, en cualquier archivo y ámbito (una
/// aproximación por exceso: un alias vale en toda la entrega).
#[derive(Default)]
pub(super) struct Alias {
    nombres: HashMap<String, Vec<Vec<String>>>,
    /// Las bases de los `use x::*`.
    globales: Vec<Vec<String>>,
}

impl Alias {
    pub(super) fn de(archivos: &[syn::File]) -> Self {
        struct Usos(Alias);
        impl<'a> Visit<'a> for Usos {
            fn visit_item_use(&mut self, u: &'a syn::ItemUse) {
                self.0.anadir(&u.tree);
            }
            fn visit_macro(&mut self, m: &'a syn::Macro) {
                self.0.usos_en_tokens(m.tokens.clone());
                visit::visit_macro(self, m);
            }
        }
        let mut usos = Usos(Alias::default());
        for a in archivos {
            usos.visit_file(a);
        }
        usos.0
    }

    fn anadir(&mut self, arbol: &syn::UseTree) {
        for (alias, ruta, _) in hojas(arbol) {
            match alias {
                Some(a) => self.nombres.entry(a).or_default().push(ruta),
                None if ruta.last().is_some_and(|s| s == "*") => {
                    self.globales.push(ruta[..ruta.len() - 1].to_vec())
                }
                None => {}
            }
        }
    }

    /// Los `use …;` escritos dentro de una macro también crean alias al expandirse.
    fn usos_en_tokens(&mut self, flujo: TokenStream) {
        let v: Vec<TokenTree> = flujo.into_iter().collect();
        for (i, t) in v.iter().enumerate() {
            match t {
                TokenTree::Group(g) => self.usos_en_tokens(g.stream()),
                TokenTree::Ident(n) if n == "use" => {
                    let Some(fin) = v[i..].iter().position(|t| es(t, ';')) else {
                        continue;
                    };
                    let trozo: TokenStream = v[i..=i + fin].iter().cloned().collect();
                    if let Ok(u) = syn::parse2::<syn::ItemUse>(trozo) {
                        self.anadir(&u.tree);
                    }
                }
                _ => {}
            }
        }
    }

    /// Las rutas completas que puede ser `segmentos`, siguiendo alias y `use …::*`.
    pub(super) fn resolver(&self, segmentos: &[String]) -> Vec<Vec<String>> {
        let mut hechas: Vec<Vec<String>> = Vec::new();
        let mut pendientes = vec![(sin_prefijo(segmentos), 0)];
        while let Some((s, hondo)) = pendientes.pop() {
            if s.is_empty() || hechas.contains(&s) {
                continue;
            }
            hechas.push(s.clone());
            if hondo >= 8 {
                continue;
            }
            for destino in self.nombres.get(&s[0]).into_iter().flatten() {
                let mut nueva = destino.clone();
                nueva.extend_from_slice(&s[1..]);
                pendientes.push((sin_prefijo(&nueva), hondo + 1));
            }
            if !RAICES.contains(&s[0].as_str()) {
                for base in &self.globales {
                    let mut nueva = base.clone();
                    nueva.extend_from_slice(&s);
                    pendientes.push((sin_prefijo(&nueva), hondo + 1));
                }
            }
        }
        hechas
    }
}

/// `crate::`, `self::`, `super::` no cambian a qué módulo de std se llega.
fn sin_prefijo(s: &[String]) -> Vec<String> {
    s.iter()
        .skip_while(|x| matches!(x.as_str(), "crate" | "self" | "super" | "$crate"))
        .cloned()
        .collect()
}

/// Cada hoja de un árbol `use`: (nombre que introduce, ruta completa, línea).
pub(super) fn hojas(arbol: &syn::UseTree) -> Vec<(Option<String>, Vec<String>, usize)> {
    fn ir(
        arbol: &syn::UseTree,
        prefijo: &mut Vec<String>,
        salida: &mut Vec<(Option<String>, Vec<String>, usize)>,
    ) {
        use syn::UseTree::*;
        let con = |prefijo: &Vec<String>, nombre: String| {
            let mut ruta = prefijo.clone();
            if nombre != "self" {
                ruta.push(nombre);
            }
            ruta
        };
        match arbol {
            Path(p) => {
                prefijo.push(id(&p.ident));
                ir(&p.tree, prefijo, salida);
                prefijo.pop();
            }
            Name(n) => {
                let ruta = con(prefijo, id(&n.ident));
                let alias = ruta.last().cloned();
                salida.push((alias, ruta, linea(n.ident.span())));
            }
            Rename(r) => {
                let ruta = con(prefijo, id(&r.ident));
                let alias = Some(id(&r.rename)).filter(|a| a != "_");
                salida.push((alias, ruta, linea(r.ident.span())));
            }
            Glob(g) => {
                let mut ruta = prefijo.clone();
                ruta.push("*".into());
                salida.push((None, ruta, linea(g.star_token.spans[0])));
            }
            Group(g) => g.items.iter().for_each(|t| ir(t, prefijo, salida)),
        }
    }
    let mut salida = Vec::new();
    ir(arbol, &mut Vec::new(), &mut salida);
    salida
}

pub(super) fn id(i: &proc_macro2::Ident) -> String {
    let s = i.to_string();
    s.strip_prefix("r#").map(str::to_string).unwrap_or(s)
}

pub(super) fn linea(span: Span) -> usize {
    span.start().line
}
