//! `cargo test` en la raíz comprueba que cada suite oficial tiene dientes: la solución de
//! referencia y las correctas la pasan, y el esqueleto original y cada implementación errónea
//! conocida la fallan (cada errónea, en las pruebas y por el motivo que anuncia). Usa el
//! esqueleto guardado en `tests/<ejercicio>/esqueleto.rs`, no la copia que edita el alumno,
//! así que el trabajo del alumno nunca pone esta prueba en rojo.
//!
//! Una prueba por ejercicio: libtest (o nextest) las reparte entre los núcleos, de modo que
//! un ejercicio ejecuta sus pruebas mientras otro compila, dice cuál falla y cuál ya acabó, y
//! la verificación va escribiendo en stderr cuántas implementaciones lleva juzgadas.

use curso::{catalogo, informe, verificacion};

fn verificar(nombre: &str) {
    if nombre == "paso_de_mensajes" && !mpi_disponible() {
        return;
    }
    let ejercicio = catalogo::ejercicio(nombre).expect("curso.toml");
    let veredictos = verificacion::verificar(&ejercicio).expect("verificación");
    let texto = informe::verificacion(&ejercicio.nombre, &veredictos);
    println!("{texto}");
    assert!(
        veredictos.iter().all(|v| v.cumple),
        "la suite no se comporta como debe:\n{texto}"
    );
}

macro_rules! una_prueba_por_ejercicio {
    ($($ejercicio:ident),* $(,)?) => {
        const EJERCICIOS: &[&str] = &[$(stringify!($ejercicio)),*];
        $(
            #[test]
            fn $ejercicio() {
                verificar(stringify!($ejercicio));
            }
        )*
    };
}

// En el orden de curso.toml (lo comprueba la última prueba).
una_prueba_por_ejercicio!(
    suma,
    matrices,
    cerrojos,
    semaforos,
    lectores_escritores,
    productor_consumidor,
    filosofos,
    distribuida,
    paso_de_mensajes,
);

/// ¿Se puede compilar y lanzar MPI aquí? `paso_de_mensajes` necesita la biblioteca MPI del
/// sistema, que `cargo test` no instala: sin ella, su verificación se salta diciendo qué
/// instalar, y el resto del curso se comprueba igual. Con `CURSO_MPI=obligatorio` (lo fija
/// `.ci/run`), que falte es un fallo: la integración continua nunca se la salta en silencio.
fn mpi_disponible() -> bool {
    if curso::requisitos::hay_mpi() {
        return true;
    }
    let aviso = format!(
        "MPI no está instalado (faltan `mpirun` o `mpicc`): no se verifica \
         «paso_de_mensajes». Para comprobarlo también, {}.",
        curso::requisitos::INSTALAR_MPI
    );
    assert!(
        std::env::var("CURSO_MPI").as_deref() != Ok("obligatorio"),
        "CURSO_MPI=obligatorio: {aviso}"
    );
    // Directo a stderr, sin pasar por `eprintln!`: libtest se queda lo que imprime una
    // prueba que pasa, y este aviso debe verse en la salida de `cargo test`.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "Aviso: {aviso}");
    false
}

/// Un ejercicio nuevo en `curso.toml` necesita su línea arriba: sin ella, nadie verificaría
/// su suite.
#[test]
fn cada_ejercicio_del_catalogo_tiene_su_prueba() {
    let catalogo: Vec<String> = catalogo::ejercicios()
        .expect("curso.toml")
        .into_iter()
        .map(|e| e.nombre)
        .collect();
    assert_eq!(
        catalogo, EJERCICIOS,
        "añade a una_prueba_por_ejercicio! los ejercicios de curso.toml, en su orden"
    );
}
