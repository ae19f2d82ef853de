//! Lo que el código de un ejercicio no puede contener, buscado en el árbol sintáctico y en
//! los tokens de cada macro y atributo, nunca en el texto: un comentario no cuenta, y un
//! alias (`use std::{process as p}`), un espacio (`include_str !`) o una macro no esconden
//! nada.
//!
//! Lo que ya usa el propio curso para un ejercicio (su esqueleto y su solución) está
//! permitido en ese ejercicio: `distribuida` lanza procesos con `std::process::Command`,
//! `cerrojos` necesita `unsafe impl Sync` y bloques `unsafe`.

use super::alias::{Alias, hojas, id, linea};
use super::motivos::explicar;
use super::primitivas::del_arnes;
use proc_macro2::{Delimiter, Spacing, Span, TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::BTreeSet;
use syn::visit::{self, Visit};

/// Módulos de std que sirven para salir del proceso, tocar archivos o leer el entorno.
const MODULOS: [&str; 4] = ["process", "os", "fs", "env"];
pub(super) const RAICES: [&str; 3] = ["std", "core", "alloc"];
/// Cambiar el gancho de pánico borra el mensaje del arnés (y con él, la pista del fallo).
pub(super) const GANCHOS: [&str; 3] = ["set_hook", "take_hook", "update_hook"];

const MACROS: [(&str, &str); 8] = [
    ("include", "incluye código de otro archivo (include!)"),
    ("include_str", "incluye otro archivo (include_str!)"),
    ("include_bytes", "incluye otro archivo (include_bytes!)"),
    ("asm", "escribe ensamblador (asm!)"),
    ("global_asm", "escribe ensamblador (global_asm!)"),
    ("naked_asm", "escribe ensamblador (naked_asm!)"),
    ("env", "lee el entorno de la compilación (env!)"),
    (
        "option_env",
        "lee el entorno de la compilación (option_env!)",
    ),
];

const ATRIBUTOS: [(&str, &str); 11] = [
    ("no_mangle", "exporta un símbolo (no_mangle)"),
    ("export_name", "exporta un símbolo (export_name)"),
    (
        "link_section",
        "coloca datos en una sección del ejecutable (link_section)",
    ),
    ("used", "obliga a enlazar un dato (used)"),
    ("link", "enlaza una biblioteca (link)"),
    ("link_name", "enlaza un símbolo externo (link_name)"),
    ("path", "incluye archivos de fuera del ejercicio (path)"),
    (
        "global_allocator",
        "sustituye el reservador de memoria (global_allocator)",
    ),
    (
        "debugger_visualizer",
        "incluye otro archivo (debugger_visualizer)",
    ),
    ("naked", "escribe funciones desnudas (naked)"),
    ("unsafe", "usa un atributo inseguro (#[unsafe(…)])"),
];

/// Algo encontrado en el código, con su línea.
#[derive(Debug, Clone)]
pub(super) enum Tipo {
    /// Una ruta que pasa por un módulo vigilado, ya resuelta (`std::process::exit`).
    Ruta(Vec<String>),
    /// `unsafe` en un contexto: «bloque», «fn», «impl», «trait».
    Inseguro(&'static str),
    /// Prohibido siempre.
    Siempre(String),
}

/// Lo que un ejercicio permite porque el curso mismo lo usa en él.
#[derive(Debug, Default)]
pub struct Permitido {
    rutas: Vec<Vec<String>>,
    inseguro: BTreeSet<&'static str>,
    /// Las primitivas de sincronización de `std` y de otros crates se vigilan: la suite del
    /// ejercicio explora planificaciones (ver [`super::primitivas`]).
    primitivas: bool,
}

impl Permitido {
    /// Lo que usan los archivos del curso para un ejercicio (esqueleto y solución).
    pub fn de(archivos: &[syn::File]) -> Self {
        let mut permitido = Self::default();
        for (_, tipo) in hallazgos(archivos) {
            match tipo {
                Tipo::Ruta(r) => permitido.rutas.push(r),
                Tipo::Inseguro(c) => {
                    permitido.inseguro.insert(c);
                }
                Tipo::Siempre(_) => {}
            }
        }
        permitido
    }

    /// Admite además `rutas` (`"std::sync::mpsc"`) y los `unsafe` de `inseguro`: lo que el
    /// enunciado pide aunque el esqueleto no lo traiga.
    pub fn ampliar(&mut self, rutas: &[&str], inseguro: &[&'static str]) {
        self.rutas.extend(
            rutas
                .iter()
                .map(|r| r.split("::").map(String::from).collect()),
        );
        self.inseguro.extend(inseguro);
    }

    /// Vigila las primitivas de sincronización que el planificador no ve.
    pub fn vigilar_primitivas(&mut self) {
        self.primitivas = true;
    }

    fn admite(&self, tipo: &Tipo) -> bool {
        match tipo {
            Tipo::Ruta(r) if !self.primitivas && super::primitivas::vigilada(r) => true,
            // `std::process` admite `Command` si el curso usa `std::process::Command`, y
            // `std::process::Command::new` también; `std::process::exit`, no.
            Tipo::Ruta(r) => self
                .rutas
                .iter()
                .any(|a| a.starts_with(r) || r.starts_with(a)),
            Tipo::Inseguro(c) => self.inseguro.contains(c),
            Tipo::Siempre(_) => false,
        }
    }
}

/// Los motivos, «archivo:línea: qué», por los que `fuentes` (nombre y árbol de cada archivo
/// compilado de una entrega) no puede puntuar.
pub fn revisar(fuentes: &[(&str, &syn::File)], permitido: &Permitido) -> Vec<String> {
    let arboles: Vec<syn::File> = fuentes.iter().map(|(_, a)| (*a).clone()).collect();
    let alias = Alias::de(&arboles);
    let mut motivos = Vec::new();
    for (nombre, arbol) in fuentes {
        let mut r = Revisor::new(&alias);
        r.visit_file(arbol);
        for (linea, tipo) in r.encontrado {
            if permitido.admite(&tipo) {
                continue;
            }
            let motivo = format!("{nombre}:{linea}: {}", explicar(&tipo));
            if !motivos.contains(&motivo) {
                motivos.push(motivo);
            }
        }
    }
    motivos
}

fn hallazgos(archivos: &[syn::File]) -> Vec<(usize, Tipo)> {
    let alias = Alias::de(archivos);
    let mut todos = Vec::new();
    for arbol in archivos {
        let mut r = Revisor::new(&alias);
        r.visit_file(arbol);
        todos.extend(r.encontrado);
    }
    todos
}

/// ¿Pasa `ruta` (ya resuelta) por algo vigilado?
fn vigilada(ruta: &[String]) -> bool {
    let raiz = ruta.first().map(String::as_str);
    (RAICES.contains(&raiz.unwrap_or_default())
        && ruta.get(1).is_some_and(|m| MODULOS.contains(&m.as_str())))
        || raiz == Some("libc")
        || ruta.iter().any(|s| GANCHOS.contains(&s.as_str()))
        || del_arnes(ruta)
        || matches!(raiz, Some("arnes" | "contrato"))
        || super::primitivas::vigilada(ruta)
}

struct Revisor<'a> {
    alias: &'a Alias,
    encontrado: Vec<(usize, Tipo)>,
}

impl<'a> Revisor<'a> {
    fn new(alias: &'a Alias) -> Self {
        Self {
            alias,
            encontrado: Vec::new(),
        }
    }

    fn anotar(&mut self, span: Span, tipo: Tipo) {
        self.encontrado.push((linea(span), tipo));
    }

    fn siempre(&mut self, span: Span, motivo: &str) {
        self.anotar(span, Tipo::Siempre(motivo.into()));
    }

    fn ruta(&mut self, span: Span, segmentos: &[String]) {
        for r in self.alias.resolver(segmentos) {
            if vigilada(&r) {
                self.anotar(span, Tipo::Ruta(r));
            }
        }
    }

    fn literal(&mut self, span: Span, texto: &str) {
        if texto.contains("CURSO_") {
            self.siempre(span, "toca la configuración de la corrección (CURSO_…)");
        }
    }

    /// Los tokens de una macro o de un atributo: rutas, macros prohibidas, `unsafe`,
    /// `extern`, atributos y literales, a cualquier profundidad.
    fn tokens(&mut self, flujo: TokenStream) {
        let v: Vec<TokenTree> = flujo.into_iter().collect();
        let mut i = 0;
        while i < v.len() {
            match &v[i] {
                TokenTree::Group(g) => {
                    let tras_almohadilla = (i >= 1 && es(&v[i - 1], '#'))
                        || (i >= 2 && es(&v[i - 1], '!') && es(&v[i - 2], '#'));
                    if g.delimiter() == Delimiter::Bracket && tras_almohadilla {
                        self.atributo(g.stream());
                    } else {
                        self.tokens(g.stream());
                    }
                    i += 1;
                }
                TokenTree::Literal(l) => {
                    self.literal(l.span(), &l.to_string());
                    i += 1;
                }
                TokenTree::Ident(_) => i = self.ruta_en_tokens(&v, i),
                TokenTree::Punct(p)
                    if p.as_char() == '$' && matches!(v.get(i + 1), Some(TokenTree::Ident(_))) =>
                {
                    i = self.ruta_en_tokens(&v, i)
                }
                TokenTree::Punct(_) => i += 1,
            }
        }
    }

    /// Lee una ruta `a::b::$c` que empieza en `v[i]` y devuelve dónde acaba.
    fn ruta_en_tokens(&mut self, v: &[TokenTree], mut i: usize) -> usize {
        let span = v[i].span();
        let mut segmentos = Vec::new();
        loop {
            match (v.get(i), v.get(i + 1)) {
                (Some(TokenTree::Punct(p)), Some(TokenTree::Ident(n))) if p.as_char() == '$' => {
                    segmentos.push(format!("${}", id(n)));
                    i += 2;
                }
                (Some(TokenTree::Ident(n)), _) => {
                    segmentos.push(id(n));
                    i += 1;
                }
                _ => break,
            }
            let sigue = matches!(v.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == Spacing::Joint)
                && v.get(i + 1).is_some_and(|t| es(t, ':'))
                && matches!(
                    v.get(i + 2),
                    Some(TokenTree::Ident(_)) | Some(TokenTree::Punct(_))
                );
            if !sigue {
                break;
            }
            i += 2;
        }
        let Some(primero) = segmentos.first().cloned() else {
            return i + 1;
        };
        match primero.as_str() {
            // Un `use` con variables de macro crea un alias que no se puede resolver sin
            // expandir la macro.
            "use"
                if v[i..]
                    .iter()
                    .take_while(|t| !es(t, ';'))
                    .any(|t| es(t, '$')) =>
            {
                self.siempre(
                    span,
                    "importa con `use` dentro de una macro una ruta hecha con variables de macro",
                )
            }
            "extern" => self.siempre(span, "declara algo externo (extern) dentro de una macro"),
            "unsafe" => self.anotar(span, Tipo::Inseguro("bloque")),
            "mod"
                if matches!(v.get(i), Some(TokenTree::Ident(_)))
                    && v.get(i + 1).is_some_and(|t| es(t, ';')) =>
            {
                self.siempre(
                    span,
                    "declara un módulo de archivo dentro de una macro (el compilador leería un \
                     archivo que la revisión no ve)",
                )
            }
            _ => {}
        }
        let llamada = v.get(i).is_some_and(|t| es(t, '!'))
            && matches!(v.get(i + 1), Some(TokenTree::Group(_)));
        if llamada {
            self.macro_prohibida(span, segmentos.last().expect("no vacía"));
        }
        let es_variable = |s: &&String| s.starts_with('$') && *s != "$crate";
        let variables = segmentos.iter().filter(es_variable).count();
        let sensible = RAICES.contains(&primero.as_str())
            || segmentos
                .iter()
                .any(|s| MODULOS.contains(&s.as_str()) || s == "libc");
        // `$a::$b::exit` con `m!(std, process)`: ninguna de las dos partes basta para verla.
        if (variables > 0 && sensible) || variables >= 2 {
            self.siempre(
                span,
                &format!(
                    "construye dentro de una macro una ruta con variables de macro ({})",
                    segmentos.join("::")
                ),
            );
        }
        self.ruta(span, &segmentos);
        i
    }

    fn macro_prohibida(&mut self, span: Span, nombre: &str) {
        if let Some((_, motivo)) = MACROS.iter().find(|(m, _)| *m == nombre) {
            self.siempre(span, motivo);
        }
    }

    /// El contenido de un `#[…]`. Un comentario de documentación (`#[doc = "…"]`) no cuenta.
    fn atributo(&mut self, flujo: TokenStream) {
        let v: Vec<TokenTree> = flujo.clone().into_iter().collect();
        let es_doc = matches!(v.as_slice(),
            [TokenTree::Ident(d), TokenTree::Punct(p), TokenTree::Literal(_)] if d == "doc" && p.as_char() == '=');
        if es_doc {
            return;
        }
        self.nombres_de_atributo(flujo.clone());
        self.tokens(flujo);
    }

    fn nombres_de_atributo(&mut self, flujo: TokenStream) {
        for t in flujo {
            match t {
                TokenTree::Ident(n) => {
                    if let Some((_, motivo)) = ATRIBUTOS.iter().find(|(a, _)| n == a) {
                        self.siempre(n.span(), &format!("atributo prohibido: {motivo}"));
                    }
                }
                TokenTree::Group(g) => self.nombres_de_atributo(g.stream()),
                _ => {}
            }
        }
    }
}

pub(super) fn es(t: &TokenTree, c: char) -> bool {
    matches!(t, TokenTree::Punct(p) if p.as_char() == c)
}

impl<'ast> Visit<'ast> for Revisor<'_> {
    fn visit_attribute(&mut self, a: &'ast syn::Attribute) {
        // No se desciende con `visit`: los tokens del atributo ya se revisan todos aquí.
        self.atributo(a.meta.to_token_stream());
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        if let Some(ultimo) = m.path.segments.last() {
            self.macro_prohibida(ultimo.ident.span(), &id(&ultimo.ident));
        }
        self.tokens(m.tokens.clone());
        visit::visit_macro(self, m);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segmentos: Vec<String> = p.segments.iter().map(|s| id(&s.ident)).collect();
        if let Some(primero) = p.segments.first() {
            self.ruta(primero.ident.span(), &segmentos);
        }
        visit::visit_path(self, p);
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        for (_, ruta, linea) in hojas(&u.tree) {
            for r in self.alias.resolver(&ruta) {
                if vigilada(&r) {
                    self.encontrado.push((linea, Tipo::Ruta(r)));
                }
            }
        }
        visit::visit_item_use(self, u);
    }

    fn visit_item_foreign_mod(&mut self, f: &'ast syn::ItemForeignMod) {
        self.siempre(
            f.abi.extern_token.span,
            "declara funciones externas (bloque extern)",
        );
        visit::visit_item_foreign_mod(self, f);
    }

    fn visit_item_extern_crate(&mut self, e: &'ast syn::ItemExternCrate) {
        self.siempre(
            e.extern_token.span,
            "importa un crate con otro nombre (extern crate)",
        );
        visit::visit_item_extern_crate(self, e);
    }

    fn visit_abi(&mut self, a: &'ast syn::Abi) {
        self.siempre(
            a.extern_token.span,
            "declara una función o un tipo externo (extern)",
        );
        visit::visit_abi(self, a);
    }

    fn visit_signature(&mut self, s: &'ast syn::Signature) {
        if let Some(u) = s.unsafety {
            self.anotar(u.span, Tipo::Inseguro("fn"));
        }
        visit::visit_signature(self, s);
    }

    fn visit_type_bare_fn(&mut self, t: &'ast syn::TypeBareFn) {
        if let Some(u) = t.unsafety {
            self.anotar(u.span, Tipo::Inseguro("fn"));
        }
        visit::visit_type_bare_fn(self, t);
    }

    fn visit_type_ptr(&mut self, t: &'ast syn::TypePtr) {
        self.anotar(t.star_token.span, Tipo::Inseguro("puntero"));
        visit::visit_type_ptr(self, t);
    }

    fn visit_expr_raw_addr(&mut self, e: &'ast syn::ExprRawAddr) {
        self.anotar(e.raw.span, Tipo::Inseguro("puntero"));
        visit::visit_expr_raw_addr(self, e);
    }

    fn visit_expr_unsafe(&mut self, e: &'ast syn::ExprUnsafe) {
        self.anotar(e.unsafe_token.span, Tipo::Inseguro("bloque"));
        visit::visit_expr_unsafe(self, e);
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        if let Some(u) = i.unsafety {
            self.anotar(u.span, Tipo::Inseguro("impl"));
        }
        visit::visit_item_impl(self, i);
    }

    fn visit_item_trait(&mut self, t: &'ast syn::ItemTrait) {
        if let Some(u) = t.unsafety {
            self.anotar(u.span, Tipo::Inseguro("trait"));
        }
        visit::visit_item_trait(self, t);
    }

    fn visit_lit_str(&mut self, l: &'ast syn::LitStr) {
        self.literal(l.span(), &l.value());
    }

    fn visit_lit_byte_str(&mut self, l: &'ast syn::LitByteStr) {
        self.literal(l.span(), &String::from_utf8_lossy(&l.value()));
    }

    fn visit_lit_cstr(&mut self, l: &'ast syn::LitCStr) {
        self.literal(l.span(), &l.value().to_string_lossy());
    }
}
