//! Suite oficial del ejercicio `suma`.
//!
//! La misma suite se ejecuta contra tu código (`cargo test -p suma`), contra la solución de
//! referencia y contra implementaciones erróneas conocidas (`tests/suma/malas/`). Cada
//! prueba dice en español qué propiedad se rompió.
//!
//! Este archivo es la lista de las pruebas, definidas aquí, en la raíz, para que su nombre
//! no lleve prefijo de módulo (las instantáneas y las erróneas de `malas/` lo usan). El
//! cuerpo de cada prueba, con sus ayudas, está en el módulo de su tema: `con_rayon.rs`,
//! `espia.rs`, `hilos.rs`, `por_tarea.rs`, `secuencial.rs`.

use arnes::{Cita, comprobar, comprobar_igual, con_limite};
use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::thread::{self, ThreadId};
use suma::{ErrorSuma, suma_hilos, suma_rayon, suma_secuencial, sumas_por_tarea};

mod con_rayon;
mod espia;
mod hilos;
mod por_tarea;
mod secuencial;
use espia::*;

// ---------------------------------------------------------------------------------------
// Pruebas de `suma_secuencial` (en `secuencial.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn suma_secuencial_de_pocos_numeros() {
    secuencial::suma_secuencial_de_pocos_numeros();
}

#[test]
fn suma_secuencial_lee_cada_elemento_una_vez() {
    secuencial::suma_secuencial_lee_cada_elemento_una_vez();
}

#[test]
fn suma_secuencial_no_se_desborda() {
    secuencial::suma_secuencial_no_se_desborda();
}

// ---------------------------------------------------------------------------------------
// Pruebas de `suma_hilos` (en `hilos.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn suma_hilos_con_cero_hilos_es_un_error() {
    hilos::suma_hilos_con_cero_hilos_es_un_error();
}

#[test]
fn suma_hilos_con_datos_vacios_da_cero() {
    hilos::suma_hilos_con_datos_vacios_da_cero();
}

#[test]
fn suma_hilos_lee_cada_elemento_exactamente_una_vez() {
    hilos::suma_hilos_lee_cada_elemento_exactamente_una_vez();
}

#[test]
fn suma_hilos_usa_tantos_hilos_como_se_piden() {
    hilos::suma_hilos_usa_tantos_hilos_como_se_piden();
}

#[test]
fn suma_hilos_corta_en_trozos_contiguos() {
    hilos::suma_hilos_corta_en_trozos_contiguos();
}

#[test]
fn suma_hilos_coincide_con_la_secuencial() {
    hilos::suma_hilos_coincide_con_la_secuencial();
}

#[test]
fn suma_hilos_no_se_desborda() {
    hilos::suma_hilos_no_se_desborda();
}

// ---------------------------------------------------------------------------------------
// Pruebas de `suma_rayon` (en `con_rayon.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn suma_rayon_coincide_con_la_secuencial() {
    con_rayon::suma_rayon_coincide_con_la_secuencial();
}

#[test]
fn suma_rayon_reparte_entre_varios_hilos() {
    con_rayon::suma_rayon_reparte_entre_varios_hilos();
}

#[test]
fn suma_rayon_no_se_desborda() {
    con_rayon::suma_rayon_no_se_desborda();
}

// ---------------------------------------------------------------------------------------
// Pruebas de `sumas_por_tarea` (en `por_tarea.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn sumas_por_tarea_del_tutorial_original() {
    por_tarea::sumas_por_tarea_del_tutorial_original();
}

#[test]
fn sumas_por_tarea_con_cero_hilos_es_un_error() {
    por_tarea::sumas_por_tarea_con_cero_hilos_es_un_error();
}

#[test]
fn sumas_por_tarea_sin_tareas_no_devuelve_nada() {
    por_tarea::sumas_por_tarea_sin_tareas_no_devuelve_nada();
}

#[test]
fn sumas_por_tarea_respeta_el_orden_de_las_tareas() {
    por_tarea::sumas_por_tarea_respeta_el_orden_de_las_tareas();
}

#[test]
fn sumas_por_tarea_ordena_aunque_las_tareas_acaben_desordenadas() {
    por_tarea::sumas_por_tarea_ordena_aunque_las_tareas_acaben_desordenadas();
}

#[test]
fn sumas_por_tarea_llama_a_valor_una_vez_por_termino() {
    por_tarea::sumas_por_tarea_llama_a_valor_una_vez_por_termino();
}

#[test]
fn sumas_por_tarea_no_se_desborda() {
    por_tarea::sumas_por_tarea_no_se_desborda();
}

#[test]
fn sumas_por_tarea_usa_los_hilos_pedidos() {
    por_tarea::sumas_por_tarea_usa_los_hilos_pedidos();
}

#[test]
fn sumas_por_tarea_reparte_la_carga_dinamicamente() {
    por_tarea::sumas_por_tarea_reparte_la_carga_dinamicamente();
}
