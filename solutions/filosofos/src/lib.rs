//! # Solución de referencia: la cena de los filósofos
//!
//! Misma API que `exercises/filosofos`. Los tenedores los pone el curso (`sincro::mesa`):
//! saben quién los tiene y quién los espera, y se entregan por orden de llegada. Cada
//! versión rompe una de las cuatro condiciones de Coffman:
//!
//! | versión | condición que rompe |
//! |---|---|
//! | [`EnOrden`] | la espera circular: un orden global hace imposible el ciclo |
//! | [`Camarero`] | la espera circular: con `n - 1` sentados, el ciclo no cabe en la mesa |
//! | [`ConIntentos`] | retener y esperar: quien no consigue el segundo tenedor suelta el primero |

pub use sincro::mesa::{EnMano, Mesa, Tenedor};
use sincro::{Condvar, Mutex, azar, thread};

/// Una forma de que un filósofo tome sus dos tenedores, coma y los suelte.
pub trait Protocolo: Sync {
    /// El filósofo `filosofo` toma sus dos tenedores de `mesa` (el izquierdo,
    /// `mesa.izquierdo(filosofo)`, y el derecho, `mesa.derecho(filosofo)`) con las reglas de
    /// esta versión, ejecuta `comida` con los dos en la mano, los suelta y devuelve lo que
    /// devuelva `comida`. Los tenedores se sueltan también si `comida` entra en pánico.
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R;
}

/// La versión del enunciado clásico, que ya viene hecha: primero el tenedor izquierdo,
/// después el derecho, esperando cada uno. Si todos toman a la vez el izquierdo, todos
/// esperan el derecho para siempre: **puede interbloquearse**.
pub struct Ingenuo;

impl Protocolo for Ingenuo {
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R {
        let _izquierdo = mesa.izquierdo(filosofo).tomar(filosofo);
        let _derecho = mesa.derecho(filosofo).tomar(filosofo);
        comida()
    }
}

/// Versión 1, **orden global**: cada filósofo toma primero el tenedor de número menor.
pub struct EnOrden;

impl Protocolo for EnOrden {
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R {
        let (izquierdo, derecho) = (mesa.izquierdo(filosofo), mesa.derecho(filosofo));
        // Para todos menos el último, el izquierdo es el menor; el último (cuyo derecho es
        // el tenedor 0) empieza por la derecha. Ese único filósofo «zurdo» rompe el ciclo.
        let (primero, segundo) = if izquierdo.numero() < derecho.numero() {
            (izquierdo, derecho)
        } else {
            (derecho, izquierdo)
        };
        let _primero = primero.tomar(filosofo);
        let _segundo = segundo.tomar(filosofo);
        comida()
        // Los `EnMano` se destruyen aquí, en orden inverso: los tenedores vuelven a la mesa.
    }
}

/// Lo que protege el `Mutex` del camarero.
struct Sala {
    /// Sillas libres.
    libres: usize,
    /// El próximo número que se da a quien llega.
    siguiente: u64,
    /// El número al que le toca sentarse.
    atendiendo: u64,
}

/// Versión 2, **el camarero**: como mucho `n - 1` filósofos sentados a la vez, atendidos por
/// orden de llegada (con números, como en la pescadería).
pub struct Camarero {
    sala: Mutex<Sala>,
    cambio: Condvar,
}

/// Una silla ocupada. Se devuelve al camarero al destruirse, también si el filósofo entra
/// en pánico.
#[must_use = "si no guardas la silla, te levantas en el acto"]
pub struct Silla<'a> {
    camarero: &'a Camarero,
}

impl Camarero {
    /// Un camarero para una mesa de `filosofos` filósofos: deja sentarse a `filosofos - 1`
    /// a la vez (al menos a uno).
    pub fn new(filosofos: usize) -> Self {
        Self {
            sala: Mutex::new(Sala {
                libres: filosofos.saturating_sub(1).max(1),
                siguiente: 0,
                atendiendo: 0,
            }),
            cambio: Condvar::new(),
        }
    }

    /// El filósofo `filosofo` pide sitio y espera (durmiendo) hasta que le toque y haya una
    /// silla libre. Nadie que llegue después se sienta antes que él.
    pub fn sentarse(&self, filosofo: usize) -> Silla<'_> {
        let _ = filosofo; // El turno lo da el número, no quién seas.
        let mut sala = self.sala.lock();
        let mi_numero = sala.siguiente;
        sala.siguiente += 1;
        // `while`: al despertar puede no ser aún mi turno, o no quedar silla.
        while sala.atendiendo != mi_numero || sala.libres == 0 {
            self.cambio.wait(&mut sala);
        }
        sala.atendiendo += 1;
        sala.libres -= 1;
        // El siguiente de la cola quizá encuentre también una silla libre.
        self.cambio.notify_all();
        Silla { camarero: self }
    }

    /// Cuántas sillas hay libres ahora mismo.
    pub fn libres(&self) -> usize {
        self.sala.lock().libres
    }
}

impl Drop for Silla<'_> {
    fn drop(&mut self) {
        let mut sala = self.camarero.sala.lock();
        sala.libres += 1;
        // Todos: el que espera la silla es uno concreto (el del número siguiente), y
        // `notify_one` podría despertar a otro.
        self.camarero.cambio.notify_all();
    }
}

impl Protocolo for Camarero {
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R {
        let _silla = self.sentarse(filosofo);
        // Sentados, el orden de los tenedores da igual: con una silla vacía, al menos uno
        // de los sentados tiene libres sus dos tenedores.
        let _izquierdo = mesa.izquierdo(filosofo).tomar(filosofo);
        let _derecho = mesa.derecho(filosofo).tomar(filosofo);
        comida()
        // Primero se sueltan los tenedores y después la silla (orden inverso de creación).
    }
}

/// Versión 3, **intentos con espera al azar**: toma el izquierdo; si el derecho está
/// ocupado, suelta el izquierdo, espera un rato al azar y vuelve a empezar.
pub struct ConIntentos;

/// Hasta cuántas cesiones del procesador puede durar una espera entre intentos.
const ESPERA_MAXIMA: u64 = 64;

impl Protocolo for ConIntentos {
    fn comer<R>(&self, mesa: &Mesa, filosofo: usize, comida: impl FnOnce() -> R) -> R {
        let mut tope = 2;
        loop {
            // Esperar el primero está bien: mientras espera, no retiene nada.
            let izquierdo = mesa.izquierdo(filosofo).tomar(filosofo);
            if let Some(_derecho) = mesa.derecho(filosofo).intentar_tomar(filosofo) {
                let _izquierdo = izquierdo;
                return comida();
            }
            // No retener mientras se espera: se suelta el que se tiene.
            drop(izquierdo);
            // Una espera al azar (y que crece con cada fallo) rompe la simetría: si todos
            // esperasen lo mismo, volverían a chocar igual una y otra vez (bloqueo activo).
            for _ in 0..azar::numero(0..tope) {
                thread::yield_now();
            }
            tope = (tope * 2).min(ESPERA_MAXIMA);
        }
    }
}
