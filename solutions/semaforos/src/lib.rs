//! # Solución de referencia: semáforos
//!
//! Misma API que `exercises/semaforos`. Las primitivas vienen de `sincro` para que la suite
//! pueda explorar planificaciones de este código.

use sincro::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// Lo que protege el `Mutex` del semáforo.
struct Estado {
    permisos: usize,
    /// Hilos dormidos en la variable de condición. Avisar cuando no hay nadie esperando
    /// cuesta una llamada al sistema inútil con la `Condvar` de std: se evita contando.
    esperando: usize,
}

/// Un semáforo contador: como mucho `permisos` hilos a la vez tienen un [`Permiso`].
pub struct Semaforo {
    estado: Mutex<Estado>,
    hay_permisos: Condvar,
}

/// Un permiso de un [`Semaforo`]. Se devuelve al destruirse, también si el hilo que lo
/// tiene entra en pánico (la destrucción ocurre durante el desenrollado).
#[must_use = "si no guardas el permiso, se devuelve en el acto"]
pub struct Permiso<'a> {
    semaforo: &'a Semaforo,
}

impl Semaforo {
    /// Un semáforo con `permisos` permisos. Con 0 es un semáforo de señal: nadie pasa hasta
    /// que alguien llame a [`senalar`](Self::senalar).
    pub fn new(permisos: usize) -> Self {
        Self {
            estado: Mutex::new(Estado {
                permisos,
                esperando: 0,
            }),
            hay_permisos: Condvar::new(),
        }
    }

    /// Toma un permiso, durmiendo mientras no haya ninguno.
    pub fn adquirir(&self) -> Permiso<'_> {
        let mut estado = self.estado.lock();
        // `while`, no `if`: al despertar, otro hilo puede haberse llevado el permiso, o el
        // despertar puede ser espurio.
        while estado.permisos == 0 {
            estado.esperando += 1;
            self.hay_permisos.wait(&mut estado);
            estado.esperando -= 1;
        }
        // Comprobar y tomar en la misma sección crítica: nadie puede colarse en medio.
        estado.permisos -= 1;
        Permiso { semaforo: self }
    }

    /// Toma un permiso si hay alguno libre; si no, devuelve `None` sin esperar.
    pub fn intentar_adquirir(&self) -> Option<Permiso<'_>> {
        let mut estado = self.estado.lock();
        if estado.permisos == 0 {
            return None;
        }
        estado.permisos -= 1;
        Some(Permiso { semaforo: self })
    }

    /// Como [`adquirir`](Self::adquirir), pero sin esperar más de `limite`: `None` si se
    /// agota el tiempo. Un plazo de tiempo no se pierde con los despertares espurios: se
    /// calcula el instante final una vez y se espera solo lo que queda.
    pub fn adquirir_con_limite(&self, limite: Duration) -> Option<Permiso<'_>> {
        let fin = Instant::now().checked_add(limite);
        let mut estado = self.estado.lock();
        while estado.permisos == 0 {
            let espera = match fin {
                Some(fin) => fin
                    .checked_duration_since(Instant::now())
                    .filter(|d| !d.is_zero())?,
                // Un límite tan grande que no cabe en un `Instant` es como no tener límite.
                None => Duration::from_secs(3600),
            };
            estado.esperando += 1;
            self.hay_permisos.wait_for(&mut estado, espera);
            estado.esperando -= 1;
        }
        estado.permisos -= 1;
        Some(Permiso { semaforo: self })
    }

    /// Cuántos permisos hay libres ahora mismo (puede cambiar en cuanto lo lees).
    pub fn disponibles(&self) -> usize {
        self.estado.lock().permisos
    }

    /// Añade un permiso y despierta a un hilo que espere, si lo hay. Es la operación V de
    /// Dijkstra; [`Permiso`] la llama al destruirse.
    pub fn senalar(&self) {
        let mut estado = self.estado.lock();
        // Primero el cambio, después el aviso, ambos con el cerrojo tomado: quien despierte
        // verá ya el permiso.
        estado.permisos += 1;
        if estado.esperando > 0 {
            self.hay_permisos.notify_one();
        }
    }
}

impl Permiso<'_> {
    /// Consume el permiso sin devolverlo: para semáforos de señal, donde quien adquiere no
    /// es quien libera.
    pub fn consumir(self) {
        std::mem::forget(self);
    }
}

impl Drop for Permiso<'_> {
    fn drop(&mut self) {
        self.semaforo.senalar();
    }
}

/// Un multiplex: como mucho `n` hilos a la vez ejecutan la sección crítica.
pub struct Multiplex {
    semaforo: Semaforo,
}

impl Multiplex {
    /// Un multiplex para `n` hilos a la vez: un semáforo con `n` permisos.
    pub fn new(n: usize) -> Self {
        Self {
            semaforo: Semaforo::new(n),
        }
    }

    /// Ejecuta `f` con un permiso; el permiso se devuelve al terminar, también si `f` entra
    /// en pánico.
    pub fn ejecutar<R>(&self, f: impl FnOnce() -> R) -> R {
        let _permiso = self.semaforo.adquirir();
        f()
    }
}

/// Una barrera reutilizable para `n` hilos, con dos torniquetes (dos semáforos de señal).
///
/// El segundo torniquete es el que la hace reutilizable: sin él, un hilo rápido podría salir
/// de una ronda, volver a entrar y colarse en la siguiente antes de que los lentos salgan.
pub struct Barrera {
    n: usize,
    cuenta: Mutex<usize>,
    entrada: Semaforo,
    salida: Semaforo,
}

impl Barrera {
    /// Una barrera para `n` hilos (`n == 0` se trata como 1).
    pub fn new(n: usize) -> Self {
        Self {
            n: n.max(1),
            cuenta: Mutex::new(0),
            entrada: Semaforo::new(0),
            salida: Semaforo::new(0),
        }
    }

    /// Espera a que lleguen los `n` hilos. Devuelve `true` en exactamente un hilo por ronda
    /// (el último en llegar).
    pub fn esperar(&self) -> bool {
        let ultimo = self.pasar(&self.entrada, |cuenta| {
            *cuenta += 1;
            *cuenta == self.n
        });
        self.pasar(&self.salida, |cuenta| {
            *cuenta -= 1;
            *cuenta == 0
        });
        ultimo
    }

    /// Actualiza la cuenta; quien la completa abre el torniquete para los `n` hilos. Después,
    /// cada hilo cruza el torniquete consumiendo un permiso.
    fn pasar(&self, torniquete: &Semaforo, completa: impl FnOnce(&mut usize) -> bool) -> bool {
        let abre = completa(&mut self.cuenta.lock());
        if abre {
            for _ in 0..self.n {
                torniquete.senalar();
            }
        }
        torniquete.adquirir().consumir();
        abre
    }
}

/// El ejemplo del tutorial original, bien hecho: `procesos` hilos añaden
/// `"Datos del proceso i"` (i desde 1) a una lista **compartida** de verdad, y un semáforo
/// binario garantiza que solo uno la toca a la vez. Devuelve la lista.
pub fn recurso_compartido(procesos: usize) -> Vec<String> {
    let semaforo = Semaforo::new(1);
    // Rust exige una celda segura entre hilos para compartir la lista, y un `Mutex` lo es.
    // Pero quien excluye es el semáforo: por eso `try_lock` nunca encuentra el `Mutex` ocupado.
    let lista = Mutex::new(Vec::new());
    sincro::thread::scope(|s| {
        for i in 1..=procesos {
            let (semaforo, lista) = (&semaforo, &lista);
            s.spawn(move || {
                let _permiso = semaforo.adquirir();
                let mut lista = lista
                    .try_lock()
                    .expect("el semáforo dejó entrar a dos hilos a la vez");
                lista.push(format!("Datos del proceso {i}"));
            });
        }
    });
    lista.into_inner()
}
