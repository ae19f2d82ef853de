//! Búsqueda en español para el libro.
//!
//! El índice que escribe mdBook 0.5 lematiza en inglés y no pliega los acentos: «semaforo» no
//! encuentra «semáforo» ni «interbloqueos» encuentra «interbloqueo». Sin tocar mdBook, tras
//! cada `mdbook build` este módulo rehace el índice (`searchindex*.js` y, si existe,
//! `searchindex*.json`) a partir de los documentos que el propio índice guarda, con una
//! tubería española: minúsculas, plegado de acentos, recorte de signos, palabras vacías
//! y el lematizador Snowball del español.
//!
//! En el navegador, `book/tema/buscador.js` registra las mismas funciones con los mismos
//! nombres (`trimmer-es`, `stopWordFilter-es`, `stemmer-es`), y elasticlunr.js las aplica a
//! la consulta al cargar el índice. Las palabras vacías viajan dentro del propio índice
//! (`palabras_vacias`), así que solo hay una lista: la de aquí. `.ci/libro` comprueba que el
//! JavaScript da las mismas raíces que este módulo en todo el vocabulario del libro.

use crate::{Resultado, raiz};
use rust_stemmers::{Algorithm, Stemmer};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Los nombres de la tubería, tal como los registra `book/tema/buscador.js`.
pub const TUBERIA: [&str; 3] = ["trimmer-es", "stopWordFilter-es", "stemmer-es"];

/// Las palabras que no se indexan (artículos, preposiciones, pronombres y las formas de
/// «ser», «estar», «haber» y «tener» más frecuentes), ya sin acentos.
pub const PALABRAS_VACIAS: &[&str] = &[
    "a", "al", "algo", "algun", "alguna", "algunas", "alguno", "algunos", "ante", "antes", "aquel",
    "aquella", "aquellas", "aquello", "aquellos", "asi", "aun", "cada", "como", "con", "contra",
    "cual", "cuales", "cuando", "de", "del", "desde", "donde", "durante", "e", "el", "ella",
    "ellas", "ello", "ellos", "en", "entre", "era", "erais", "eramos", "eran", "eras", "eres",
    "es", "esa", "esas", "ese", "eso", "esos", "esta", "estaba", "estaban", "estais", "estamos",
    "estan", "estar", "estas", "este", "esto", "estos", "estoy", "fue", "fueron", "fui", "fuimos",
    "ha", "habeis", "habia", "habian", "han", "has", "hasta", "hay", "he", "hemos", "la", "las",
    "le", "les", "lo", "los", "me", "mi", "mia", "mias", "mio", "mios", "mis", "mucho", "muchos",
    "muy", "nada", "ni", "no", "nos", "nosotras", "nosotros", "nuestra", "nuestras", "nuestro",
    "nuestros", "o", "os", "otra", "otras", "otro", "otros", "para", "pero", "poco", "por",
    "porque", "que", "quien", "quienes", "se", "sea", "sean", "ser", "si", "sido", "sin", "sobre",
    "sois", "somos", "son", "soy", "su", "sus", "suya", "suyas", "suyo", "suyos", "tambien",
    "tanto", "te", "tendra", "tenemos", "tener", "tengo", "tenia", "ti", "tiene", "tienen", "todo",
    "todos", "tu", "tus", "tuya", "tuyas", "tuyo", "tuyos", "u", "un", "una", "unas", "uno",
    "unos", "vosotras", "vosotros", "vuestra", "vuestras", "vuestro", "vuestros", "y", "ya", "yo",
];

/// Las palabras más largas no se indexan, como hace mdBook.
const LONGITUD_MAXIMA: usize = 80;

/// Quita tildes y diéresis (la «ñ» se queda: es otra letra).
pub fn plegar(texto: &str) -> String {
    texto
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            otro => otro,
        })
        .collect()
}

/// Trocea como mdBook (y como `elasticlunr.tokenizer` en el navegador): por espacios y
/// guiones, en minúsculas.
pub fn trocear(texto: &str) -> Vec<String> {
    texto
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase)
        .filter(|s| s.len() <= LONGITUD_MAXIMA)
        .collect()
}

/// La tubería española sobre un trozo ya en minúsculas: la raíz que se indexa, o `None`
/// si es una palabra vacía o no le queda ninguna letra.
pub struct Tuberia {
    lematizador: Stemmer,
}

impl Default for Tuberia {
    fn default() -> Self {
        Tuberia {
            lematizador: Stemmer::create(Algorithm::Spanish),
        }
    }
}

impl Tuberia {
    pub fn procesar(&self, trozo: &str) -> Option<String> {
        let plegado = plegar(trozo);
        let es_letra = |c: char| c.is_alphanumeric() || c == '_';
        let recortado = plegado.trim_matches(|c: char| !es_letra(c));
        if recortado.is_empty() || PALABRAS_VACIAS.contains(&recortado) {
            return None;
        }
        Some(self.lematizador.stem(recortado).into_owned())
    }
}

/// Un nodo del índice invertido de elasticlunr: un árbol de letras.
#[derive(Default)]
struct Nodo {
    documentos: BTreeMap<String, f64>,
    hijos: BTreeMap<char, Nodo>,
}

impl Nodo {
    fn anadir(&mut self, termino: &str, referencia: &str, tf: f64) {
        let mut nodo = self;
        for c in termino.chars() {
            nodo = nodo.hijos.entry(c).or_default();
        }
        nodo.documentos.insert(referencia.to_string(), tf);
    }

    fn json(&self) -> Value {
        let mut objeto = Map::new();
        let documentos: Map<String, Value> = self
            .documentos
            .iter()
            .map(|(r, tf)| (r.clone(), json!({ "tf": tf })))
            .collect();
        objeto.insert("df".into(), json!(documentos.len()));
        objeto.insert("docs".into(), Value::Object(documentos));
        for (c, hijo) in &self.hijos {
            objeto.insert(c.to_string(), hijo.json());
        }
        Value::Object(objeto)
    }
}

/// Rehace, con la tubería española, el índice de elasticlunr que mdBook dejó en `datos`
/// (el objeto completo de `searchindex.json`). Devuelve el vocabulario: cada trozo del
/// libro y lo que la tubería hace con él.
fn reindexar(datos: &mut Value) -> Resultado<BTreeMap<String, Option<String>>> {
    let indice = datos
        .get_mut("index")
        .ok_or("el índice de búsqueda no tiene «index»")?;
    let campos: Vec<String> = indice["fields"]
        .as_array()
        .ok_or("el índice de búsqueda no tiene «fields»")?
        .iter()
        .filter_map(|c| c.as_str().map(String::from))
        .collect();
    let documentos = indice["documentStore"]["docs"]
        .as_object()
        .ok_or("el índice de búsqueda no guarda los documentos (documentStore.docs)")?
        .clone();
    let tuberia = Tuberia::default();
    let mut vocabulario = BTreeMap::new();
    let mut arboles: BTreeMap<&str, Nodo> = BTreeMap::new();
    let mut informacion = Map::new();
    for (referencia, documento) in &documentos {
        let mut longitudes = Map::new();
        for campo in &campos {
            let texto = documento[campo.as_str()].as_str().unwrap_or_default();
            let mut cuentas: BTreeMap<String, u32> = BTreeMap::new();
            let mut total = 0;
            for trozo in trocear(texto) {
                let termino = vocabulario
                    .entry(trozo.clone())
                    .or_insert_with(|| tuberia.procesar(&trozo))
                    .clone();
                if let Some(termino) = termino {
                    *cuentas.entry(termino).or_default() += 1;
                    total += 1;
                }
            }
            let arbol = arboles.entry(campo.as_str()).or_default();
            for (termino, veces) in cuentas {
                arbol.anadir(&termino, referencia, f64::from(veces).sqrt());
            }
            longitudes.insert(campo.clone(), json!(total));
        }
        informacion.insert(referencia.clone(), Value::Object(longitudes));
    }
    let mut invertido = Map::new();
    for campo in &campos {
        let raiz_campo = arboles.remove(campo.as_str()).unwrap_or_default();
        invertido.insert(campo.clone(), json!({ "root": raiz_campo.json() }));
    }
    indice["index"] = Value::Object(invertido);
    indice["documentStore"]["docInfo"] = Value::Object(informacion);
    indice["pipeline"] = json!(TUBERIA);
    indice["lang"] = json!("Spanish");
    datos["palabras_vacias"] = json!(PALABRAS_VACIAS);
    Ok(vocabulario)
}

const PREFIJO_JS: &str = "window.search = Object.assign(window.search, JSON.parse('";
const SUFIJO_JS: &str = "'));";

fn leer_js(texto: &str) -> Option<Value> {
    let cuerpo = texto
        .trim_end()
        .strip_prefix(PREFIJO_JS)?
        .strip_suffix(SUFIJO_JS)?;
    // mdBook escapa «\» y «'» con una barra invertida.
    let mut json = String::with_capacity(cuerpo.len());
    let mut letras = cuerpo.chars();
    while let Some(c) = letras.next() {
        json.push(if c == '\\' { letras.next()? } else { c });
    }
    serde_json::from_str(&json).ok()
}

fn escribir_js(datos: &Value) -> String {
    let json = datos.to_string();
    format!(
        "{PREFIJO_JS}{}{SUFIJO_JS}",
        json.replace('\\', "\\\\").replace('\'', "\\'")
    )
}

fn ya_en_espanol(datos: &Value) -> bool {
    datos["index"]["pipeline"] == json!(TUBERIA)
}

/// Los índices de búsqueda de una construcción (mdBook 0.5 añade un resumen al nombre:
/// `searchindex-1a2b3c4d.js`).
pub fn indices(html: &Path) -> Vec<PathBuf> {
    let Ok(entradas) = std::fs::read_dir(html) else {
        return Vec::new();
    };
    let mut rutas: Vec<PathBuf> = entradas
        .flatten()
        .map(|e| e.path())
        .filter(|r| {
            r.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with("searchindex") && (n.ends_with(".js") || n.ends_with(".json"))
            })
        })
        .collect();
    rutas.sort();
    rutas
}

/// Pasa al español los índices de búsqueda de `html` que aún no lo estén. Devuelve cuántos
/// ha reescrito. Guarda el vocabulario en `target/curso/busqueda-vocabulario.json` para que
/// `.ci/libro` compare el lematizador del navegador con este.
pub fn espanolizar(html: &Path) -> Resultado<usize> {
    let mut reescritos = 0;
    for ruta in indices(html) {
        let texto = std::fs::read_to_string(&ruta)
            .map_err(|e| format!("no se pudo leer {}: {e}", ruta.display()))?;
        if texto.contains("\"stemmer-es\"") {
            continue; // ya está en español
        }
        let es_js = ruta.extension().is_some_and(|e| e == "js");
        let mut datos = if es_js {
            leer_js(&texto)
        } else {
            serde_json::from_str(&texto).ok()
        }
        .ok_or_else(|| {
            format!(
                "{} no tiene la forma que escribe mdBook {}: ¿cambió el formato del índice?",
                ruta.display(),
                crate::libro::VERSION_MDBOOK
            )
        })?;
        if ya_en_espanol(&datos) {
            continue;
        }
        let vocabulario = reindexar(&mut datos)?;
        let nuevo = if es_js {
            escribir_js(&datos)
        } else {
            datos.to_string()
        };
        std::fs::write(&ruta, nuevo)
            .map_err(|e| format!("no se pudo escribir {}: {e}", ruta.display()))?;
        let destino = raiz().join("target/curso/busqueda-vocabulario.json");
        if let Some(carpeta) = destino.parent() {
            let _ = std::fs::create_dir_all(carpeta);
        }
        let _ = std::fs::write(&destino, json!(vocabulario).to_string());
        let _ = std::fs::write(
            destino.with_file_name("busqueda-vacias.json"),
            json!(PALABRAS_VACIAS).to_string(),
        );
        reescritos += 1;
    }
    Ok(reescritos)
}

#[cfg(test)]
mod pruebas {
    use super::*;

    fn raiz_de(palabra: &str) -> Option<String> {
        Tuberia::default().procesar(&palabra.to_lowercase())
    }

    #[test]
    fn sin_tilde_encuentra_con_tilde() {
        assert_eq!(raiz_de("semaforo"), raiz_de("semáforo"));
        assert_eq!(raiz_de("Semáforos,"), raiz_de("semáforo"));
    }

    #[test]
    fn plural_y_formas_verbales_comparten_raiz() {
        assert_eq!(raiz_de("interbloqueos"), raiz_de("interbloqueo"));
        assert_eq!(raiz_de("esperando"), raiz_de("esperar"));
    }

    #[test]
    fn las_palabras_vacias_no_se_indexan() {
        for vacia in ["de", "la", "que", "está", "«el»"] {
            assert_eq!(raiz_de(vacia), None, "{vacia}");
        }
    }

    #[test]
    fn las_palabras_vacias_ya_vienen_plegadas_y_ordenadas() {
        for par in PALABRAS_VACIAS.windows(2) {
            assert!(par[0] < par[1], "{} antes que {}", par[0], par[1]);
        }
        for vacia in PALABRAS_VACIAS {
            assert_eq!(&plegar(vacia), vacia);
        }
    }

    #[test]
    fn el_indice_de_mdbook_se_lee_y_se_reescribe() {
        let original = json!({
            "doc_urls": ["a.html"],
            "index": {
                "fields": ["title", "body"],
                "pipeline": ["trimmer", "stopWordFilter", "stemmer"],
                "documentStore": { "docs": { "0": {
                    "id": "0", "title": "Semáforos", "body": "El semáforo espera: 'sí'."
                } } }
            }
        });
        let texto = escribir_js(&original);
        let mut leido = leer_js(&texto).expect("se lee");
        assert_eq!(leido, original);
        reindexar(&mut leido).expect("se reindexa");
        assert!(ya_en_espanol(&leido));
        let semafor = &leido["index"]["index"]["body"]["root"]["s"]["e"]["m"]["a"]["f"]["o"]["r"];
        assert_eq!(semafor["df"], json!(1));
        assert_eq!(semafor["docs"]["0"]["tf"], json!(1.0));
    }
}
