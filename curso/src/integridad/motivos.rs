//! Cada hallazgo de [`super::prohibido`], dicho en español: qué hace el código y, si hay
//! una alternativa permitida, cuál.

use super::primitivas::{self, del_arnes};
use super::prohibido::{GANCHOS, Tipo};

/// El motivo de un hallazgo, sin el lugar (lo añade quien llama).
pub(super) fn explicar(tipo: &Tipo) -> String {
    match tipo {
        Tipo::Ruta(r) if r[0] == "libc" => {
            format!("llama directamente al sistema ({})", r.join("::"))
        }
        Tipo::Ruta(r) if r.iter().any(|s| GANCHOS.contains(&s.as_str())) => {
            format!("cambia el gancho de pánico del arnés ({})", r.join("::"))
        }
        Tipo::Ruta(r) if r[0] == "arnes" || r[0] == "contrato" => format!(
            "usa el arnés de las pruebas ({}): el código de un ejercicio no puede tocar sus \
             controles",
            r.join("::")
        ),
        Tipo::Ruta(r) if primitivas::vigilada(r) => primitivas::explicar(r),
        Tipo::Ruta(r) if del_arnes(r) => format!(
            "usa lo que solo usa el arnés de las pruebas ({}): sabría si la suite explora \
             planificaciones",
            r.join("::")
        ),
        Tipo::Ruta(r) => format!("usa {}::{} ({})", r[0], r[1], r.join("::")),
        Tipo::Inseguro("puntero") => "usa punteros crudos (*const, *mut), que el \
                                       planificador y el detector de carreras no ven y que \
                                       este ejercicio no necesita"
            .to_string(),
        Tipo::Inseguro(c) => {
            format!("usa `unsafe` ({c}), que el esqueleto de este ejercicio no necesita")
        }
        Tipo::Siempre(m) => m.clone(),
    }
}
