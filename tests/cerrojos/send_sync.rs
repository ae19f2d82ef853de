//! `Send` y `Sync`, comprobados al ejecutar.

use super::*;

/// Especialización por autorreferencia: para un tipo concreto, el método inherente
/// `es_sync` solo existe si `T: Sync`; si no, la llamada cae en el del trait, que devuelve
/// `false`. Así una prueba puede preguntar «¿es Sync?» sin que la suite deje de compilar.
pub(crate) struct Comprobar<T>(pub(crate) PhantomData<T>);

pub(crate) trait Respaldo {
    fn es_sync(&self) -> bool {
        false
    }
    fn es_send(&self) -> bool {
        false
    }
}

impl<T> Respaldo for Comprobar<T> {}

impl<T: Sync> Comprobar<T> {
    pub(crate) fn es_sync(&self) -> bool {
        true
    }
}

impl<T: Send> Comprobar<T> {
    pub(crate) fn es_send(&self) -> bool {
        true
    }
}

macro_rules! es_sync {
    ($t:ty) => {
        Comprobar::<$t>(PhantomData).es_sync()
    };
}

macro_rules! es_send {
    ($t:ty) => {
        Comprobar::<$t>(PhantomData).es_send()
    };
}

/// Los tipos de referencia se comportan como dice la documentación de std: si el truco
/// fallara, las pruebas de abajo no valdrían nada.
#[track_caller]
pub(crate) fn el_truco_funciona() {
    assert!(es_sync!(u8) && es_send!(u8));
    assert!(es_send!(Cell<u8>) && !es_sync!(Cell<u8>));
    assert!(!es_send!(Rc<u8>) && !es_sync!(Rc<u8>));
    assert!(es_sync!(std::sync::Mutex<Cell<u8>>) && !es_sync!(std::sync::Mutex<Rc<u8>>));
    assert!(!es_send!(std::sync::MutexGuard<'static, u8>));
}

/// Comprueba las cuatro afirmaciones de `Send`/`Sync` de un cerrojo.
#[track_caller]
pub(crate) fn comprobar_send_sync(
    nombre: &str,
    sync_con_cell: bool,
    sync_con_rc: bool,
    send_con_cell: bool,
    send_con_rc: bool,
) {
    comprobar(sync_con_cell, || {
        format!(
            "{nombre}<Cell<u8>> no es Sync, y debería: Cell<u8> es Send, y el cerrojo solo deja \
             que un hilo a la vez la toque (como Mutex<Cell<u8>>). La condición de tu \
             `unsafe impl Sync` es demasiado estricta: pide `T: Send`, no `T: Sync`."
        )
    });
    comprobar(!sync_con_rc, || {
        format!(
            "{nombre}<Rc<u8>> es Sync, y no puede serlo: compartir el cerrojo permitiría que \
             otro hilo clonara o soltara el Rc mientras este hilo tiene otra copia (el \
             contador de Rc no es atómico). Tu `unsafe impl<T> Sync` promete demasiado: \
             exige `T: Send`."
        )
    });
    comprobar(send_con_cell, || {
        format!(
            "{nombre}<Cell<u8>> no es Send, y debería: un cerrojo con un T Send se puede mover a otro hilo."
        )
    });
    comprobar(!send_con_rc, || {
        format!(
            "{nombre}<Rc<u8>> es Send, y no puede serlo: mover el cerrojo a otro hilo movería \
             el Rc, y su contador no es atómico. ¿Hay un `unsafe impl<T> Send` sin condición? \
             No hace falta ninguno: el compilador lo deduce de los campos."
        )
    });
}

pub(crate) fn el_cerrojo_de_giro_es_sync_solo_si_el_dato_es_send() {
    // Dentro del arnés, para que un fallo se informe en español.
    con_limite("el cerrojo de giro es sync solo si el dato es send", || {
        el_truco_funciona();
        comprobar_send_sync(
            "CerrojoGiro",
            es_sync!(CerrojoGiro<Cell<u8>>),
            es_sync!(CerrojoGiro<Rc<u8>>),
            es_send!(CerrojoGiro<Cell<u8>>),
            es_send!(CerrojoGiro<Rc<u8>>),
        );
    });
}

pub(crate) fn el_cerrojo_de_tiques_es_sync_solo_si_el_dato_es_send() {
    // Dentro del arnés, para que un fallo se informe en español.
    con_limite(
        "el cerrojo de tiques es sync solo si el dato es send",
        || {
            el_truco_funciona();
            comprobar_send_sync(
                "CerrojoTiques",
                es_sync!(CerrojoTiques<Cell<u8>>),
                es_sync!(CerrojoTiques<Rc<u8>>),
                es_send!(CerrojoTiques<Cell<u8>>),
                es_send!(CerrojoTiques<Rc<u8>>),
            );
        },
    );
}

pub(crate) fn las_guardas_no_se_envian_a_otro_hilo() {
    // Dentro del arnés, para que un fallo se informe en español.
    con_limite("las guardas no se envian a otro hilo", || {
        el_truco_funciona();
        for (nombre, send, sync_con_cell) in [
            (
                "Guarda",
                es_send!(Guarda<'static, u8>),
                es_sync!(Guarda<'static, Cell<u8>>),
            ),
            (
                "GuardaTiques",
                es_send!(GuardaTiques<'static, u8>),
                es_sync!(GuardaTiques<'static, Cell<u8>>),
            ),
        ] {
            comprobar(!send, || {
                format!(
                    "{nombre}<u8> es Send: una guarda no debe poder enviarse a otro hilo, porque el \
                     hilo que adquiere el cerrojo es el que lo libera (como std::sync::MutexGuard). \
                     Añade a la guarda un campo `PhantomData<*const ()>`."
                )
            });
            comprobar(!sync_con_cell, || {
                format!(
                    "{nombre}<Cell<u8>> es Sync: con `&guarda` en dos hilos, los dos tendrían \
                     `&Cell<u8>` y podrían escribir a la vez. Si implementas Sync para la guarda, \
                     pide `T: Sync`."
                )
            });
        }
    });
}
