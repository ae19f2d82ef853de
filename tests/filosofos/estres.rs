//! Estrés con hilos reales.

use super::*;

/// `FILOSOFOS` hilos reales comen `veces` veces cada uno con `protocolo`. Un vigilante mira
/// el grafo de esperas de la mesa: si se cierra un ciclo, la prueba falla en el acto y dice
/// quién espera a quién.
pub(crate) fn cena_real<P: Protocolo + Send + 'static>(nombre: &str, protocolo: P, veces: usize) {
    let mesa = Arc::new(Mesa::new(FILOSOFOS));
    let vigilada = Arc::clone(&mesa);
    con_limite_vigilado(
        arnes::LIMITE,
        nombre,
        move || {
            vigilada.ciclo().map(|ciclo| {
                format!(
                    "interbloqueo con hilos reales. Quién espera a quién:\n{}\n{ciclo}",
                    vigilada.esperas()
                )
            })
        },
        move || {
            let comedor = Comedor::new(FILOSOFOS);
            arnes::en_hilos(FILOSOFOS, |f| {
                for _ in 0..veces {
                    protocolo.comer(&mesa, f, || comedor.comer(&mesa, f));
                    comedor.despues(&mesa, f);
                }
            });
            comprobar_igual(
                comedor.comidas(),
                vec![veces; FILOSOFOS],
                "comidas de cada filósofo",
            );
            todos_libres(&mesa);
        },
    );
}

pub(crate) fn en_orden_aguanta_una_cena_real() {
    cena_real("estrés: en orden", EnOrden, 2000);
}

pub(crate) fn camarero_aguanta_una_cena_real() {
    cena_real("estrés: camarero", Camarero::new(FILOSOFOS), 2000);
}

pub(crate) fn intentos_aguanta_una_cena_real() {
    cena_real("estrés: intentos", ConIntentos, 2000);
}
