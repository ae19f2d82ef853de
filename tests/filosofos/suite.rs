//! Suite oficial del ejercicio `filosofos`.
//!
//! - Unitarias deterministas: un solo hilo, cada versión come y suelta sus tenedores.
//! - Exploración de planificaciones con shuttle: miles de órdenes de cinco filósofos, que
//!   encuentran el orden que cierra un ciclo de esperas (interbloqueo). Los tenedores son los
//!   de `sincro::mesa`: la traza de un fallo dice quién toma, quién espera y a quién.
//! - Exploración con planificadores justos (`explorar_por_turnos`): el bloqueo activo de los
//!   intentos sin azar y la inanición, juzgada por cuentas de comidas, no por tiempos.
//! - Estrés con hilos reales, con un vigilante que mira el grafo de esperas de la mesa: un
//!   interbloqueo falla en el acto diciendo quién espera a quién.
//!
//! Este archivo es la lista de las pruebas, definidas aquí, en la raíz, para que su nombre
//! no lleve prefijo de módulo (las instantáneas y las erróneas de `malas/` lo usan). El
//! cuerpo de cada prueba, con sus ayudas, está en el módulo de su tema: `estres.rs`,
//! `explorar.rs`, `un_hilo.rs`.

use arnes::{
    Cita, anotar, comprobar, comprobar_igual, con_limite, con_limite_vigilado, explorar,
    explorar_por_turnos,
};
use filosofos::{Camarero, ConIntentos, EnOrden, Mesa, Protocolo};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

mod estres;
mod explorar;
mod un_hilo;

const FILOSOFOS: usize = 5;

/// Lo que observa la prueba: quién come ahora y cuántas veces ha comido cada uno.
struct Comedor {
    comiendo: Vec<AtomicBool>,
    comidas: Vec<AtomicUsize>,
}

impl Comedor {
    fn new(n: usize) -> Self {
        Self {
            comiendo: (0..n).map(|_| AtomicBool::new(false)).collect(),
            comidas: (0..n).map(|_| AtomicUsize::new(0)).collect(),
        }
    }

    /// La comida del filósofo `f`: comprueba que tiene sus dos tenedores y que ningún vecino
    /// come a la vez, y cede el procesador a media comida para dar ocasión a los errores.
    #[track_caller]
    fn comer(&self, mesa: &Mesa, f: usize) {
        let n = self.comiendo.len();
        self.comiendo[f].store(true, Ordering::SeqCst);
        anotar(format!("filósofo {f} come"));
        for vecino in [(f + n - 1) % n, (f + 1) % n] {
            let compartido = if vecino == (f + 1) % n { vecino } else { f };
            comprobar(!self.comiendo[vecino].load(Ordering::SeqCst), || {
                format!(
                    "los filósofos {f} y {vecino}, vecinos, comen a la vez: comparten el \
                     tenedor {compartido}, y solo uno puede tenerlo."
                )
            });
        }
        for tenedor in [f, (f + 1) % n] {
            let dueno = mesa.dueno(tenedor);
            comprobar(dueno == Some(f), || {
                format!(
                    "el filósofo {f} come sin el tenedor {tenedor} en la mano (lo tiene: {}). \
                     Hay que comer con los dos tenedores tomados.",
                    quien(dueno)
                )
            });
        }
        sincro::thread::yield_now();
        self.comiendo[f].store(false, Ordering::SeqCst);
        self.comidas[f].fetch_add(1, Ordering::SeqCst);
    }

    /// Después de comer: el filósofo `f` ya no tiene ninguno de sus tenedores.
    #[track_caller]
    fn despues(&self, mesa: &Mesa, f: usize) {
        let n = self.comiendo.len();
        for tenedor in [f, (f + 1) % n] {
            comprobar(mesa.dueno(tenedor) != Some(f), || {
                format!(
                    "el filósofo {f} terminó de comer con el tenedor {tenedor} todavía en la \
                     mano: los tenedores se sueltan al acabar (al destruir su EnMano)."
                )
            });
        }
    }

    fn comidas(&self) -> Vec<usize> {
        self.comidas
            .iter()
            .map(|c| c.load(Ordering::SeqCst))
            .collect()
    }
}

fn quien(dueno: Option<usize>) -> String {
    dueno.map_or("nadie".into(), |d| format!("el filósofo {d}"))
}

#[track_caller]
fn todos_libres(mesa: &Mesa) {
    for t in 0..mesa.filosofos() {
        comprobar(mesa.dueno(t).is_none(), || {
            format!(
                "al final de la cena, el tenedor {t} sigue en la mano del filósofo {}: alguien \
                 no lo soltó.",
                mesa.dueno(t).unwrap_or_default()
            )
        });
    }
}

// ---------------------------------------------------------------------------------------
// Unitarias: un hilo (en `un_hilo.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn cada_version_come_con_dos_tenedores_y_los_suelta() {
    un_hilo::cada_version_come_con_dos_tenedores_y_los_suelta();
}

#[test]
fn el_orden_global_empieza_por_el_tenedor_menor() {
    un_hilo::el_orden_global_empieza_por_el_tenedor_menor();
}

#[test]
fn los_tenedores_y_la_silla_vuelven_aunque_la_comida_entre_en_panico() {
    un_hilo::los_tenedores_y_la_silla_vuelven_aunque_la_comida_entre_en_panico();
}

#[test]
fn el_camarero_deja_n_menos_1_sillas_y_al_menos_una() {
    un_hilo::el_camarero_deja_n_menos_1_sillas_y_al_menos_una();
}

#[test]
fn el_camarero_sienta_a_n_menos_1_y_hace_esperar_al_siguiente() {
    un_hilo::el_camarero_sienta_a_n_menos_1_y_hace_esperar_al_siguiente();
}

// ---------------------------------------------------------------------------------------
// Exploración de planificaciones (shuttle) (en `explorar.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn explorar_en_orden_sin_interbloqueo() {
    explorar::explorar_en_orden_sin_interbloqueo();
}

#[test]
fn explorar_camarero_sin_interbloqueo() {
    explorar::explorar_camarero_sin_interbloqueo();
}

#[test]
fn explorar_intentos_sin_interbloqueo() {
    explorar::explorar_intentos_sin_interbloqueo();
}

#[test]
fn explorar_el_camarero_sienta_como_mucho_a_n_menos_1() {
    explorar::explorar_el_camarero_sienta_como_mucho_a_n_menos_1();
}

#[test]
fn explorar_quien_tiene_el_turno_y_una_silla_libre_se_sienta_sin_esperar_a_nadie() {
    explorar::explorar_quien_tiene_el_turno_y_una_silla_libre_se_sienta_sin_esperar_a_nadie();
}

#[test]
fn explorar_intentos_sin_bloqueo_activo() {
    explorar::explorar_intentos_sin_bloqueo_activo();
}

#[test]
fn explorar_el_camarero_no_deja_a_nadie_sin_comer() {
    explorar::explorar_el_camarero_no_deja_a_nadie_sin_comer();
}

// ---------------------------------------------------------------------------------------
// Estrés con hilos reales (en `estres.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn en_orden_aguanta_una_cena_real() {
    estres::en_orden_aguanta_una_cena_real();
}

#[test]
fn camarero_aguanta_una_cena_real() {
    estres::camarero_aguanta_una_cena_real();
}

#[test]
fn intentos_aguanta_una_cena_real() {
    estres::intentos_aguanta_una_cena_real();
}
