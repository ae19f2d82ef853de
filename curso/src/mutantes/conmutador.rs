//! Todas las mutaciones de un ejercicio en **un solo** crate, elegidas al ejecutar.
//!
//! Compilar la suite contra cada mutación por separado era casi todo el tiempo de la
//! verificación: la suite (cientos de líneas, con shuttle) se compilaba una vez por mutación.
//! Casi todas las mutaciones cambian solo el cuerpo de alguna función; esas se juntan en una
//! copia de la solución donde cada cuerpo cambiado elige su versión al ejecutarse:
//!
//! ```text
//! fn esperar(&self) { match crate::__curso_mutante() { 3 => { /* mutación 3 */ }, _ => { /* original */ } } }
//! ```
//!
//! y la suite se compila una sola vez contra ella; cada prueba se ejecuta con
//! `CURSO_MUTANTE=<n>`. Una mutación que toca algo fuera de un cuerpo de función (un campo,
//! una constante, un `impl` entero), el cuerpo de una `const fn` o el de una función que
//! devuelve `impl Trait` (cada versión tendría su tipo opaco) no se puede elegir así: se
//! compila aparte, como siempre. Si la copia conmutada no compilara, quien llama compila cada
//! mutación aparte: el veredicto nunca depende de este atajo.

use super::{Mutacion, Solucion, aplicar, escribir_copia};
use crate::Resultado;
use crate::catalogo::Ejercicio;
use proc_macro2::LineColumn;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use syn::spanned::Spanned;
use syn::visit::Visit;

/// La variable de entorno con el número de la mutación que ejecuta la copia conmutada.
pub const VARIABLE: &str = "CURSO_MUTANTE";

/// La copia conmutada de la solución y qué mutación lleva cada número.
#[derive(Debug)]
pub struct Conmutadas {
    /// El `lib.rs` de la copia.
    pub lib: PathBuf,
    /// El número de cada mutación que va en la copia, por su nombre.
    pub numeros: BTreeMap<String, u32>,
}

/// Junta en una copia de la solución las mutaciones de `mutaciones` (nombre y mutación) que
/// solo cambian cuerpos de funciones. Devuelve `None` si no hay ninguna.
pub fn conmutar(
    ejercicio: &Ejercicio,
    mutaciones: &[(String, &Mutacion)],
) -> Resultado<Option<Conmutadas>> {
    let solucion = Solucion::leer(ejercicio)?;
    let cuerpos_originales: Vec<Option<Vec<Range<usize>>>> = solucion
        .archivos
        .iter()
        .map(|(_, texto)| cuerpos(texto))
        .collect();
    // Por archivo y cuerpo (su índice), las versiones mutadas: (número, texto del cuerpo).
    let mut variantes: BTreeMap<(usize, usize), Vec<(u32, String)>> = BTreeMap::new();
    let mut numeros = BTreeMap::new();
    for (nombre, mutacion) in mutaciones {
        let Ok(mutados) = aplicar(&solucion, nombre, mutacion) else {
            continue; // La verificación aparte dirá por qué no encaja.
        };
        let numero = numeros.len() as u32 + 1;
        let Some(cambios) = cuerpos_cambiados(&solucion, &cuerpos_originales, &mutados) else {
            continue;
        };
        for (clave, cuerpo) in cambios {
            variantes.entry(clave).or_default().push((numero, cuerpo));
        }
        numeros.insert(nombre.clone(), numero);
    }
    if numeros.is_empty() {
        return Ok(None);
    }
    let mut archivos = solucion.archivos.clone();
    for (f, (relativa, texto)) in archivos.iter_mut().enumerate() {
        let rangos = cuerpos_originales[f].as_deref().unwrap_or_default();
        // De atrás hacia delante, para que los rangos que quedan sigan valiendo.
        for (i, rango) in rangos.iter().enumerate().rev() {
            if let Some(versiones) = variantes.get(&(f, i)) {
                let original = &texto[rango.clone()];
                let mut eleccion = String::from("{ match crate::__curso_mutante() {");
                for (numero, cuerpo) in versiones {
                    eleccion.push_str(&format!(" {numero} => {cuerpo},"));
                }
                eleccion.push_str(&format!(" _ => {original} }} }}"));
                texto.replace_range(rango.clone(), &eleccion);
            }
        }
        if *relativa == solucion.raiz {
            texto.insert_str(
                0,
                "//! Copia conmutada de la solución: cada mutación se elige con CURSO_MUTANTE.\n",
            );
            texto.push_str(ELECCION);
        }
    }
    let destino = ejercicio.mutantes().join("_conmutadas");
    escribir_copia(&destino, &archivos)?;
    Ok(Some(Conmutadas {
        lib: destino.join(&solucion.raiz),
        numeros,
    }))
}

/// La función que lee el número de mutación, una sola vez por proceso.
const ELECCION: &str = r#"
/// El número de la mutación que ejecuta este proceso (`CURSO_MUTANTE`; 0 = la solución).
#[doc(hidden)]
pub fn __curso_mutante() -> u32 {
    static ELEGIDA: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *ELEGIDA.get_or_init(|| {
        std::env::var("CURSO_MUTANTE")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    })
}
"#;

/// Si la mutación solo cambia cuerpos de funciones, cuáles ((archivo, cuerpo) y su texto
/// nuevo); `None` si cambia algo más o algún archivo no se puede analizar.
fn cuerpos_cambiados(
    solucion: &Solucion,
    originales: &[Option<Vec<Range<usize>>>],
    mutados: &[(PathBuf, String)],
) -> Option<Vec<((usize, usize), String)>> {
    let mut cambios = Vec::new();
    for (f, ((_, antes), (_, despues))) in solucion.archivos.iter().zip(mutados).enumerate() {
        if antes == despues {
            continue;
        }
        let rangos_antes = originales[f].as_ref()?;
        let rangos_despues = cuerpos(despues)?;
        if rangos_antes.len() != rangos_despues.len()
            || esqueleto(antes, rangos_antes) != esqueleto(despues, &rangos_despues)
        {
            return None;
        }
        for (i, (a, d)) in rangos_antes.iter().zip(&rangos_despues).enumerate() {
            if antes[a.clone()] != despues[d.clone()] {
                cambios.push(((f, i), despues[d.clone()].to_string()));
            }
        }
    }
    Some(cambios)
}

/// El texto fuera de los cuerpos de función: si es igual antes y después, la mutación solo
/// cambió cuerpos.
fn esqueleto(texto: &str, rangos: &[Range<usize>]) -> String {
    let mut resto = String::new();
    let mut desde = 0;
    for rango in rangos {
        resto.push_str(&texto[desde..rango.start]);
        resto.push_str("{}");
        desde = rango.end;
    }
    resto.push_str(&texto[desde..]);
    resto
}

/// Los rangos (en bytes) de los cuerpos de las funciones más externas de un archivo (las
/// funciones libres, los métodos y los métodos por defecto de los rasgos), salvo las
/// `const fn`; `None` si no se puede analizar.
fn cuerpos(texto: &str) -> Option<Vec<Range<usize>>> {
    let archivo = syn::parse_file(texto).ok()?;
    let mut visitante = Cuerpos {
        lineas: inicios_de_linea(texto),
        texto,
        rangos: Vec::new(),
    };
    visitante.visit_file(&archivo);
    let mut rangos = visitante.rangos;
    rangos.sort_by_key(|r| r.start);
    Some(rangos)
}

struct Cuerpos<'a> {
    texto: &'a str,
    lineas: Vec<usize>,
    rangos: Vec<Range<usize>>,
}

impl Cuerpos<'_> {
    fn anotar(&mut self, sig: &syn::Signature, cuerpo: &syn::Block) {
        // Dos cuerpos de una `const fn` no pueden elegirse al ejecutar, y los de una función
        // que devuelve `impl Trait` (o `async`) tendrían tipos opacos distintos.
        let mut opaco = TipoOpaco(false);
        opaco.visit_return_type(&sig.output);
        if sig.constness.is_some() || sig.asyncness.is_some() || opaco.0 {
            return;
        }
        let span = cuerpo.span();
        let (inicio, fin) = (self.byte(span.start()), self.byte(span.end()));
        self.rangos.push(inicio..fin);
    }

    /// De (línea desde 1, columna en caracteres) al desplazamiento en bytes.
    fn byte(&self, lc: LineColumn) -> usize {
        let linea = self.lineas[lc.line - 1];
        let resto = &self.texto[linea..];
        linea
            + resto
                .char_indices()
                .nth(lc.column)
                .map_or(resto.len(), |(i, _)| i)
    }
}

/// ¿Aparece `impl Trait` en un tipo?
struct TipoOpaco(bool);

impl<'ast> Visit<'ast> for TipoOpaco {
    fn visit_type_impl_trait(&mut self, _: &'ast syn::TypeImplTrait) {
        self.0 = true;
    }
}

fn inicios_de_linea(texto: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(texto.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

// Sin bajar a los cuerpos: una función anidada va dentro del cuerpo de la que la contiene.
impl<'ast> Visit<'ast> for Cuerpos<'_> {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.anotar(&f.sig, &f.block);
    }
    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.anotar(&f.sig, &f.block);
    }
    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(cuerpo) = &f.default {
            self.anotar(&f.sig, cuerpo);
        }
    }
}

#[cfg(test)]
mod pruebas {
    use super::*;

    #[test]
    fn los_cuerpos_se_encuentran_con_acentos_y_metodos() {
        let texto = "/// Señal: «ñ»\nfn a() { 1 }\nstruct S;\nimpl S {\n    fn b(&self) -> u8 { \"á\".len() as u8 }\n    const fn c() {}\n    fn d() -> impl Iterator<Item = u8> { 0..1 }\n}\n";
        let rangos = cuerpos(texto).unwrap();
        let trozos: Vec<&str> = rangos.iter().map(|r| &texto[r.clone()]).collect();
        assert_eq!(trozos, ["{ 1 }", "{ \"á\".len() as u8 }"]);
    }

    #[test]
    fn un_cambio_fuera_de_los_cuerpos_no_se_conmuta() {
        let antes = "const N: u8 = 1;\nfn a() -> u8 { N }\n";
        let despues = "const N: u8 = 2;\nfn a() -> u8 { N }\n";
        let (ra, rd) = (cuerpos(antes).unwrap(), cuerpos(despues).unwrap());
        assert_ne!(esqueleto(antes, &ra), esqueleto(despues, &rd));
        let dentro = "const N: u8 = 1;\nfn a() -> u8 { N + 1 }\n";
        let rd = cuerpos(dentro).unwrap();
        assert_eq!(esqueleto(antes, &ra), esqueleto(dentro, &rd));
    }
}
