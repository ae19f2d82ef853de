//! Lo mínimo de JSON que necesita el registro: un objeto plano de cadenas. Escrito a mano
//! para que el contrato no tenga dependencias (lo compila cada ejercicio del alumno).

/// `{"clave":"valor",...}` con las cadenas escapadas.
pub(crate) fn objeto(campos: &[(&str, &str)]) -> String {
    let mut salida = String::from("{");
    for (i, (clave, valor)) in campos.iter().enumerate() {
        if i > 0 {
            salida.push(',');
        }
        cadena(&mut salida, clave);
        salida.push(':');
        cadena(&mut salida, valor);
    }
    salida.push('}');
    salida
}

fn cadena(salida: &mut String, texto: &str) {
    salida.push('"');
    for c in texto.chars() {
        match c {
            '"' => salida.push_str("\\\""),
            '\\' => salida.push_str("\\\\"),
            '\n' => salida.push_str("\\n"),
            '\r' => salida.push_str("\\r"),
            '\t' => salida.push_str("\\t"),
            c if (c as u32) < 0x20 => salida.push_str(&format!("\\u{:04x}", c as u32)),
            c => salida.push(c),
        }
    }
    salida.push('"');
}

/// Lee un objeto plano de cadenas escrito por [`objeto`]; `None` si no lo es.
pub(crate) fn leer_objeto(texto: &str) -> Option<Vec<(String, String)>> {
    let mut letras = texto.trim().chars().peekable();
    let mut campos = Vec::new();
    if letras.next()? != '{' {
        return None;
    }
    loop {
        match letras.next()? {
            '}' if campos.is_empty() => break,
            '"' => {}
            _ => return None,
        }
        let clave = leer_cadena(&mut letras)?;
        if letras.next()? != ':' || letras.next()? != '"' {
            return None;
        }
        let valor = leer_cadena(&mut letras)?;
        campos.push((clave, valor));
        match letras.next()? {
            ',' => {
                if letras.peek() != Some(&'"') {
                    return None;
                }
            }
            '}' => break,
            _ => return None,
        }
    }
    letras.next().is_none().then_some(campos)
}

/// Lee el resto de una cadena tras su comilla de apertura.
fn leer_cadena(letras: &mut impl Iterator<Item = char>) -> Option<String> {
    let mut salida = String::new();
    loop {
        match letras.next()? {
            '"' => return Some(salida),
            '\\' => salida.push(match letras.next()? {
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' => {
                    let hex: String = letras.take(4).collect();
                    char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                }
                c => c,
            }),
            c => salida.push(c),
        }
    }
}
