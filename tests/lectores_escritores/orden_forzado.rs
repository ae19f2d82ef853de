//! Varios hilos con un orden forzado: lo que promete cada política.

use super::*;

pub(crate) fn los_lectores_leen_a_la_vez() {
    con_limite("los lectores leen a la vez", || {
        for politica in POLITICAS {
            let c = CerrojoLE::new(7, politica);
            let cita = Cita::new(3);
            en_hilos(3, |_| {
                let g = c.leer();
                cita.llegar();
                assert_eq!(*g, 7);
            });
            comprobar(!cita.caducada(), || {
                format!(
                    "con la política {politica:?}, tres lectores sin ningún escritor deben poder \
                     estar dentro a la vez, y no lo consiguieron: el cerrojo los hace leer de uno \
                     en uno. Suele ser que leer() espera a que no haya lectores dentro, o que los \
                     lectores toman un cerrojo exclusivo (como el original en Python, que cuenta \
                     los lectores en una variable que no se comparte)."
                )
            });
        }
    });
}

/// Escenario A: el lector 1 está dentro, un escritor espera, y llega el lector 2.
pub(crate) fn llega_un_lector_mientras_espera_un_escritor(politica: Politica) -> Vec<String> {
    let c = CerrojoLE::new((), politica);
    let registro = std::sync::Mutex::new(Vec::new());
    let apuntar = |s: &str| registro.lock().unwrap().push(s.to_string());
    let lector2_dentro = AtomicBool::new(false);
    std::thread::scope(|s| {
        let g = c.leer();
        apuntar("lector 1 entra");
        s.spawn(|| {
            let _g = c.escribir();
            apuntar("escritor entra");
        });
        esperar_foto(&c, "un escritor esperando", |f| f.escritores_esperando == 1);
        s.spawn(|| {
            let _g = c.leer();
            apuntar("lector 2 entra");
            lector2_dentro.store(true, Ordering::SeqCst);
        });
        esperar_foto(&c, "que el lector 2 entre o espere", |f| {
            lector2_dentro.load(Ordering::SeqCst) || f.lectores_esperando == 1
        });
        apuntar("lector 1 sale");
        drop(g);
    });
    registro.into_inner().unwrap()
}

/// Escenario B: el escritor 1 está dentro, un lector espera, y llega el escritor 2.
pub(crate) fn llega_un_escritor_mientras_espera_un_lector(politica: Politica) -> Vec<String> {
    let c = CerrojoLE::new((), politica);
    let registro = std::sync::Mutex::new(Vec::new());
    let apuntar = |s: &str| registro.lock().unwrap().push(s.to_string());
    std::thread::scope(|s| {
        let g = c.escribir();
        apuntar("escritor 1 entra");
        s.spawn(|| {
            let _g = c.leer();
            apuntar("lector entra");
        });
        esperar_foto(&c, "un lector esperando", |f| f.lectores_esperando == 1);
        s.spawn(|| {
            let _g = c.escribir();
            apuntar("escritor 2 entra");
        });
        esperar_foto(&c, "un escritor esperando", |f| f.escritores_esperando == 1);
        apuntar("escritor 1 sale");
        drop(g);
    });
    registro.into_inner().unwrap()
}

pub(crate) fn orden(pasos: &[&str]) -> Vec<String> {
    pasos.iter().map(|s| s.to_string()).collect()
}

pub(crate) fn con_preferencia_de_lectores_el_lector_no_espera_al_escritor() {
    con_limite("preferencia de lectores", || {
        comprobar_igual(
            llega_un_lector_mientras_espera_un_escritor(Politica::Lectores),
            orden(&[
                "lector 1 entra",
                "lector 2 entra",
                "lector 1 sale",
                "escritor entra",
            ]),
            "orden de entrada con Politica::Lectores cuando llega un lector mientras un \
             escritor espera (y hay otro lector dentro). Con preferencia por los lectores, \
             el lector 2 entra en el acto: un lector solo espera si hay un escritor DENTRO",
        );
        comprobar_igual(
            llega_un_escritor_mientras_espera_un_lector(Politica::Lectores),
            orden(&[
                "escritor 1 entra",
                "escritor 1 sale",
                "lector entra",
                "escritor 2 entra",
            ]),
            "orden de entrada con Politica::Lectores cuando, con un escritor dentro, esperan \
             un lector y después otro escritor. Con preferencia por los lectores, al salir el \
             escritor 1 pasan primero los lectores que esperan",
        );
    });
}

pub(crate) fn con_preferencia_de_escritores_el_escritor_pasa_antes() {
    con_limite("preferencia de escritores", || {
        comprobar_igual(
            llega_un_lector_mientras_espera_un_escritor(Politica::Escritores),
            orden(&[
                "lector 1 entra",
                "lector 1 sale",
                "escritor entra",
                "lector 2 entra",
            ]),
            "orden de entrada con Politica::Escritores cuando llega un lector mientras un \
             escritor espera (y hay otro lector dentro). Con preferencia por los escritores, \
             un escritor que espera cierra la puerta a los lectores nuevos",
        );
        comprobar_igual(
            llega_un_escritor_mientras_espera_un_lector(Politica::Escritores),
            orden(&[
                "escritor 1 entra",
                "escritor 1 sale",
                "escritor 2 entra",
                "lector entra",
            ]),
            "orden de entrada con Politica::Escritores cuando, con un escritor dentro, \
             esperan un lector y después otro escritor. Con preferencia por los escritores, \
             mientras un escritor espere, los lectores no entran",
        );
    });
}

pub(crate) fn con_politica_justa_se_entra_por_orden_de_llegada() {
    con_limite("política justa", || {
        comprobar_igual(
            llega_un_lector_mientras_espera_un_escritor(Politica::Justa),
            orden(&[
                "lector 1 entra",
                "lector 1 sale",
                "escritor entra",
                "lector 2 entra",
            ]),
            "orden de entrada con Politica::Justa cuando llega un lector mientras un escritor \
             espera (y hay otro lector dentro). Por orden de llegada, el escritor llegó antes \
             que el lector 2",
        );
        comprobar_igual(
            llega_un_escritor_mientras_espera_un_lector(Politica::Justa),
            orden(&[
                "escritor 1 entra",
                "escritor 1 sale",
                "lector entra",
                "escritor 2 entra",
            ]),
            "orden de entrada con Politica::Justa cuando, con un escritor dentro, esperan un \
             lector y después otro escritor. Por orden de llegada, el lector llegó antes que \
             el escritor 2",
        );
    });
}
