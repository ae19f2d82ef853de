//! Suite oficial del ejercicio `semaforos`.
//!
//! Tres tipos de prueba, cada una para lo que sabe ver:
//! - unitarias deterministas (un solo hilo, o dos con un orden forzado);
//! - exploración de planificaciones con shuttle: miles de órdenes distintos de los pasos de
//!   unos pocos hilos, que encuentran las carreras y los despertares perdidos aunque sean
//!   raros, y los pueden repetir;
//! - estrés con hilos reales, más hilos que núcleos y cesiones dentro de la sección crítica.
//!
//! Este archivo es la lista de las pruebas, definidas aquí, en la raíz, para que su nombre
//! no lleve prefijo de módulo (las instantáneas y las erróneas de `malas/` lo usan). El
//! cuerpo de cada prueba, con sus ayudas, está en el módulo de su tema: `estres.rs`,
//! `explorar.rs`, `orden_forzado.rs`, `un_hilo.rs`.

use arnes::{
    Cita, anotar, comprobar, comprobar_igual, con_limite, en_hilos, explorar, hilos_explorados,
};
use semaforos::{Barrera, Multiplex, Semaforo, recurso_compartido};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

mod estres;
mod explorar;
mod orden_forzado;
mod un_hilo;

/// Cuenta los hilos dentro de una sección crítica y falla si hay más de `maximo`.
struct Sala {
    maximo: usize,
    dentro: AtomicUsize,
    record: AtomicUsize,
}

impl Sala {
    fn new(maximo: usize) -> Self {
        Self {
            maximo,
            dentro: AtomicUsize::new(0),
            record: AtomicUsize::new(0),
        }
    }

    #[track_caller]
    fn entrar(&self, quien: usize) {
        let dentro = self.dentro.fetch_add(1, Ordering::SeqCst) + 1;
        self.record.fetch_max(dentro, Ordering::SeqCst);
        anotar(format!("hilo {quien} entra (dentro: {dentro})"));
        comprobar(dentro <= self.maximo, || {
            format!(
                "{dentro} hilos dentro de la sección crítica con {} permisos: el semáforo dejó \
                 pasar a más hilos de los que permite.",
                self.maximo
            )
        });
    }

    fn salir(&self, quien: usize) {
        anotar(format!("hilo {quien} sale"));
        self.dentro.fetch_sub(1, Ordering::SeqCst);
    }
}

// ---------------------------------------------------------------------------------------
// Unitarias: un hilo (en `un_hilo.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn un_semaforo_cuenta_sus_permisos() {
    un_hilo::un_semaforo_cuenta_sus_permisos();
}

#[test]
fn un_semaforo_con_cero_permisos_no_deja_pasar() {
    un_hilo::un_semaforo_con_cero_permisos_no_deja_pasar();
}

#[test]
fn un_intento_fallido_no_gasta_permisos() {
    un_hilo::un_intento_fallido_no_gasta_permisos();
}

#[test]
fn el_permiso_vuelve_aunque_el_hilo_entre_en_panico() {
    un_hilo::el_permiso_vuelve_aunque_el_hilo_entre_en_panico();
}

// ---------------------------------------------------------------------------------------
// Dos hilos con un orden forzado (en `orden_forzado.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn senalar_despierta_a_quien_espera() {
    orden_forzado::senalar_despierta_a_quien_espera();
}

#[test]
fn adquirir_con_limite_recibe_un_permiso_que_llega_a_tiempo() {
    orden_forzado::adquirir_con_limite_recibe_un_permiso_que_llega_a_tiempo();
}

#[test]
fn con_n_permisos_entran_n_hilos_a_la_vez() {
    orden_forzado::con_n_permisos_entran_n_hilos_a_la_vez();
}

// ---------------------------------------------------------------------------------------
// Exploración de planificaciones (shuttle) (en `explorar.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn explorar_exclusion_con_dos_permisos() {
    explorar::explorar_exclusion_con_dos_permisos();
}

#[test]
fn explorar_exclusion_con_intentos() {
    explorar::explorar_exclusion_con_intentos();
}

#[test]
fn explorar_intentar_adquirir_solo_falla_sin_permisos() {
    explorar::explorar_intentar_adquirir_solo_falla_sin_permisos();
}

#[test]
fn explorar_senales_sin_despertares_perdidos() {
    explorar::explorar_senales_sin_despertares_perdidos();
}

#[test]
fn explorar_multiplex() {
    explorar::explorar_multiplex();
}

#[test]
fn explorar_barrera_reutilizable() {
    explorar::explorar_barrera_reutilizable();
}

#[test]
fn explorar_recurso_compartido() {
    explorar::explorar_recurso_compartido();
}

// ---------------------------------------------------------------------------------------
// Estrés con hilos reales (en `estres.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn estres_nunca_hay_mas_de_n_dentro() {
    estres::estres_nunca_hay_mas_de_n_dentro();
}

#[test]
fn estres_mezcla_de_esperas_intentos_y_limites() {
    estres::estres_mezcla_de_esperas_intentos_y_limites();
}

#[test]
fn estres_barrera_reutilizable() {
    estres::estres_barrera_reutilizable();
}

#[test]
fn una_barrera_de_un_hilo_no_espera() {
    estres::una_barrera_de_un_hilo_no_espera();
}

#[test]
fn recurso_compartido_recoge_los_datos_de_todos() {
    estres::recurso_compartido_recoge_los_datos_de_todos();
}
