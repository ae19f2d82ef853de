//! Suite oficial del ejercicio `productor_consumidor`.
//!
//! Tres tipos de prueba, cada una para lo que sabe ver:
//! - unitarias deterministas (un solo hilo, o dos con un orden forzado);
//! - exploración de planificaciones con shuttle: miles de órdenes distintos de los pasos de
//!   unos pocos hilos (dos productores, dos consumidores, capacidad 1 o 2), con despertares
//!   espurios, que encuentran los elementos perdidos, los avisos a la variable de condición
//!   equivocada y los cierres que dejan a alguien dormido, y los pueden repetir;
//! - estrés con hilos reales, más hilos que núcleos y números de secuencia por productor
//!   para ver que nada se pierde, se duplica ni se desordena.
//!
//! Este archivo es la lista de las pruebas, definidas aquí, en la raíz, para que su nombre
//! no lleve prefijo de módulo (las instantáneas y las erróneas de `malas/` lo usan). El
//! cuerpo de cada prueba, con sus ayudas, está en el módulo de su tema: `dos_hilos.rs`,
//! `estres.rs`, `explorar.rs`, `un_hilo.rs`.

use arnes::{
    anotar, comprobar, comprobar_igual, con_limite, en_hilos, explorar, hilos_explorados,
    mensaje_de_panico,
};
use productor_consumidor::{
    Buffer, Elemento, ErrorEnvio, Programa, con_buffer, con_crossbeam, con_sync_channel,
};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

mod dos_hilos;
mod estres;
mod explorar;
mod un_hilo;

/// Una forma de ejecutar el programa: con el búfer o con uno de los canales.
type Variante = fn(Programa) -> Vec<Vec<Elemento>>;

// ---------------------------------------------------------------------------------------
// Comprobaciones comunes
// ---------------------------------------------------------------------------------------

/// Comprueba lo que recibieron los consumidores: cada elemento de cada productor llegó
/// exactamente una vez, y cada consumidor vio los de un mismo productor en orden.
#[track_caller]
fn comprobar_entrega(
    productores: usize,
    por_productor: usize,
    recibidos: &[Vec<Elemento>],
    contexto: &str,
) {
    let mut veces: BTreeMap<Elemento, usize> = BTreeMap::new();
    for (c, lista) in recibidos.iter().enumerate() {
        let mut ultimo: BTreeMap<usize, usize> = BTreeMap::new();
        for e in lista {
            *veces.entry(*e).or_default() += 1;
            comprobar(
                e.productor < productores && e.secuencia < por_productor,
                || {
                    format!(
                        "{contexto}: el consumidor {c} recibió {e:?}, que nadie envió \
                         ({productores} productores de {por_productor} elementos)."
                    )
                },
            );
            if let Some(&anterior) = ultimo.get(&e.productor) {
                comprobar(e.secuencia > anterior, || {
                    format!(
                        "{contexto}: el consumidor {c} recibió del productor {} el elemento \
                         {} después del {anterior}. Los elementos de un productor deben salir \
                         en el orden en que entraron: ¿el búfer es una pila (Vec::pop) en vez \
                         de una cola (VecDeque::pop_front)?",
                        e.productor, e.secuencia
                    )
                });
            }
            ultimo.insert(e.productor, e.secuencia);
        }
    }
    for p in 0..productores {
        for s in 0..por_productor {
            let e = Elemento {
                productor: p,
                secuencia: s,
            };
            let n = veces.get(&e).copied().unwrap_or(0);
            comprobar(n == 1, || {
                if n == 0 {
                    format!(
                        "{contexto}: se perdió {e:?}: se envió y ningún consumidor lo recibió. \
                         Suele ser un cierre que tira lo pendiente, un `recibir` que devuelve \
                         None con elementos dentro o un elemento sobrescrito."
                    )
                } else {
                    format!(
                        "{contexto}: {e:?} se recibió {n} veces: cada elemento debe entregarse \
                         exactamente una vez. ¿Se lee un elemento sin sacarlo de la cola?"
                    )
                }
            });
        }
    }
}

/// Falla si el búfer tiene más elementos que su capacidad.
#[track_caller]
fn comprobar_ocupacion<T>(buffer: &Buffer<T>, quien: &str) {
    let ocupados = buffer.ocupados();
    let capacidad = buffer.capacidad();
    comprobar(ocupados <= capacidad, || {
        format!(
            "{quien} vio {ocupados} elementos en un búfer de capacidad {capacidad}: el búfer \
             nunca debe tener más de su capacidad. Suele ser un `if` en lugar de un `while` \
             alrededor de la espera de sitio, o comparar con `>` en lugar de `>=`."
        )
    });
}

// ---------------------------------------------------------------------------------------
// Unitarias: un hilo (en `un_hilo.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn un_buffer_de_un_hilo_sigue_el_orden_de_llegada() {
    un_hilo::un_buffer_de_un_hilo_sigue_el_orden_de_llegada();
}

#[test]
fn enviar_tras_cerrar_devuelve_el_elemento() {
    un_hilo::enviar_tras_cerrar_devuelve_el_elemento();
}

#[test]
fn capacidad_cero_se_rechaza_con_un_mensaje_claro() {
    un_hilo::capacidad_cero_se_rechaza_con_un_mensaje_claro();
}

#[test]
fn los_programas_sin_consumidores_se_rechazan() {
    un_hilo::los_programas_sin_consumidores_se_rechazan();
}

// ---------------------------------------------------------------------------------------
// Dos hilos con hilos reales (en `dos_hilos.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn con_un_hueco_el_productor_espera_al_consumidor() {
    dos_hilos::con_un_hueco_el_productor_espera_al_consumidor();
}

#[test]
fn cerrar_despierta_a_un_consumidor_dormido() {
    dos_hilos::cerrar_despierta_a_un_consumidor_dormido();
}

#[test]
fn cerrar_despierta_a_un_productor_que_espera_sitio() {
    dos_hilos::cerrar_despierta_a_un_productor_que_espera_sitio();
}

// ---------------------------------------------------------------------------------------
// Exploración de planificaciones (shuttle) (en `explorar.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn explorar_dos_productores_dos_consumidores() {
    explorar::explorar_dos_productores_dos_consumidores();
}

#[test]
fn explorar_con_capacidad_dos() {
    explorar::explorar_con_capacidad_dos();
}

#[test]
fn explorar_el_cierre_despierta_a_todos_los_consumidores() {
    explorar::explorar_el_cierre_despierta_a_todos_los_consumidores();
}

#[test]
fn explorar_cerrar_con_productores_esperando() {
    explorar::explorar_cerrar_con_productores_esperando();
}

#[test]
fn explorar_programa_con_buffer() {
    explorar::explorar_programa_con_buffer();
}

#[test]
fn un_consumidor_con_el_buffer_vacio_duerme() {
    explorar::un_consumidor_con_el_buffer_vacio_duerme();
}

#[test]
fn un_productor_con_el_buffer_lleno_duerme() {
    explorar::un_productor_con_el_buffer_lleno_duerme();
}

// ---------------------------------------------------------------------------------------
// Estrés con hilos reales y los programas completos (en `estres.rs`)
// ---------------------------------------------------------------------------------------

#[test]
fn estres_muchos_productores_y_consumidores() {
    estres::estres_muchos_productores_y_consumidores();
}

#[test]
fn estres_cerrar_mientras_se_envia() {
    estres::estres_cerrar_mientras_se_envia();
}

#[test]
fn con_buffer_entrega_todo_en_orden() {
    estres::con_buffer_entrega_todo_en_orden();
}

#[test]
fn con_crossbeam_entrega_todo_en_orden() {
    estres::con_crossbeam_entrega_todo_en_orden();
}

#[test]
fn con_sync_channel_entrega_todo_en_orden() {
    estres::con_sync_channel_entrega_todo_en_orden();
}

#[test]
fn sin_elementos_por_productor_cada_consumidor_devuelve_una_lista_vacia() {
    estres::sin_elementos_por_productor_cada_consumidor_devuelve_una_lista_vacia();
}
