//! Pruebas de `suma_rayon`.

use super::*;

pub(crate) fn suma_rayon_coincide_con_la_secuencial() {
    con_limite("suma_rayon coincide con la secuencial", || {
        preparar_rayon();
        comprobar_igual(suma_rayon::<u64>(&[]), 0, "suma_rayon de una lista vacía");
        for n in [1, 2, 1000, 100_003] {
            let registro = Registro::new(datos(n, 3));
            let total = suma_rayon(&registro.espias());
            let contexto = format!("suma_rayon con {n} elementos");
            registro.comprobar_una_lectura_por_elemento(&contexto);
            comprobar_igual(total, registro.total(), &contexto);
        }
    });
}

pub(crate) fn suma_rayon_reparte_entre_varios_hilos() {
    con_limite("suma_rayon reparte entre varios hilos", || {
        preparar_rayon();
        let registro = Registro::con_cita(datos(100_000, 5), 2);
        let total = suma_rayon(&registro.espias());
        comprobar_igual(total, registro.total(), "suma_rayon con 100000 elementos");
        comprobar(registro.hilos() >= 2 && !registro.cita_caducada(), || {
            format!(
                "suma_rayon leyó 100000 elementos en {} hilo(s) que no trabajaron a la vez: \
                 rayon no repartió el trabajo. ¿Usaste `iter()` en lugar de `par_iter()`?",
                registro.hilos()
            )
        });
    });
}

pub(crate) fn suma_rayon_no_se_desborda() {
    con_limite("suma_rayon no se desborda", || {
        preparar_rayon();
        let grandes = vec![u64::MAX; 10_000];
        let esperado = 10_000 * u128::from(u64::MAX);
        let resultado = std::panic::catch_unwind(|| suma_rayon(&grandes));
        comprobar(resultado.as_ref().is_ok_and(|&t| t == esperado), || {
            format!(
                "la suma de 10000 u64::MAX debe ser {esperado}, y se obtuvo {}.\n\
                 Convierte cada elemento a u128 antes de sumar.",
                describir(&resultado)
            )
        });
    });
}
