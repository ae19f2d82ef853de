//! Unitarias: un hilo.

use super::*;

pub(crate) fn una_traza_de_un_solo_hilo() {
    con_limite("una traza de un solo hilo", || {
        let mut traza = Vec::new();
        for politica in POLITICAS {
            let c = CerrojoLE::new(String::from("hola"), politica);
            traza.push(format!("== {:?} ==", c.politica()));
            traza.push(format!("nuevo: {:?}", c.foto()));
            let a = c.leer();
            traza.push(format!("leer: {:?}, lee {:?}", c.foto(), *a));
            let b = c.leer();
            traza.push(format!("leer otra vez: {:?}", c.foto()));
            drop(a);
            drop(b);
            traza.push(format!("soltar las dos lecturas: {:?}", c.foto()));
            let mut e = c.escribir();
            e.push_str(", mundo");
            traza.push(format!("escribir: {:?}", c.foto()));
            drop(e);
            traza.push(format!("soltar la escritura: {:?}", c.foto()));
            traza.push(format!("leer de nuevo: {:?}", *c.leer()));
            traza.push(format!("into_inner: {:?}", c.into_inner()));
        }
        arnes::instantanea!("una_traza_de_un_solo_hilo", traza.join("\n"));
    });
}

pub(crate) fn las_guardas_salen_del_cerrojo_al_destruirse() {
    con_limite("las guardas salen al destruirse", || {
        for politica in POLITICAS {
            let c = CerrojoLE::new(0, politica);
            for vuelta in 0..3 {
                drop(c.leer());
                comprobar_igual(
                    c.foto(),
                    Foto::default(),
                    &format!(
                        "foto() tras soltar una GuardaLectura (vuelta {vuelta}, {politica:?}): \
                         el Drop de la guarda debe descontar al lector"
                    ),
                );
                *c.escribir() += 1;
                comprobar_igual(
                    c.foto(),
                    Foto::default(),
                    &format!(
                        "foto() tras soltar una GuardaEscritura (vuelta {vuelta}, {politica:?}): \
                         el Drop de la guarda debe sacar al escritor"
                    ),
                );
            }
            comprobar_igual(c.into_inner(), 3, "el valor tras tres escrituras");
        }
    });
}

pub(crate) fn la_guarda_sale_aunque_el_hilo_entre_en_panico() {
    con_limite("la guarda sale tras un pánico", || {
        for politica in POLITICAS {
            let c = CerrojoLE::new(0, politica);
            let lector = std::thread::scope(|s| {
                s.spawn(|| {
                    let _g = c.leer();
                    panic!("pánico provocado por la prueba con una GuardaLectura en la mano");
                })
                .join()
            });
            let escritor = std::thread::scope(|s| {
                s.spawn(|| {
                    let _g = c.escribir();
                    panic!("pánico provocado por la prueba con una GuardaEscritura en la mano");
                })
                .join()
            });
            comprobar(lector.is_err() && escritor.is_err(), || {
                "los hilos debían entrar en pánico".into()
            });
            comprobar_igual(
                c.foto(),
                Foto::default(),
                &format!(
                    "foto() tras el pánico de un lector y de un escritor ({politica:?}): las \
                     guardas deben salir del cerrojo al destruirse, también durante un pánico"
                ),
            );
        }
    });
}
