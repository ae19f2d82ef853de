//! # Solución de referencia: productor y consumidor
//!
//! Misma API que `exercises/productor_consumidor`. Las primitivas del búfer vienen de
//! `sincro` para que la suite pueda explorar planificaciones de este código; los canales de
//! crossbeam y de `std` no se pueden explorar y se prueban con hilos reales.

use sincro::{Condvar, Mutex};
use std::collections::VecDeque;
use std::fmt;

/// Lo que protege el `Mutex` del búfer: todo lo que las condiciones de espera miran.
struct Estado<T> {
    /// Los elementos, del más antiguo (delante) al más reciente (detrás).
    cola: VecDeque<T>,
    cerrado: bool,
    /// Hilos dormidos en cada variable de condición. Con la `Condvar` de std, avisar cuesta
    /// una llamada al sistema aunque no espere nadie; contando, solo se avisa si hace falta.
    productores_esperando: usize,
    consumidores_esperando: usize,
}

/// Un búfer acotado para varios productores y varios consumidores, con cierre.
///
/// Como mucho `capacidad` elementos esperan dentro. Los elementos salen en el orden en que
/// entraron (FIFO), así que los de un mismo productor llegan en su orden.
pub struct Buffer<T> {
    capacidad: usize,
    estado: Mutex<Estado<T>>,
    /// Aquí duermen los productores mientras el búfer está lleno.
    hay_sitio: Condvar,
    /// Aquí duermen los consumidores mientras el búfer está vacío.
    hay_datos: Condvar,
}

/// El error de [`Buffer::enviar`] en un búfer cerrado. Lleva dentro el elemento que no se
/// envió: nada se pierde sin que quien lo envió lo sepa.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorEnvio<T>(pub T);

impl<T> ErrorEnvio<T> {
    /// Devuelve el elemento que no se pudo enviar.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> fmt::Display for ErrorEnvio<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("el búfer está cerrado: el elemento no se envió y vuelve a quien lo envía")
    }
}

impl<T: fmt::Debug> std::error::Error for ErrorEnvio<T> {}

impl<T> Buffer<T> {
    /// Un búfer vacío y abierto en el que caben `capacidad` elementos.
    ///
    /// # Panics
    ///
    /// Si `capacidad` es 0: en un búfer sin sitio no se podría dejar nada. Para una cita
    /// (el productor espera a que un consumidor tome el elemento en mano) usa
    /// `crossbeam::channel::bounded(0)` o `std::sync::mpsc::sync_channel(0)`.
    pub fn new(capacidad: usize) -> Self {
        assert!(
            capacidad > 0,
            "la capacidad de un Buffer debe ser al menos 1; para una cita (capacidad 0) usa \
             crossbeam::channel::bounded(0) o std::sync::mpsc::sync_channel(0)"
        );
        Self {
            capacidad,
            estado: Mutex::new(Estado {
                cola: VecDeque::with_capacity(capacidad),
                cerrado: false,
                productores_esperando: 0,
                consumidores_esperando: 0,
            }),
            hay_sitio: Condvar::new(),
            hay_datos: Condvar::new(),
        }
    }

    /// Cuántos elementos caben como mucho.
    pub fn capacidad(&self) -> usize {
        self.capacidad
    }

    /// Cuántos elementos hay dentro ahora mismo (puede cambiar en cuanto lo lees).
    pub fn ocupados(&self) -> usize {
        self.estado.lock().cola.len()
    }

    /// Si alguien llamó ya a [`cerrar`](Self::cerrar).
    pub fn esta_cerrado(&self) -> bool {
        self.estado.lock().cerrado
    }

    /// Deja `elemento` al final del búfer, durmiendo mientras esté lleno.
    ///
    /// Si el búfer está cerrado, o se cierra mientras se espera sitio, devuelve
    /// `Err(ErrorEnvio(elemento))` con el elemento dentro.
    pub fn enviar(&self, elemento: T) -> Result<(), ErrorEnvio<T>> {
        let mut estado = self.estado.lock();
        // `while`, no `if`: al despertar, otro productor puede haber ocupado el hueco, o el
        // despertar puede ser espurio.
        while estado.cola.len() == self.capacidad && !estado.cerrado {
            estado.productores_esperando += 1;
            self.hay_sitio.wait(&mut estado);
            estado.productores_esperando -= 1;
        }
        if estado.cerrado {
            return Err(ErrorEnvio(elemento));
        }
        estado.cola.push_back(elemento);
        // Hay datos: a quien espera datos. Uno basta, porque ha entrado un solo elemento.
        if estado.consumidores_esperando > 0 {
            self.hay_datos.notify_one();
        }
        Ok(())
    }

    /// Saca el elemento más antiguo, durmiendo mientras el búfer esté vacío y abierto.
    ///
    /// Devuelve `None` solo cuando el búfer está cerrado **y** vacío: lo que quedaba dentro
    /// al cerrar se entrega antes.
    pub fn recibir(&self) -> Option<T> {
        let mut estado = self.estado.lock();
        loop {
            // Primero lo que haya: cerrar no tira nada.
            if let Some(elemento) = estado.cola.pop_front() {
                if estado.productores_esperando > 0 {
                    self.hay_sitio.notify_one();
                }
                return Some(elemento);
            }
            if estado.cerrado {
                return None;
            }
            estado.consumidores_esperando += 1;
            self.hay_datos.wait(&mut estado);
            estado.consumidores_esperando -= 1;
        }
    }

    /// Cierra el búfer: no admite más envíos y, cuando se vacíe, [`recibir`](Self::recibir)
    /// devuelve `None`. Despierta a **todos** los que esperan, productores y consumidores:
    /// ninguno volverá a recibir otro aviso. Cerrar dos veces no hace nada más.
    pub fn cerrar(&self) {
        let mut estado = self.estado.lock();
        estado.cerrado = true;
        if estado.consumidores_esperando > 0 {
            self.hay_datos.notify_all();
        }
        if estado.productores_esperando > 0 {
            self.hay_sitio.notify_all();
        }
    }
}

/// Un elemento del programa de ejemplo: quién lo produjo y su número de orden dentro de
/// ese productor (0, 1, 2...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Elemento {
    pub productor: usize,
    pub secuencia: usize,
}

/// El programa del tutorial original, con un final: `productores` hilos producen
/// `por_productor` elementos cada uno, `consumidores` hilos los consumen, y entre ellos hay
/// un búfer o canal de `capacidad` elementos.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Programa {
    pub productores: usize,
    pub consumidores: usize,
    pub por_productor: usize,
    pub capacidad: usize,
}

impl Programa {
    fn comprobar(&self) {
        assert!(
            self.consumidores > 0,
            "hace falta al menos un consumidor: sin nadie que consuma, los productores \
             esperarían sitio para siempre"
        );
    }

    /// Los elementos del productor `p`, en orden.
    fn produccion(&self, p: usize) -> impl Iterator<Item = Elemento> {
        (0..self.por_productor).map(move |secuencia| Elemento {
            productor: p,
            secuencia,
        })
    }
}

/// Ejecuta el [`Programa`] con un [`Buffer`] y devuelve, para cada consumidor, los
/// elementos que recibió en el orden en que los recibió. Termina cuando los consumidores
/// han vaciado el búfer cerrado.
///
/// # Panics
///
/// Si `consumidores` es 0, o si `capacidad` es 0 (ver [`Buffer::new`]).
pub fn con_buffer(programa: Programa) -> Vec<Vec<Elemento>> {
    programa.comprobar();
    let buffer = Buffer::new(programa.capacidad);
    sincro::thread::scope(|s| {
        let consumidores: Vec<_> = (0..programa.consumidores)
            .map(|_| {
                let buffer = &buffer;
                s.spawn(move || {
                    let mut recibidos = Vec::new();
                    while let Some(elemento) = buffer.recibir() {
                        recibidos.push(elemento);
                    }
                    recibidos
                })
            })
            .collect();
        let productores: Vec<_> = (0..programa.productores)
            .map(|p| {
                let buffer = &buffer;
                s.spawn(move || {
                    for elemento in programa.produccion(p) {
                        buffer
                            .enviar(elemento)
                            .expect("nadie cierra el búfer antes de que acaben los productores");
                    }
                })
            })
            .collect();
        // Se cierra cuando el último productor ha terminado, ni antes ni nunca.
        for productor in productores {
            productor
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
        }
        buffer.cerrar();
        consumidores
            .into_iter()
            .map(|c| c.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// El mismo programa con `crossbeam::channel::bounded(capacidad)`. Con capacidad 0, el
/// canal es una cita: cada envío espera a que un consumidor tome el elemento.
///
/// # Panics
///
/// Si `consumidores` es 0.
pub fn con_crossbeam(programa: Programa) -> Vec<Vec<Elemento>> {
    programa.comprobar();
    let (emisor, receptor) = crossbeam::channel::bounded(programa.capacidad);
    std::thread::scope(|s| {
        let consumidores: Vec<_> = (0..programa.consumidores)
            .map(|_| {
                // El receptor de crossbeam se clona: varios consumidores, un canal.
                let receptor = receptor.clone();
                s.spawn(move || receptor.iter().collect::<Vec<Elemento>>())
            })
            .collect();
        for p in 0..programa.productores {
            let emisor = emisor.clone();
            s.spawn(move || {
                for elemento in programa.produccion(p) {
                    emisor
                        .send(elemento)
                        .expect("los consumidores siguen vivos");
                }
                // Al terminar, este hilo suelta su emisor.
            });
        }
        // El cierre: cuando se suelta el último emisor, los receptores vacían el canal y su
        // iterador termina. Este es el original; quedan los clones de los productores.
        drop(emisor);
        consumidores
            .into_iter()
            .map(|c| c.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// El mismo programa con `std::sync::mpsc::sync_channel(capacidad)`. Su receptor no se
/// puede clonar: los consumidores lo comparten dentro de un `Mutex`. Con capacidad 0, el
/// canal es una cita.
///
/// # Panics
///
/// Si `consumidores` es 0.
pub fn con_sync_channel(programa: Programa) -> Vec<Vec<Elemento>> {
    programa.comprobar();
    let (emisor, receptor) = std::sync::mpsc::sync_channel(programa.capacidad);
    let receptor = std::sync::Mutex::new(receptor);
    std::thread::scope(|s| {
        let consumidores: Vec<_> = (0..programa.consumidores)
            .map(|_| {
                let receptor = &receptor;
                s.spawn(move || {
                    let mut recibidos = Vec::new();
                    loop {
                        // Quien tiene el cerrojo espera el siguiente elemento; los demás,
                        // el cerrojo. La guarda es un temporal de esta sentencia: se suelta
                        // antes de procesar el elemento.
                        let recibido = receptor.lock().unwrap().recv();
                        let Ok(elemento) = recibido else { break };
                        recibidos.push(elemento);
                    }
                    recibidos
                })
            })
            .collect();
        for p in 0..programa.productores {
            let emisor = emisor.clone();
            s.spawn(move || {
                for elemento in programa.produccion(p) {
                    emisor
                        .send(elemento)
                        .expect("los consumidores siguen vivos");
                }
            });
        }
        drop(emisor);
        consumidores
            .into_iter()
            .map(|c| c.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
