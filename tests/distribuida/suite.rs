//! Suite oficial del ejercicio `distribuida`.
//!
//! La misma suite se ejecuta contra tu código (`cargo test -p distribuida`), contra la
//! solución de referencia y contra implementaciones erróneas conocidas
//! (`tests/distribuida/malas/`). Cada prueba dice en español qué propiedad se rompió.
//!
//! **Este ejecutable es también el trabajador.** Las pruebas del coordinador lanzan el
//! propio ejecutable de la suite (`std::env::current_exe()`) pidiéndole una sola prueba,
//! `procesos::PRUEBA_TRABAJADORA`, con la variable `procesos::VARIABLE_MODO`. Esa prueba, al ver la
//! variable, no prueba nada: hace de proceso trabajador y termina el proceso. Así no hace
//! falta ningún ejecutable aparte, ni con `cargo test` ni en las copias que compila
//! `cargo curso`. Los modos con fallos (morir, callar, responder basura) los implementa la
//! propia suite, con su copia del protocolo (el módulo `referencia`): los fallos se
//! provocan siempre en la misma tarea, no al azar.
//!
//! Este archivo es la lista de las pruebas, en el orden del enunciado, definidas aquí, en
//! la raíz, para que su nombre sea el del enunciado, sin prefijo de módulo. El cuerpo de
//! cada una está en un módulo por tema: `pruebas_protocolo.rs`, `pruebas_trabajador.rs` y
//! `pruebas_coordinador.rs`. Lo que comparten está aparte: `referencia.rs` (el protocolo
//! según la suite), `pega.rs` (conexiones en memoria), `datos.rs` (datos reproducibles),
//! `procesos.rs` (el proceso trabajador), `registros.rs` (lo que anotan los trabajadores,
//! en una carpeta temporal que se borra al acabar cada prueba) y `aislado.rs` (llamadas
//! con cabeceras enormes, en otro proceso con la memoria limitada).

// Las pruebas sueltan el grupo con `drop(g)` en un punto preciso. En el esqueleto, `Grupo`
// aún no implementa `Drop` (es parte del ejercicio), y clippy avisaría de ese `drop`.
#![allow(clippy::drop_non_drop)]

mod aislado;
mod datos;
mod pega;
mod procesos;
mod pruebas_coordinador;
mod pruebas_protocolo;
mod pruebas_trabajador;
mod referencia;
mod registros;

use arnes::{comprobar, con_limite};
use datos::{ejemplos, hex};
use distribuida::{codificar, escribir_trama};

// ---------------------------------------------------------------------------------------
// Codificación
// ---------------------------------------------------------------------------------------

// Entera aquí: la instantánea se nombra por la prueba
// (`snapshots/distribuida__cada_mensaje_…`).
#[test]
fn cada_mensaje_se_codifica_con_los_bytes_del_protocolo() {
    con_limite(
        "cada mensaje se codifica con los bytes del protocolo",
        || {
            let mut volcado = String::new();
            for m in ejemplos() {
                let esperado = referencia::codificar(&m);
                let obtenido = codificar(&m);
                comprobar(obtenido == esperado, || {
                    format!(
                        "codificar({m:?}) no sigue el protocolo.\n  esperado: {}\n  obtenido: {}\n\
                     Repasa la tabla del protocolo: un byte de tipo y cada campo en big-endian \
                     (`to_be_bytes`), con la longitud de los vectores como u32 y el total como \
                     u128 (16 bytes).",
                        hex(&esperado),
                        hex(&obtenido)
                    )
                });
                let mut trama = Vec::new();
                escribir_trama(&mut trama, &obtenido).expect("escribir_trama en un Vec no falla");
                volcado.push_str(&format!("{m:?}\n  {}\n", hex(&trama)));
            }
            // Los bytes exactos de cada trama, tal como viajan.
            arnes::instantanea!(
                "cada_mensaje_se_codifica_con_los_bytes_del_protocolo",
                volcado
            );
        },
    );
}

#[test]
fn decodificar_invierte_a_codificar() {
    pruebas_protocolo::decodificar_invierte_a_codificar();
}

#[test]
fn decodificar_rechaza_mensajes_malformados() {
    pruebas_protocolo::decodificar_rechaza_mensajes_malformados();
}

// ---------------------------------------------------------------------------------------
// Tramas
// ---------------------------------------------------------------------------------------

#[test]
fn escribir_trama_pone_la_longitud_delante() {
    pruebas_protocolo::escribir_trama_pone_la_longitud_delante();
}

#[test]
fn leer_trama_junta_una_trama_que_llega_a_trozos() {
    pruebas_protocolo::leer_trama_junta_una_trama_que_llega_a_trozos();
}

#[test]
fn leer_trama_distingue_el_cierre_limpio_del_cierre_a_medias() {
    pruebas_protocolo::leer_trama_distingue_el_cierre_limpio_del_cierre_a_medias();
}

#[test]
fn leer_trama_rechaza_longitudes_enormes_sin_reservarlas() {
    pruebas_protocolo::leer_trama_rechaza_longitudes_enormes_sin_reservarlas();
}

// ---------------------------------------------------------------------------------------
// El trabajador, en memoria
// ---------------------------------------------------------------------------------------

#[test]
fn producto_secuencial_multiplica_filas_por_columnas() {
    pruebas_trabajador::producto_secuencial_multiplica_filas_por_columnas();
}

#[test]
fn trabajar_responde_cada_tarea_en_orden() {
    pruebas_trabajador::trabajar_responde_cada_tarea_en_orden();
}

#[test]
fn trabajar_termina_bien_si_el_coordinador_cierra() {
    pruebas_trabajador::trabajar_termina_bien_si_el_coordinador_cierra();
}

#[test]
fn trabajar_devuelve_un_error_claro_con_un_mensaje_malformado() {
    pruebas_trabajador::trabajar_devuelve_un_error_claro_con_un_mensaje_malformado();
}

#[test]
fn trabajador_solo_acepta_direcciones_de_bucle_local() {
    pruebas_trabajador::trabajador_solo_acepta_direcciones_de_bucle_local();
}

// ---------------------------------------------------------------------------------------
// El trabajador, en otro proceso
// ---------------------------------------------------------------------------------------

#[test]
fn un_trabajador_en_otro_proceso_atiende_sus_tareas() {
    // Lanzado por un coordinador, este ejecutable hace de trabajador y no vuelve de aquí.
    if let Ok(modo) = std::env::var(procesos::VARIABLE_MODO) {
        procesos::ser_trabajador(&modo);
    }
    // Lo mismo si la lanzó una prueba para hacer una llamada con la memoria limitada.
    aislado::atender_si_toca();
    pruebas_trabajador::un_trabajador_en_otro_proceso_atiende_sus_tareas();
}

// ---------------------------------------------------------------------------------------
// El coordinador
// ---------------------------------------------------------------------------------------

#[test]
fn un_grupo_de_cero_trabajadores_es_un_error() {
    pruebas_coordinador::un_grupo_de_cero_trabajadores_es_un_error();
}

#[test]
fn un_trabajador_que_no_arranca_se_detecta_enseguida() {
    pruebas_coordinador::un_trabajador_que_no_arranca_se_detecta_enseguida();
}

#[test]
fn la_suma_distribuida_coincide_con_la_secuencial() {
    pruebas_coordinador::la_suma_distribuida_coincide_con_la_secuencial();
}

#[test]
fn el_producto_distribuido_coincide_con_el_secuencial() {
    pruebas_coordinador::el_producto_distribuido_coincide_con_el_secuencial();
}

#[test]
fn el_coordinador_reparte_entre_todos_los_trabajadores() {
    pruebas_coordinador::el_coordinador_reparte_entre_todos_los_trabajadores();
}

#[test]
fn un_trabajador_que_muere_no_pierde_ni_duplica_trabajo() {
    pruebas_coordinador::un_trabajador_que_muere_no_pierde_ni_duplica_trabajo();
}

#[test]
fn un_trabajador_que_no_responde_se_da_por_perdido() {
    pruebas_coordinador::un_trabajador_que_no_responde_se_da_por_perdido();
}

#[test]
fn si_todos_los_trabajadores_fallan_se_devuelve_un_error() {
    pruebas_coordinador::si_todos_los_trabajadores_fallan_se_devuelve_un_error();
}

#[test]
fn un_mensaje_malformado_no_cambia_el_total() {
    pruebas_coordinador::un_mensaje_malformado_no_cambia_el_total();
}

#[test]
fn una_respuesta_repetida_no_se_cuenta_dos_veces() {
    pruebas_coordinador::una_respuesta_repetida_no_se_cuenta_dos_veces();
}

#[test]
fn al_soltar_el_grupo_no_quedan_procesos() {
    pruebas_coordinador::al_soltar_el_grupo_no_quedan_procesos();
}
