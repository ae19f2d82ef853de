//! `cargo test` en la raíz comprueba que cada suite oficial tiene dientes: la solución de
//! referencia la pasa, y el esqueleto original y cada implementación errónea conocida la
//! fallan. Usa el esqueleto guardado en `tests/<ejercicio>/esqueleto.rs`, no la copia que
//! edita el alumno, así que el trabajo del alumno nunca pone esta prueba en rojo.

use curso::{catalogo, informe, verificacion};

#[test]
fn cada_suite_rechaza_el_esqueleto_y_las_implementaciones_erroneas() {
    let mut fallos = Vec::new();
    for ejercicio in catalogo::ejercicios().expect("curso.toml") {
        let veredictos = verificacion::verificar(&ejercicio).expect("verificación");
        let texto = informe::verificacion(&ejercicio.nombre, &veredictos);
        println!("{texto}");
        if veredictos.iter().any(|v| !v.cumple) {
            fallos.push(texto);
        }
    }
    assert!(
        fallos.is_empty(),
        "alguna suite no se comporta como debe:\n{}",
        fallos.join("\n")
    );
}
