//! Los dos cerrojos con un solo hilo.

use super::*;

pub(crate) fn describir<T>(guarda: &Option<T>) -> &'static str {
    if guarda.is_some() {
        "concedido"
    } else {
        "denegado"
    }
}

pub(crate) fn un_cerrojo_de_giro_protege_su_dato() {
    con_limite("un cerrojo de giro protege su dato", || {
        let cerrojo = CerrojoGiro::new(5);
        let mut traza = Vec::new();
        let mut guarda = cerrojo.adquirir();
        traza.push(format!("adquirir: *guarda = {}", *guarda));
        *guarda += 1;
        let intento = cerrojo.intentar_adquirir();
        traza.push(format!(
            "*guarda += 1; intentar_adquirir con la guarda viva: {}",
            describir(&intento)
        ));
        drop(intento);
        drop(guarda);
        {
            let intento = cerrojo.intentar_adquirir();
            traza.push(format!(
                "soltar la guarda; intentar_adquirir: {}, *guarda = {:?}",
                describir(&intento),
                intento.as_deref()
            ));
            if let Some(mut g) = intento {
                *g *= 10;
                traza.push(format!("*guarda *= 10: *guarda = {}", *g));
            }
        }
        traza.push(format!("into_inner: {}", cerrojo.into_inner()));
        arnes::instantanea!("un_cerrojo_de_giro_protege_su_dato", traza.join("\n"));
    });
}

pub(crate) fn la_guarda_libera_al_destruirse() {
    con_limite("la guarda libera al destruirse", || {
        let cerrojo = CerrojoGiro::new(Vec::<u32>::new());
        for vuelta in 1..=3 {
            cerrojo.adquirir().push(vuelta);
            comprobar(cerrojo.intentar_adquirir().is_some(), || {
                format!(
                    "tras destruir la guarda (vuelta {vuelta}), intentar_adquirir() no consigue \
                     el cerrojo: la guarda no lo liberó al destruirse (¿hace algo su Drop?)."
                )
            });
        }
        let resultado = std::thread::scope(|hilos| {
            hilos
                .spawn(|| {
                    let mut guarda = cerrojo.adquirir();
                    guarda.push(4);
                    panic!("pánico provocado por la prueba con el cerrojo adquirido");
                })
                .join()
        });
        comprobar(resultado.is_err(), || {
            "el hilo debía entrar en pánico".into()
        });
        comprobar(cerrojo.intentar_adquirir().is_some(), || {
            "tras un pánico del hilo que tenía la guarda, el cerrojo sigue ocupado: la guarda \
             debe liberarlo en su Drop, que también se ejecuta al desenrollar un pánico."
                .into()
        });
        comprobar_igual(
            cerrojo.into_inner(),
            vec![1, 2, 3, 4],
            "el dato tras cuatro secciones críticas",
        );
    });
}

pub(crate) fn un_cerrojo_de_tiques_protege_su_dato() {
    con_limite("un cerrojo de tiques protege su dato", || {
        let cerrojo = CerrojoTiques::new(String::from("a"));
        let mut traza = vec![format!(
            "nuevo: turnos_esperando = {}",
            cerrojo.turnos_esperando()
        )];
        let mut guarda = cerrojo.adquirir();
        guarda.push('b');
        traza.push(format!(
            "adquirir y añadir «b»: *guarda = {:?}, turnos_esperando = {}",
            *guarda,
            cerrojo.turnos_esperando()
        ));
        drop(guarda);
        traza.push(format!(
            "soltar: turnos_esperando = {}",
            cerrojo.turnos_esperando()
        ));
        for letra in ['c', 'd'] {
            cerrojo.adquirir().push(letra);
        }
        traza.push(format!(
            "dos veces más: turnos_esperando = {}",
            cerrojo.turnos_esperando()
        ));
        traza.push(format!("into_inner: {:?}", cerrojo.into_inner()));
        arnes::instantanea!("un_cerrojo_de_tiques_protege_su_dato", traza.join("\n"));
    });
}

pub(crate) fn turnos_esperando_no_cuenta_al_que_esta_dentro() {
    con_limite("turnos_esperando no cuenta al que está dentro", || {
        let cerrojo = CerrojoTiques::new(0);
        let libre = cerrojo.turnos_esperando();
        comprobar(libre == 0, || {
            format!(
                "en un cerrojo de tiques recién creado, turnos_esperando() debe ser 0 y fue \
                 {libre}: nadie ha tomado tique todavía."
            )
        });
        let guarda = cerrojo.adquirir();
        let dentro = cerrojo.turnos_esperando();
        comprobar(dentro == 0, || {
            format!(
                "con un hilo dentro y nadie más, turnos_esperando() debe ser 0 y fue {dentro}: \
                 cuenta los hilos que tienen tique y aún no han entrado, sin contar al que \
                 tiene el cerrojo. ¿Devuelve `siguiente - turno` sin restar el que está dentro?"
            )
        });
        drop(guarda);
        let suelto = cerrojo.turnos_esperando();
        comprobar(suelto == 0, || {
            format!(
                "tras soltar el cerrojo, sin nadie esperando, turnos_esperando() debe ser 0 y \
                 fue {suelto}: ¿la guarda no avanza el turno al destruirse?"
            )
        });
    });
}

pub(crate) fn la_guarda_de_tiques_cede_el_turno() {
    explorar("la_guarda_de_tiques_cede_el_turno", || {
        // Dos hilos, cada uno con su cerrojo, que adquieren tres veces seguidas: si la guarda
        // no cede el turno, la segunda vez esperan para siempre.
        hilos_explorados(2, |i| {
            let cerrojo = CerrojoTiques::new(0);
            for vez in 1..=3 {
                anotar(format!("hilo {i} adquiere su cerrojo (vez {vez})"));
                *cerrojo.adquirir() += 1;
                anotar(format!("hilo {i} destruye la guarda (vez {vez})"));
            }
            comprobar_igual(
                cerrojo.into_inner(),
                3,
                "el dato tras tres secciones críticas",
            );
        });
    });
}
