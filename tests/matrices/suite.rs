//! Suite oficial del ejercicio `matrices`.
//!
//! La misma suite se ejecuta contra tu código (`cargo test -p matrices`), contra la solución
//! de referencia y contra implementaciones erróneas conocidas (`tests/matrices/malas/`).
//! Cada prueba dice en español qué propiedad se rompió.
//!
//! - Los resultados exactos se comprueban con matrices de enteros (`i64`), donde el orden
//!   de las sumas no cambia nada.
//! - Con `f64` se compara con el `dot` de ndarray **con tolerancia**: otro orden de las
//!   sumas redondea distinto, y eso no es un error.
//! - Un tipo espía ([`Espia`]) anota qué hilo hace cada producto y cuántos productos se
//!   hacen por fila, sin medir ningún tiempo.
//!
//! Este archivo es la lista de las pruebas, definidas aquí, en la raíz, para que su nombre
//! no lleve prefijo de módulo (las instantáneas y las erróneas de `malas/` lo usan). El
//! cuerpo de cada prueba, con sus ayudas, está en el módulo de su tema: `datos.rs`,
//! `espia.rs`, `paralelo.rs`, `secuencial.rs`, `triangular.rs`.

use arnes::{Cita, comprobar, comprobar_igual, con_limite};
use matrices::{
    ErrorMatrices, Escalar, multiplicar_filas_paralelo, multiplicar_secuencial,
    multiplicar_triangular_paralelo,
};
use ndarray::{Array2, ArrayView2, s};
use std::collections::HashSet;
use std::ops::{Add, Mul};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::{self, ThreadId};

mod datos;
mod espia;
mod paralelo;
mod secuencial;
mod triangular;
use datos::*;
use espia::*;

// ---------------------------------------------------------------------------------------
// Pruebas de `multiplicar_secuencial` (en `secuencial.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn secuencial_multiplica_matrices_pequenas() {
    secuencial::secuencial_multiplica_matrices_pequenas();
}

#[test]
fn secuencial_multiplica_filas_de_a_por_columnas_de_b() {
    secuencial::secuencial_multiplica_filas_de_a_por_columnas_de_b();
}

#[test]
fn secuencial_acepta_matrices_no_cuadradas() {
    secuencial::secuencial_acepta_matrices_no_cuadradas();
}

#[test]
fn secuencial_con_matrices_vacias() {
    secuencial::secuencial_con_matrices_vacias();
}

#[test]
fn secuencial_con_formas_incompatibles_da_un_error() {
    secuencial::secuencial_con_formas_incompatibles_da_un_error();
}

#[test]
fn secuencial_coincide_con_dot_salvo_redondeo() {
    secuencial::secuencial_coincide_con_dot_salvo_redondeo();
}

#[test]
fn secuencial_acepta_vistas_no_contiguas() {
    secuencial::secuencial_acepta_vistas_no_contiguas();
}

#[test]
fn secuencial_hace_cada_producto_una_vez() {
    secuencial::secuencial_hace_cada_producto_una_vez();
}

// ---------------------------------------------------------------------------------------
// Pruebas de `multiplicar_filas_paralelo` (en `paralelo.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn paralelo_coincide_con_la_referencia() {
    paralelo::paralelo_coincide_con_la_referencia();
}

#[test]
fn paralelo_cada_fila_la_calcula_una_sola_tarea() {
    paralelo::paralelo_cada_fila_la_calcula_una_sola_tarea();
}

#[test]
fn paralelo_trabajan_varios_hilos_a_la_vez() {
    paralelo::paralelo_trabajan_varios_hilos_a_la_vez();
}

#[test]
fn paralelo_con_cero_tareas_es_un_error() {
    paralelo::paralelo_con_cero_tareas_es_un_error();
}

#[test]
fn paralelo_con_formas_incompatibles_da_un_error() {
    paralelo::paralelo_con_formas_incompatibles_da_un_error();
}

#[test]
fn paralelo_con_matrices_vacias() {
    paralelo::paralelo_con_matrices_vacias();
}

#[test]
fn paralelo_coincide_con_dot_salvo_redondeo() {
    paralelo::paralelo_coincide_con_dot_salvo_redondeo();
}

// ---------------------------------------------------------------------------------------
// Pruebas de `multiplicar_triangular_paralelo` y del corte en trozos (en `triangular.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn triangular_coincide_con_la_referencia() {
    triangular::triangular_coincide_con_la_referencia();
}

#[test]
fn triangular_no_lee_encima_de_la_diagonal() {
    triangular::triangular_no_lee_encima_de_la_diagonal();
}

#[test]
fn triangular_hace_solo_los_productos_necesarios() {
    triangular::triangular_hace_solo_los_productos_necesarios();
}

#[test]
fn triangular_trabajan_varios_hilos_a_la_vez() {
    triangular::triangular_trabajan_varios_hilos_a_la_vez();
}

#[test]
fn paralelo_corta_las_filas_en_trozos_de_div_ceil() {
    triangular::paralelo_corta_las_filas_en_trozos_de_div_ceil();
}

#[test]
fn triangular_corta_las_filas_como_la_paralela() {
    triangular::triangular_corta_las_filas_como_la_paralela();
}

#[test]
fn triangular_con_entradas_invalidas_da_errores() {
    triangular::triangular_con_entradas_invalidas_da_errores();
}

#[test]
fn triangular_con_matrices_vacias() {
    triangular::triangular_con_matrices_vacias();
}
