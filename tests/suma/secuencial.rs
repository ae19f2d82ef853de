//! Pruebas de `suma_secuencial`.

use super::*;

pub(crate) fn suma_secuencial_de_pocos_numeros() {
    con_limite("suma_secuencial de pocos números", || {
        comprobar_igual(suma_secuencial::<u64>(&[]), 0, "la suma de una lista vacía");
        comprobar_igual(suma_secuencial(&[7u64]), 7, "la suma de [7]");
        let uno_a_diez: Vec<u64> = (1..=10).collect();
        comprobar_igual(suma_secuencial(&uno_a_diez), 55, "la suma de 1..=10");
        comprobar_igual(
            suma_secuencial(&[200u8, 100, 50]),
            350,
            "la suma de [200u8, 100, 50]",
        );
    });
}

pub(crate) fn suma_secuencial_lee_cada_elemento_una_vez() {
    con_limite("suma_secuencial lee cada elemento una vez", || {
        let registro = Registro::new(datos(1000, 1));
        let total = suma_secuencial(&registro.espias());
        registro.comprobar_una_lectura_por_elemento("suma_secuencial de 1000 elementos");
        comprobar_igual(total, registro.total(), "el total de suma_secuencial");
    });
}

pub(crate) fn suma_secuencial_no_se_desborda() {
    con_limite("suma_secuencial no se desborda", || {
        let grandes = vec![u64::MAX; 5];
        let esperado = 5 * u128::from(u64::MAX);
        let resultado = std::panic::catch_unwind(|| suma_secuencial(&grandes));
        comprobar(resultado.as_ref().is_ok_and(|&t| t == esperado), || {
            format!(
                "la suma de cinco u64::MAX debe ser {esperado}, y se obtuvo {}.\n\
                 El total no cabe en un u64: acumula en u128.",
                describir(&resultado)
            )
        });
    });
}
