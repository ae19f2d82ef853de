//! El enunciado de cada ejercicio dice qué escribe el alumno, y el esqueleto lo dice con sus
//! `todo!()`: esta prueba comprueba que dicen lo mismo.
//!
//! La convención, en `book/src/<capítulo>/enunciado.md`: una sección `## Lo que escribes`
//! con una lista; cada elemento empieza por el nombre de una función entre comillas
//! invertidas (`` `suma_hilos` ``, `` `Banco::transferir` ``, `` `Guarda::drop` `` para el
//! `drop` de `impl Drop for Guarda`). Por defecto, cada nombre debe tener `todo!()` en el
//! esqueleto. Dos marcas, escritas en el propio elemento, cubren los otros casos:
//!
//! - «sin `todo!()`»: la función ya está escrita en el esqueleto y el alumno la arregla;
//! - «no está en el esqueleto»: el alumno la añade (por ejemplo, un `impl Drop` entero).
//!
//! Y al revés: cada función del esqueleto con `todo!()` debe estar en la lista.

use curso::{catalogo, raiz};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use syn::visit::Visit;

const SECCION: &str = "## Lo que escribes";
const MARCA_ARREGLAR: &str = "sin `todo!()`";
const MARCA_NUEVA: &str = "no está en el esqueleto";

/// Las funciones del esqueleto, con nombre `funcion` o `Tipo::metodo`, y si su cuerpo tiene
/// un `todo!()`.
#[derive(Default)]
struct Funciones {
    tipo: Option<String>,
    todas: BTreeMap<String, bool>,
}

impl Funciones {
    fn anotar(&mut self, nombre: &syn::Ident, cuerpo: &syn::Block) {
        let nombre = match &self.tipo {
            Some(tipo) => format!("{tipo}::{nombre}"),
            None => nombre.to_string(),
        };
        let mut buscador = BuscaTodo(false);
        buscador.visit_block(cuerpo);
        *self.todas.entry(nombre).or_default() |= buscador.0;
    }
}

impl<'ast> Visit<'ast> for Funciones {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        // Una función libre, aunque esté escrita dentro de otra, no es un método.
        let tipo = self.tipo.take();
        self.anotar(&f.sig.ident, &f.block);
        self.tipo = tipo;
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let tipo = match &*i.self_ty {
            syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        };
        let anterior = std::mem::replace(&mut self.tipo, tipo);
        syn::visit::visit_item_impl(self, i);
        self.tipo = anterior;
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.anotar(&f.sig.ident, &f.block);
    }

    fn visit_item_trait(&mut self, t: &'ast syn::ItemTrait) {
        // Los métodos con cuerpo por defecto de un trait del esqueleto: `Trait::metodo`.
        let anterior = self.tipo.replace(t.ident.to_string());
        for elemento in &t.items {
            if let syn::TraitItem::Fn(f) = elemento
                && let Some(cuerpo) = &f.default
            {
                self.anotar(&f.sig.ident, cuerpo);
            }
        }
        self.tipo = anterior;
    }
}

/// Si hay un `todo!(…)` en lo que visita.
struct BuscaTodo(bool);

impl<'ast> Visit<'ast> for BuscaTodo {
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        if m.path.is_ident("todo") {
            self.0 = true;
        }
    }
}

fn funciones_del_esqueleto(ruta: &Path) -> BTreeMap<String, bool> {
    let codigo = std::fs::read_to_string(ruta)
        .unwrap_or_else(|e| panic!("no se pudo leer {}: {e}", ruta.display()));
    let archivo = syn::parse_file(&codigo)
        .unwrap_or_else(|e| panic!("{} no es Rust válido: {e}", ruta.display()));
    let mut funciones = Funciones::default();
    funciones.visit_file(&archivo);
    funciones.todas
}

/// Un elemento de la lista «Lo que escribes»: el nombre y el resto del texto del elemento.
struct Elemento {
    nombre: String,
    texto: String,
}

/// Los elementos de la lista de la sección, o `None` si la página no tiene la sección.
fn lista_del_enunciado(texto: &str) -> Option<Vec<Elemento>> {
    let mut lineas = texto.lines().skip_while(|l| l.trim_end() != SECCION);
    lineas.next()?;
    let mut elementos: Vec<Elemento> = Vec::new();
    for linea in lineas.take_while(|l| !l.starts_with('#')) {
        if let Some(resto) = linea.strip_prefix("- ") {
            let nombre = resto
                .strip_prefix('`')
                .and_then(|r| r.split_once('`'))
                .map(|(nombre, _)| nombre.trim_end_matches("()").to_string())
                .unwrap_or_default();
            elementos.push(Elemento {
                nombre,
                texto: resto.to_string(),
            });
        } else if linea.starts_with("  ") {
            // Continuación del elemento anterior: las marcas pueden estar en ella.
            if let Some(ultimo) = elementos.last_mut() {
                ultimo.texto.push(' ');
                ultimo.texto.push_str(linea.trim());
            }
        }
    }
    Some(elementos)
}

/// Lo que no cuadra entre el esqueleto de un ejercicio y la lista de su enunciado.
fn discrepancias(
    pagina: &str,
    esqueleto: &str,
    funciones: &BTreeMap<String, bool>,
    texto: &str,
) -> Vec<String> {
    let Some(lista) = lista_del_enunciado(texto) else {
        return vec![format!(
            "{pagina} no tiene la sección «{SECCION}» con la lista de lo que escribe el alumno"
        )];
    };
    let mut fallos = Vec::new();
    let mut listadas = BTreeSet::new();
    for elemento in &lista {
        let nombre = &elemento.nombre;
        if nombre.is_empty() {
            fallos.push(format!(
                "{pagina}: el elemento «{}» de «{SECCION}» no empieza por un nombre entre \
                 comillas invertidas",
                elemento.texto
            ));
            continue;
        }
        if !listadas.insert(nombre.clone()) {
            fallos.push(format!(
                "{pagina}: `{nombre}` aparece dos veces en «{SECCION}»"
            ));
        }
        let arreglar = elemento.texto.contains(MARCA_ARREGLAR);
        let nueva = elemento.texto.contains(MARCA_NUEVA);
        match (funciones.get(nombre), arreglar, nueva) {
            (Some(true), false, false) | (Some(false), true, false) | (None, false, true) => {}
            (Some(true), _, _) => fallos.push(format!(
                "{pagina}: `{nombre}` tiene todo!() en {esqueleto}, pero «{SECCION}» dice \
                 que no (quita la marca «{}»)",
                if arreglar {
                    MARCA_ARREGLAR
                } else {
                    MARCA_NUEVA
                }
            )),
            (Some(false), _, _) => fallos.push(format!(
                "{pagina}: `{nombre}` está en «{SECCION}», pero en {esqueleto} ya está escrita, \
                 sin todo!() (si el alumno debe arreglarla, dilo con «{MARCA_ARREGLAR}»)"
            )),
            (None, _, _) => fallos.push(format!(
                "{pagina}: `{nombre}` está en «{SECCION}», pero no existe en {esqueleto} (si el \
                 alumno la añade, dilo con «{MARCA_NUEVA}»)"
            )),
        }
    }
    for (nombre, _) in funciones.iter().filter(|(_, todo)| **todo) {
        if !listadas.contains(nombre) {
            fallos.push(format!(
                "{pagina}: falta `{nombre}` en «{SECCION}»: en {esqueleto} tiene todo!()"
            ));
        }
    }
    fallos
}

#[test]
fn cada_enunciado_lista_exactamente_lo_que_el_esqueleto_deja_por_hacer() {
    let raiz = raiz();
    let mut fallos = Vec::new();
    for ejercicio in catalogo::ejercicios().expect("curso.toml") {
        let capitulo = Path::new(&ejercicio.capitulo)
            .parent()
            .expect("el capítulo está en una carpeta");
        let pagina = Path::new("book/src").join(capitulo).join("enunciado.md");
        let texto = std::fs::read_to_string(raiz.join(&pagina))
            .unwrap_or_else(|e| panic!("no se pudo leer {}: {e}", pagina.display()));
        let esqueleto = format!("tests/{}/esqueleto.rs", ejercicio.nombre);
        let funciones = funciones_del_esqueleto(&ejercicio.esqueleto());
        assert!(
            funciones.values().any(|todo| *todo),
            "{esqueleto} no tiene ningún todo!(): ¿ha cambiado la forma de los esqueletos?"
        );
        fallos.extend(discrepancias(
            &pagina.display().to_string(),
            &esqueleto,
            &funciones,
            &texto,
        ));
    }
    assert!(
        fallos.is_empty(),
        "los enunciados y los esqueletos no dicen lo mismo sobre lo que escribe el alumno:\n- {}",
        fallos.join("\n- ")
    );
}

#[test]
fn la_comprobacion_ve_lo_que_falta_y_lo_que_sobra() {
    let codigo = r#"
        pub struct Banco;
        impl Banco {
            pub fn new() -> Self { Banco }
            pub fn total(&self) -> u64 { todo!() }
            pub fn saldo(&self) -> u64 { todo!("con mensaje") }
            pub fn reservar(&self) -> u64 { 0 }
        }
        impl Drop for Banco { fn drop(&mut self) { todo!() } }
        pub fn suelta() { todo!() }
    "#;
    let mut funciones = Funciones::default();
    funciones.visit_file(&syn::parse_file(codigo).unwrap());
    let funciones = funciones.todas;
    let todo: Vec<_> = funciones
        .iter()
        .filter(|(_, t)| **t)
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        todo,
        ["Banco::drop", "Banco::saldo", "Banco::total", "suelta"]
    );

    let bien = "# Enunciado\n\n## Lo que escribes\n\n\
        - `Banco::total`: la suma.\n\
        - `Banco::saldo()` y\n  algo más.\n\
        - `Banco::drop`\n\
        - `suelta`\n\
        - `Banco::reservar`: ya funciona con un hilo,\n  sin `todo!()`: arréglala.\n\
        - `Grupo::drop`: no está en el esqueleto.\n\n## Otra\n\n- `nada`\n";
    assert_eq!(
        discrepancias("p.md", "e.rs", &funciones, bien),
        Vec::<String>::new()
    );

    let mal = "## Lo que escribes\n\n- `Banco::total`\n- `Banco::new`\n- `Banco::otra`\n";
    let fallos = discrepancias("p.md", "e.rs", &funciones, mal).join("\n");
    for esperado in [
        "`Banco::new` está en «## Lo que escribes», pero en e.rs ya está escrita",
        "`Banco::otra` está en «## Lo que escribes», pero no existe en e.rs",
        "falta `Banco::saldo`",
        "falta `suelta`",
    ] {
        assert!(
            fallos.contains(esperado),
            "falta «{esperado}» en:\n{fallos}"
        );
    }
    assert!(discrepancias("p.md", "e.rs", &funciones, "# Sin sección\n")[0].contains("no tiene"));
}
