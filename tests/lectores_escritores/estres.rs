//! Estrés con hilos reales.

use super::*;

pub(crate) fn estres_un_escritor_nunca_esta_acompanado() {
    con_limite("estrés: un escritor nunca está acompañado", || {
        const HILOS: usize = 6;
        // Con la política justa, cada relevo despierta a un hilo dormido; con los núcleos
        // ocupados por otros programas, cada despertar espera su turno de CPU. 400 vueltas
        // caben de sobra en el límite incluso así (1500 no cabían con
        // `cargo curso verificar --con-carga`), y bastan para ver a dos escritores juntos.
        const VUELTAS: usize = 400;
        for politica in POLITICAS {
            let c = CerrojoLE::new(Par::default(), politica);
            let sala = Sala::default();
            let escrituras: usize = en_hilos(HILOS, |i| {
                let mut mias = 0;
                for vuelta in 0..VUELTAS {
                    // Uno de cada cuatro es escritor.
                    if (i + vuelta) % 4 == 0 {
                        escribir_par(&c, &sala, i + 1, std::thread::yield_now);
                        mias += 1;
                    } else {
                        leer_par(&c, &sala, i + 1, std::thread::yield_now);
                    }
                }
                mias
            })
            .into_iter()
            .sum();
            comprobar_igual(
                c.foto(),
                Foto::default(),
                &format!("foto() al final del estrés con {politica:?}"),
            );
            let n = escrituras as u64;
            comprobar_igual(
                c.into_inner(),
                Par(n, n),
                &format!(
                    "el valor tras {n} escrituras con {politica:?}: se perdió alguna (dos \
                     escritores a la vez)"
                ),
            );
        }
    });
}
