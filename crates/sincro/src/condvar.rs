//! Variable de condición, real o explorada (con despertares espurios al explorar).

use crate::cronica::{self, Operacion};
use crate::grafo::{Arista, Avisada};
use crate::modo::explorando;
use crate::mutex::{GuardaImp, MutexGuard};
use std::sync::PoisonError;
use std::time::{Duration, Instant};

/// Una variable de condición: los hilos esperan en ella hasta que otro los avisa.
///
/// Una espera puede terminar sin aviso (despertar espurio) o después de que otro hilo haya
/// vuelto a cambiar el estado: comprueba siempre la condición en un `while` al despertar.
pub struct Condvar {
    imp: Imp,
}

enum Imp {
    Real(std::sync::Condvar),
    /// Con su número en la ejecución («condición 1»; 0 si es interna de sincro).
    Explorado(shuttle::sync::Condvar, u32),
}

/// Si una espera con límite terminó porque se agotó el tiempo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitTimeoutResult(bool);

impl WaitTimeoutResult {
    /// `true` si la espera terminó por tiempo, no por un aviso.
    pub fn timed_out(&self) -> bool {
        self.0
    }
}

impl Default for Condvar {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Condvar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Condvar { .. }")
    }
}

impl Condvar {
    pub fn new() -> Self {
        Self::con_numero(explorando().then(|| crate::modo::numero_nuevo(false)))
    }

    /// Una variable de condición de la propia sincro (la mesa de los filósofos): fuera de la
    /// crónica.
    pub(crate) fn interna() -> Self {
        Self::con_numero(explorando().then_some(0))
    }

    fn con_numero(numero: Option<u32>) -> Self {
        let imp = match numero {
            Some(n) => Imp::Explorado(shuttle::sync::Condvar::new(), n),
            None => Imp::Real(std::sync::Condvar::new()),
        };
        Self { imp }
    }

    /// El nombre en la crónica («la condición 1»), si la crónica está encendida y la
    /// variable es explorada y no interna.
    fn nombre(&self) -> Option<String> {
        match &self.imp {
            Imp::Explorado(_, numero) if cronica::grabando() => cronica::condicion(*numero),
            _ => None,
        }
    }

    /// Al explorar: apunta el aviso en la crónica, antes de darlo.
    fn apuntar_aviso(&self, todos: bool) {
        if let Some(condicion) = self.nombre() {
            cronica::apuntar(|| Operacion::Avisa { condicion, todos });
        }
    }

    /// Al explorar: apunta en el grafo de esperas el aviso que shuttle acaba de dar. Después,
    /// no antes: el aviso de shuttle cede el paso antes de avisar, y en ese hueco pueden
    /// empezar a esperar otros hilos, que también recibirán el aviso.
    fn aviso_dado(&self, todos: bool) {
        crate::modo::avisados(std::ptr::from_ref(self).addr(), todos);
    }

    /// Libera el cerrojo de `guarda`, duerme hasta un aviso (o un despertar espurio) y lo
    /// vuelve a adquirir antes de volver.
    pub fn wait<T>(&self, guarda: &mut MutexGuard<'_, T>) {
        self.wait_imp(guarda, None);
    }

    /// Como [`wait`](Self::wait), pero sin dormir más de `limite`.
    pub fn wait_for<T>(
        &self,
        guarda: &mut MutexGuard<'_, T>,
        limite: Duration,
    ) -> WaitTimeoutResult {
        self.wait_imp(guarda, Some(limite))
    }

    /// Espera mientras `condicion` sea cierta (el `while` hecho por ti).
    pub fn wait_while<T>(
        &self,
        guarda: &mut MutexGuard<'_, T>,
        mut condicion: impl FnMut(&mut T) -> bool,
    ) {
        while condicion(guarda) {
            self.wait(guarda);
        }
    }

    /// Como [`wait_while`](Self::wait_while), sin esperar más de `limite` en total.
    pub fn wait_while_for<T>(
        &self,
        guarda: &mut MutexGuard<'_, T>,
        mut condicion: impl FnMut(&mut T) -> bool,
        limite: Duration,
    ) -> WaitTimeoutResult {
        let fin = Instant::now() + limite;
        while condicion(guarda) {
            let ahora = Instant::now();
            if ahora >= fin {
                return WaitTimeoutResult(true);
            }
            self.wait_for(guarda, fin - ahora);
        }
        WaitTimeoutResult(false)
    }

    /// Despierta a uno de los hilos que esperan, si hay alguno.
    pub fn notify_one(&self) {
        match &self.imp {
            Imp::Real(c) => c.notify_one(),
            Imp::Explorado(c, _) => {
                self.apuntar_aviso(false);
                c.notify_one();
                self.aviso_dado(false);
            }
        }
    }

    /// Despierta a todos los hilos que esperan.
    pub fn notify_all(&self) {
        match &self.imp {
            Imp::Real(c) => c.notify_all(),
            Imp::Explorado(c, _) => {
                self.apuntar_aviso(true);
                c.notify_all();
                self.aviso_dado(true);
            }
        }
    }

    fn wait_imp<T>(
        &self,
        guarda: &mut MutexGuard<'_, T>,
        limite: Option<Duration>,
    ) -> WaitTimeoutResult {
        let interna = guarda.imp.take().expect("guarda en uso");
        let (interna, vencida) = match (&self.imp, interna) {
            (Imp::Real(c), GuardaImp::Real(g)) => match limite {
                None => (
                    GuardaImp::Real(c.wait(g).unwrap_or_else(PoisonError::into_inner)),
                    false,
                ),
                Some(limite) => {
                    let (g, r) = c
                        .wait_timeout(g, limite)
                        .unwrap_or_else(PoisonError::into_inner);
                    (GuardaImp::Real(g), r.timed_out())
                }
            },
            (Imp::Explorado(c, _), GuardaImp::Explorado(g)) => {
                // Esperar suelta el cerrojo y lo vuelve a tomar: para el detector de
                // carreras, es soltar y tomar.
                guarda.mutex.al_soltar();
                let nombres = self.nombre().zip(guarda.mutex.nombre());
                if let Some((condicion, cerrojo)) = nombres.clone() {
                    cronica::apuntar(|| Operacion::EsperaAviso { condicion, cerrojo });
                }
                let despertar = |espurio| {
                    if let Some((condicion, _)) = nombres {
                        cronica::apuntar(|| Operacion::Despierta { condicion, espurio });
                    }
                };
                if despertar_espurio() {
                    // Suelta el cerrojo, deja pasar a otros y lo recupera, como si alguien
                    // hubiera avisado sin motivo.
                    drop(g);
                    shuttle::thread::yield_now();
                    let g = guarda.mutex.guarda();
                    despertar(true);
                    (g, false)
                } else {
                    // Esperar siempre bloquea; al soltar el cerrojo puede dejar pasar a otros.
                    let cerrojo = guarda.mutex.direccion();
                    let g = crate::modo::esperando(
                        "espera un aviso en una variable de condición (Condvar::wait)",
                        Arista::Aviso {
                            cerrojo,
                            condicion: std::ptr::from_ref(self).addr(),
                            avisada: Avisada::No,
                        },
                        true,
                        || c.wait(g),
                    )
                    .unwrap_or_else(PoisonError::into_inner);
                    guarda.mutex.al_tomar();
                    despertar(false);
                    (GuardaImp::Explorado(g), false)
                }
            }
            _ => {
                panic!("se mezclaron primitivas reales y exploradas: créalas dentro del escenario")
            }
        };
        guarda.imp = Some(interna);
        WaitTimeoutResult(vencida)
    }
}

/// Al explorar, una de cada cuatro esperas despierta sin aviso. La decisión la toma el
/// planificador de shuttle, así que también se repite al reproducir una planificación.
fn despertar_espurio() -> bool {
    use shuttle::rand::Rng;
    shuttle::rand::thread_rng().gen_ratio(1, 4)
}
