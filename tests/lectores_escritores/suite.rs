//! Suite oficial del ejercicio `lectores_escritores`.
//!
//! Cuatro tipos de prueba, cada una para lo que sabe ver:
//! - unitarias deterministas (un solo hilo, o varios con un orden forzado por lo que muestra
//!   `foto()`): la traza de un hilo y lo que promete cada política;
//! - exploración de planificaciones con shuttle: miles de órdenes distintos de unos pocos
//!   lectores y escritores, que encuentran carreras y despertares perdidos;
//! - inanición medida en **operaciones**, nunca en tiempo: cuántas veces entran los de un
//!   bando mientras uno del otro espera;
//! - estrés con hilos reales, más hilos que núcleos y cesiones dentro de la sección crítica.
//!
//! Este archivo es la lista de las pruebas, definidas aquí, en la raíz, para que su nombre
//! no lleve prefijo de módulo (las instantáneas y las erróneas de `malas/` lo usan). El
//! cuerpo de cada prueba, con sus ayudas, está en el módulo de su tema: `estres.rs`,
//! `explorar.rs`, `inanicion.rs`, `orden_forzado.rs`, `un_hilo.rs`.

use arnes::{Cita, anotar, comprobar, comprobar_igual, con_limite, en_hilos, explorar};
use lectores_escritores::{CerrojoLE, Foto, Politica};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

mod estres;
mod explorar;
mod inanicion;
mod orden_forzado;
mod un_hilo;

const POLITICAS: [Politica; 3] = [Politica::Lectores, Politica::Escritores, Politica::Justa];

/// Cuenta quién está dentro de la sección crítica y falla si un escritor está acompañado.
#[derive(Default)]
struct Sala {
    lectores: AtomicUsize,
    escritores: AtomicUsize,
}

impl Sala {
    #[track_caller]
    fn entra_lector(&self, quien: usize) {
        let lectores = self.lectores.fetch_add(1, Ordering::SeqCst) + 1;
        let escritores = self.escritores.load(Ordering::SeqCst);
        anotar(format!(
            "hilo {quien} entra a leer (lectores dentro: {lectores})"
        ));
        comprobar(escritores == 0, || {
            format!(
                "el hilo {quien} entró a leer con un escritor dentro: el cerrojo no excluye a \
                 los escritores de los lectores. Suele ser que leer() no comprueba si hay un \
                 escritor, o que lo comprueba en una sección crítica y entra en otra."
            )
        });
    }

    fn sale_lector(&self, quien: usize) {
        anotar(format!("hilo {quien} sale de leer"));
        self.lectores.fetch_sub(1, Ordering::SeqCst);
    }

    #[track_caller]
    fn entra_escritor(&self, quien: usize) {
        let escritores = self.escritores.fetch_add(1, Ordering::SeqCst) + 1;
        let lectores = self.lectores.load(Ordering::SeqCst);
        anotar(format!("hilo {quien} entra a escribir"));
        comprobar(escritores == 1 && lectores == 0, || {
            format!(
                "el hilo {quien} entró a escribir con {} dentro: un escritor debe estar solo. \
                 Suele ser que escribir() no espera a que salgan los lectores, o no comprueba \
                 si ya hay otro escritor.",
                if escritores > 1 {
                    format!("{} escritores", escritores)
                } else {
                    format!("{lectores} lector(es)")
                }
            )
        });
    }

    fn sale_escritor(&self, quien: usize) {
        anotar(format!("hilo {quien} sale de escribir"));
        self.escritores.fetch_sub(1, Ordering::SeqCst);
    }
}

/// El valor protegido en las pruebas de exclusión: un escritor cambia las dos mitades con una
/// cesión en medio, así que un lector que ve mitades distintas ha leído a medio escribir.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Par(u64, u64);

fn leer_par(cerrojo: &CerrojoLE<Par>, sala: &Sala, quien: usize, ceder: impl Fn()) {
    let guarda = cerrojo.leer();
    sala.entra_lector(quien);
    let Par(a, b) = *guarda;
    ceder();
    sala.sale_lector(quien);
    drop(guarda);
    comprobar(a == b, || {
        format!(
            "el hilo {quien} leyó un valor a medio escribir ({a}, {b}): un escritor no estaba solo"
        )
    });
}

fn escribir_par(cerrojo: &CerrojoLE<Par>, sala: &Sala, quien: usize, ceder: impl Fn()) {
    let mut guarda = cerrojo.escribir();
    sala.entra_escritor(quien);
    guarda.0 += 1;
    ceder();
    guarda.1 += 1;
    sala.sale_escritor(quien);
}

/// Espera (con hilos reales) a que la foto del cerrojo cumpla `condicion`. Solo sirve para
/// forzar un orden: si no llega nunca, la prueba falla diciendo qué esperaba ver.
#[track_caller]
fn esperar_foto<T>(cerrojo: &CerrojoLE<T>, que: &str, condicion: impl Fn(&Foto) -> bool) {
    let fin = Instant::now() + Duration::from_secs(5);
    loop {
        let foto = cerrojo.foto();
        if condicion(&foto) {
            return;
        }
        comprobar(Instant::now() < fin, || {
            format!(
                "la prueba esperaba ver en foto() {que}, y nunca lo vio. Última foto: \
                 {foto:?}. Comprueba que cuentas bien los hilos que esperan (se cuentan antes \
                 de dormir y se descuentan al entrar) y que nadie se quedó dentro."
            )
        });
        std::thread::sleep(Duration::from_millis(1));
    }
}

// ---------------------------------------------------------------------------------------
// Unitarias: un hilo (en `un_hilo.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn una_traza_de_un_solo_hilo() {
    un_hilo::una_traza_de_un_solo_hilo();
}

#[test]
fn las_guardas_salen_del_cerrojo_al_destruirse() {
    un_hilo::las_guardas_salen_del_cerrojo_al_destruirse();
}

#[test]
fn la_guarda_sale_aunque_el_hilo_entre_en_panico() {
    un_hilo::la_guarda_sale_aunque_el_hilo_entre_en_panico();
}

// ---------------------------------------------------------------------------------------
// Varios hilos con un orden forzado: lo que promete cada política (en `orden_forzado.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn los_lectores_leen_a_la_vez() {
    orden_forzado::los_lectores_leen_a_la_vez();
}

#[test]
fn con_preferencia_de_lectores_el_lector_no_espera_al_escritor() {
    orden_forzado::con_preferencia_de_lectores_el_lector_no_espera_al_escritor();
}

#[test]
fn con_preferencia_de_escritores_el_escritor_pasa_antes() {
    orden_forzado::con_preferencia_de_escritores_el_escritor_pasa_antes();
}

#[test]
fn con_politica_justa_se_entra_por_orden_de_llegada() {
    orden_forzado::con_politica_justa_se_entra_por_orden_de_llegada();
}

// ---------------------------------------------------------------------------------------
// Exploración de planificaciones (shuttle) (en `explorar.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn explorar_exclusion_con_preferencia_de_lectores() {
    explorar::explorar_exclusion_con_preferencia_de_lectores();
}

#[test]
fn explorar_exclusion_con_preferencia_de_escritores() {
    explorar::explorar_exclusion_con_preferencia_de_escritores();
}

#[test]
fn explorar_exclusion_con_politica_justa() {
    explorar::explorar_exclusion_con_politica_justa();
}

#[test]
fn explorar_al_salir_un_escritor_entra_quien_dice_la_politica() {
    explorar::explorar_al_salir_un_escritor_entra_quien_dice_la_politica();
}

#[test]
fn explorar_con_politica_justa_los_lectores_seguidos_entran_juntos() {
    explorar::explorar_con_politica_justa_los_lectores_seguidos_entran_juntos();
}

// ---------------------------------------------------------------------------------------
// Inanición, contada en operaciones (en `inanicion.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn el_escritor_no_pasa_hambre_con_preferencia_de_escritores() {
    inanicion::el_escritor_no_pasa_hambre_con_preferencia_de_escritores();
}

#[test]
fn el_escritor_no_pasa_hambre_con_politica_justa() {
    inanicion::el_escritor_no_pasa_hambre_con_politica_justa();
}

#[test]
fn el_lector_no_pasa_hambre_con_politica_justa() {
    inanicion::el_lector_no_pasa_hambre_con_politica_justa();
}

// ---------------------------------------------------------------------------------------
// Estrés con hilos reales (en `estres.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn estres_un_escritor_nunca_esta_acompanado() {
    estres::estres_un_escritor_nunca_esta_acompanado();
}
