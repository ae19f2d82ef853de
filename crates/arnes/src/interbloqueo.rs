//! El informe de un interbloqueo explorado: quién espera qué, con los nombres del curso, y el
//! ciclo de esperas si lo hay.

/// El informe de un interbloqueo entre las tareas `tareas`: cada hilo con su nombre del curso
/// (shuttle dice «main-thread» y «<unknown>»; el curso, «principal» y «hilo N») y lo que
/// espera, si espera en una primitiva de `sincro` («espera el cerrojo 1 (Mutex::lock)»), y el
/// ciclo de esperas si sincro lo vio cerrarse.
pub(crate) fn informe_de_interbloqueo(tareas: Vec<Option<usize>>, ciclo: Option<String>) -> String {
    let bloqueados: Vec<(String, Option<String>)> = tareas
        .into_iter()
        .map(|tarea| match tarea {
            Some(t) => (sincro::nombre_de_tarea(t), sincro::espera_de_tarea(t)),
            None => ("un hilo".to_string(), None),
        })
        .collect();
    // La primera línea dice de quiénes (la herramienta resume con ella); las siguientes, qué
    // espera cada uno.
    let nombres: Vec<&str> = bloqueados.iter().map(|(n, _)| n.as_str()).collect();
    let esperas: String = bloqueados
        .iter()
        .filter_map(|(n, e)| e.as_ref().map(|e| format!("\n  {n}: {e}")))
        .collect();
    let ciclo = ciclo
        .map(|c| format!("\n  ciclo de esperas: {c}."))
        .unwrap_or_default();
    format!(
        "interbloqueo: todos los hilos esperan y ninguno puede avanzar ({}).{esperas}{ciclo}\n\
         Suele ser un aviso que nunca llega (un despertar perdido), un recurso que nunca se \
         devuelve o dos hilos que se esperan el uno al otro.",
        nombres.join(", ")
    )
}

/// Los números de tarea de la lista de shuttle. Cada hilo es «nombre (task ID[, detached][,
/// pending future])», e ID es `TaskId(3)` o, si el hilo tiene nombre, `filósofo 0(3)`: el
/// número es el primer «(cifras)» seguido de «)», «, detached» o «, pending future» (el
/// nombre puede llevar cifras y paréntesis).
pub(crate) fn tareas_bloqueadas(lista: &str) -> Vec<Option<usize>> {
    lista
        .split(" (task ")
        .skip(1)
        .map(|trozo| {
            trozo.match_indices('(').find_map(|(i, _)| {
                let resto = &trozo[i + 1..];
                let fin = resto.find(|c: char| !c.is_ascii_digit())?;
                let sigue = resto[fin..].strip_prefix(')')?;
                let numero = resto[..fin].parse().ok()?;
                [")", ", detached", ", pending future"]
                    .iter()
                    .any(|p| sigue.starts_with(p))
                    .then_some(numero)
            })
        })
        .collect()
}

#[cfg(test)]
mod pruebas {
    use super::tareas_bloqueadas;

    #[test]
    fn el_numero_de_tarea_sale_del_id_y_no_del_nombre() {
        let lista = "main-thread (task TaskId(0)), filósofo 0 (task filósofo 0(2)), \
                     <unknown> (task TaskId(3), detached), \
                     raro (7), sí (task raro (7), sí(4), pending future)]";
        assert_eq!(
            tareas_bloqueadas(lista),
            vec![Some(0), Some(2), Some(3), Some(4)]
        );
    }
}
