//! Suite oficial del ejercicio `cerrojos`.
//!
//! Cuatro tipos de prueba, cada una para lo que sabe ver:
//! - unitarias deterministas (un solo hilo, o varios con un orden forzado);
//! - comprobaciones de tipos (`Send` y `Sync`) hechas en tiempo de ejecución, para que un
//!   `unsafe impl` equivocado dé un mensaje en español en lugar de no compilar;
//! - exploración de planificaciones con shuttle y el detector de carreras de datos de
//!   `sincro`: miles de órdenes distintos de unos pocos hilos, que encuentran las carreras,
//!   los órdenes de memoria insuficientes y los interbloqueos aunque sean raros;
//! - estrés con hilos reales, más hilos que núcleos y cesiones dentro de la sección crítica.
//!
//! Este archivo es la lista de las pruebas, definidas aquí, en la raíz, para que su nombre
//! no lleve prefijo de módulo (las instantáneas y las erróneas de `malas/` lo usan). El
//! cuerpo de cada prueba, con sus ayudas, está en el módulo de su tema: `banco.rs`,
//! `estres.rs`, `explorar.rs`, `send_sync.rs`, `un_hilo.rs`.

use arnes::{
    anotar, comprobar, comprobar_igual, con_limite, con_limite_de, en_hilos, explorar,
    hilos_explorados, mensaje_de_panico,
};
use cerrojos::{
    Banco, CerrojoGiro, CerrojoTiques, ErrorTransferencia, Guarda, GuardaTiques, Reservas,
};
use std::cell::Cell;
use std::marker::PhantomData;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

mod banco;
mod estres;
mod explorar;
mod send_sync;
mod un_hilo;

/// Cuenta los hilos dentro de una sección crítica y falla si hay más de uno.
#[derive(Default)]
struct Sala {
    dentro: AtomicUsize,
}

impl Sala {
    #[track_caller]
    fn entrar(&self, quien: usize) {
        let dentro = self.dentro.fetch_add(1, Ordering::SeqCst) + 1;
        anotar(format!(
            "hilo {quien} entra en la sección crítica (dentro: {dentro})"
        ));
        comprobar(dentro == 1, || {
            format!(
                "{dentro} hilos dentro de la sección crítica a la vez: el cerrojo no garantiza \
                 la exclusión mutua. Suele ser comprobar que está libre y marcarlo ocupado en \
                 dos pasos (load y después store) en lugar de uno solo (compare_exchange)."
            )
        });
    }

    fn salir(&self, quien: usize) {
        anotar(format!("hilo {quien} sale"));
        self.dentro.fetch_sub(1, Ordering::SeqCst);
    }
}

// ---------------------------------------------------------------------------------------
// `Send` y `Sync`, comprobados al ejecutar (en `send_sync.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn el_cerrojo_de_giro_es_sync_solo_si_el_dato_es_send() {
    send_sync::el_cerrojo_de_giro_es_sync_solo_si_el_dato_es_send();
}

#[test]
fn el_cerrojo_de_tiques_es_sync_solo_si_el_dato_es_send() {
    send_sync::el_cerrojo_de_tiques_es_sync_solo_si_el_dato_es_send();
}

#[test]
fn las_guardas_no_se_envian_a_otro_hilo() {
    send_sync::las_guardas_no_se_envian_a_otro_hilo();
}

// ---------------------------------------------------------------------------------------
// Los dos cerrojos con un solo hilo (en `un_hilo.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn un_cerrojo_de_giro_protege_su_dato() {
    un_hilo::un_cerrojo_de_giro_protege_su_dato();
}

#[test]
fn la_guarda_libera_al_destruirse() {
    un_hilo::la_guarda_libera_al_destruirse();
}

#[test]
fn un_cerrojo_de_tiques_protege_su_dato() {
    un_hilo::un_cerrojo_de_tiques_protege_su_dato();
}

#[test]
fn turnos_esperando_no_cuenta_al_que_esta_dentro() {
    un_hilo::turnos_esperando_no_cuenta_al_que_esta_dentro();
}

#[test]
fn la_guarda_de_tiques_cede_el_turno() {
    un_hilo::la_guarda_de_tiques_cede_el_turno();
}

// ---------------------------------------------------------------------------------------
// Exploración de planificaciones (shuttle y el detector de carreras de datos) (en `explorar.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn explorar_giro_exclusion_mutua() {
    explorar::explorar_giro_exclusion_mutua();
}

#[test]
fn explorar_giro_con_intentos() {
    explorar::explorar_giro_con_intentos();
}

#[test]
fn explorar_tiques_exclusion_mutua() {
    explorar::explorar_tiques_exclusion_mutua();
}

#[test]
fn explorar_tiques_por_orden_de_llegada() {
    explorar::explorar_tiques_por_orden_de_llegada();
}

#[test]
fn los_tiques_atienden_por_orden_de_llegada() {
    explorar::los_tiques_atienden_por_orden_de_llegada();
}

#[test]
fn explorar_la_ultima_plaza() {
    explorar::explorar_la_ultima_plaza();
}

#[test]
fn explorar_transferencias_opuestas_sin_interbloqueo() {
    explorar::explorar_transferencias_opuestas_sin_interbloqueo();
}

#[test]
fn explorar_total_durante_transferencias() {
    explorar::explorar_total_durante_transferencias();
}

#[test]
fn explorar_dos_transferencias_no_gastan_el_mismo_saldo() {
    explorar::explorar_dos_transferencias_no_gastan_el_mismo_saldo();
}

#[test]
fn transferir_a_la_misma_cuenta_no_se_cuelga() {
    explorar::transferir_a_la_misma_cuenta_no_se_cuelga();
}

// ---------------------------------------------------------------------------------------
// Reservas y banco: un hilo (en `banco.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn reservas_en_orden_hasta_llenar() {
    banco::reservas_en_orden_hasta_llenar();
}

#[test]
fn transferencias_y_errores() {
    banco::transferencias_y_errores();
}

#[test]
fn transferir_comprueba_los_errores_en_orden() {
    banco::transferir_comprueba_los_errores_en_orden();
}

// ---------------------------------------------------------------------------------------
// Estrés con hilos reales (en `estres.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn estres_giro_no_pierde_incrementos() {
    estres::estres_giro_no_pierde_incrementos();
}

#[test]
fn estres_tiques_no_pierde_incrementos() {
    estres::estres_tiques_no_pierde_incrementos();
}

#[test]
fn estres_reservas_sin_sobreventa() {
    estres::estres_reservas_sin_sobreventa();
}

#[test]
fn estres_transferencias_conservan_el_dinero() {
    estres::estres_transferencias_conservan_el_dinero();
}
