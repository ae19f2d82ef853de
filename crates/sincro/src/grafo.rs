//! El grafo de esperas de una ejecución explorada: quién espera qué y quién lo tiene.
//!
//! Con él, sincro ve un interbloqueo **antes** de que el último hilo se bloquee, que es
//! cuando shuttle lo encontraría e imprimiría su aviso en inglés. La pregunta es siempre la
//! misma: si este hilo se bloquea (o termina), ¿puede avanzar alguno? Un hilo avanza si
//! ejecuta código que no es una espera de sincro, si espera un cerrojo libre o uno cuyo dueño
//! avanza, o si espera el final de hilos que terminan o avanzan. Quien espera un aviso en una
//! variable de condición solo despierta si otro avanza y avisa. Si ninguno avanza, nadie
//! despertará nunca a nadie.
//!
//! Un hilo que shuttle aún da por ejecutable pero que ya está dentro de `lock()` de un
//! cerrojo cuyo dueño no avanza se bloqueará en cuanto vuelva a ejecutarse: cuenta como
//! bloqueado. Ese es el caso de dos cerrojos en orden cruzado, que shuttle ve un paso tarde.

use std::collections::{HashMap, HashSet};

/// Lo que espera un hilo explorado, como arista del grafo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Arista {
    /// Tomar un cerrojo (su dirección): avanza cuando lo suelta su dueño.
    Cerrojo(usize),
    /// Un aviso en una variable de condición (`condicion`, su dirección); después vuelve a
    /// tomar el cerrojo (`cerrojo`). `avisada`: si alguien avisó en esa variable desde que el
    /// hilo empezó a esperar y quizá fue a él (entonces ya no espera el aviso sino el
    /// cerrojo). Ver [`Avisos`].
    Aviso {
        cerrojo: usize,
        condicion: usize,
        avisada: Avisada,
    },
    /// El final de estas tareas (`join`, o el final de un ámbito de hilos).
    Hilos(Vec<usize>),
}

/// Si quien espera en una variable de condición puede haber recibido un aviso.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Avisada {
    /// Nadie le ha avisado: sigue esperando un aviso.
    No,
    /// Hubo un `notify_one` mientras esperaba y quizá se lo llevó él (o quizá otro).
    Uno,
    /// Hubo un `notify_all` mientras esperaba: está despierto seguro.
    Todos,
}

impl Avisada {
    /// Si puede estar ya despierto, volviendo a tomar el cerrojo.
    pub fn alguna(self) -> bool {
        self != Avisada::No
    }
}

/// Los `notify_one` aún sin recoger de cada variable de condición, para saber cuándo deja de
/// poder estar despierto quien esperaba cuando se dieron.
///
/// Un `notify_one` con varios esperando los marca a todos ([`Avisada::Uno`]): desde fuera no
/// se ve a cuál despierta shuttle. Sin más, la marca duraría toda la espera, y un hilo que se
/// duerme el último en esa variable no vería el interbloqueo: creería que los marcados solo
/// esperan el cerrojo que él suelta. Shuttle lo vería después e imprimiría su aviso en inglés.
///
/// La cuenta lo resuelve porque la variable de condición de shuttle (0.9, `shuttle-std`) no
/// despierta nunca sin aviso (lo comprueba ella misma con un pánico), cada `notify_one`
/// despierta a uno como mucho, y un `notify_all` convierte en «despertado por todos» a cada
/// uno de los que esperan, con lo que los `notify_one` pendientes se pierden. Los despertares
/// espurios de sincro no pasan por la espera de shuttle ni por esta cuenta.
///
/// Así, `pendientes` nunca es menor que los avisos sin recoger más los despertados con
/// [`Avisada::Uno`] que aún no han vuelto de la espera: cada uno de estos se llevó un aviso
/// contado y aún no lo ha descontado. Cuando llega a cero, ninguno de los marcados con
/// [`Avisada::Uno`] está despierto ni lo estará sin un aviso nuevo: se desmarcan.
#[derive(Default)]
pub(crate) struct Avisos {
    pendientes: HashMap<usize, usize>,
}

impl Avisos {
    /// Se acaba de avisar (`todos`: `notify_all`) en `condicion`, sin que nadie más se haya
    /// ejecutado desde el aviso de shuttle. `esperas`: las de todas las tareas;
    /// `ejecutable`, si shuttle da por ejecutable a una tarea.
    ///
    /// Shuttle acaba de poner ejecutables a todos los que esperaban en su variable: quien
    /// sigue bloqueado no recibió este aviso (ya estaba despierto, esperando el cerrojo, y
    /// tiene la marca del aviso que lo despertó). Si ninguno es ejecutable, el `notify_one`
    /// se perdió y no cuenta.
    pub fn avisa<'a>(
        &mut self,
        condicion: usize,
        todos: bool,
        esperas: impl IntoIterator<Item = (usize, &'a mut Arista)>,
        ejecutable: impl Fn(usize) -> bool,
    ) {
        let mut alguno = false;
        for (tarea, arista) in esperas {
            let Arista::Aviso {
                condicion: c,
                avisada,
                ..
            } = arista
            else {
                continue;
            };
            if *c != condicion {
                continue;
            }
            if todos {
                // A todos, también a los ya despiertos: así ninguno que siga marcado con
                // `Uno` se llevó un aviso de antes de este, que deja de contar.
                *avisada = Avisada::Todos;
            } else if ejecutable(tarea) {
                alguno = true;
                if *avisada == Avisada::No {
                    *avisada = Avisada::Uno;
                }
            }
        }
        if todos {
            self.pendientes.remove(&condicion);
        } else if alguno {
            *self.pendientes.entry(condicion).or_default() += 1;
        }
    }

    /// Una tarea vuelve de la espera `arista` (ya fuera de `esperas`).
    pub fn vuelve<'a>(
        &mut self,
        arista: &Arista,
        esperas: impl IntoIterator<Item = &'a mut Arista>,
    ) {
        // Despertado por un `notify_one`: recogió uno de los contados desde el último
        // `notify_all`. Despertado por todos, no recogió ninguno de los que cuentan.
        let Arista::Aviso {
            condicion,
            avisada: Avisada::Uno,
            ..
        } = arista
        else {
            return;
        };
        let Some(pendientes) = self.pendientes.get_mut(condicion) else {
            return;
        };
        *pendientes = pendientes.saturating_sub(1);
        if *pendientes > 0 {
            return;
        }
        self.pendientes.remove(condicion);
        for otra in esperas {
            if let Arista::Aviso {
                condicion: c,
                avisada,
                ..
            } = otra
                && c == condicion
                && *avisada == Avisada::Uno
            {
                *avisada = Avisada::No;
            }
        }
    }
}

/// Una tarea de shuttle tal como la ve el grafo.
pub(crate) struct Tarea {
    pub id: usize,
    pub ejecutable: bool,
    pub terminada: bool,
    pub separada: bool,
}

/// La foto del grafo en un instante: las tareas, lo que espera cada una y quién tiene cada
/// cerrojo.
pub(crate) struct Foto<'a> {
    pub tareas: &'a [Tarea],
    pub esperas: &'a HashMap<usize, Arista>,
    /// Dueño de cada cerrojo tomado, por su dirección.
    pub duenos: &'a HashMap<usize, usize>,
}

impl Foto<'_> {
    /// Si, bloqueada `yo` (`sigo`) o terminada (`!sigo`), ninguna tarea podrá avanzar y queda
    /// alguna sin terminar de las que shuttle espera. `None` si hay una tarea bloqueada en
    /// algo que sincro no ve: eso lo decide shuttle.
    pub fn nadie_podra_avanzar(&self, yo: usize, sigo: bool) -> Option<bool> {
        let terminada =
            |t: usize| (!sigo && t == yo) || self.tareas.iter().any(|x| x.id == t && x.terminada);
        let vivas: Vec<&Tarea> = self
            .tareas
            .iter()
            .filter(|t| !t.terminada && (sigo || t.id != yo))
            .collect();
        let mut avanzan: HashSet<usize> = HashSet::new();
        for t in &vivas {
            if t.id == yo || self.esperas.contains_key(&t.id) {
                continue;
            }
            if !t.ejecutable {
                // Bloqueada en algo que sincro no ve.
                return None;
            }
            avanzan.insert(t.id);
        }
        // Quien espera en una variable de condición suelta su cerrojo dentro de la espera, y
        // hasta entonces lo sigue teniendo para shuttle. Los avisados que intentan volver a
        // tomarlo están bloqueados en él (no en el aviso): al soltarlo, avanzan. Como desde
        // fuera no se distingue un hilo avisado de uno que aún espera el aviso, cuentan
        // todos los que esperan en ese cerrojo.
        if sigo
            && let Some(Arista::Aviso {
                cerrojo: suelta, ..
            }) = self.esperas.get(&yo)
        {
            for t in &vivas {
                let arista = self.esperas.get(&t.id);
                let espera_el_cerrojo = match arista {
                    Some(Arista::Cerrojo(m)) => m == suelta,
                    Some(Arista::Aviso {
                        cerrojo, avisada, ..
                    }) => cerrojo == suelta && avisada.alguna(),
                    _ => false,
                };
                if t.id != yo && espera_el_cerrojo {
                    avanzan.insert(t.id);
                }
            }
        }
        let cerrojo_avanza = |m: &usize, avanzan: &HashSet<usize>| {
            self.duenos
                .get(m)
                .is_none_or(|d| *d != yo && avanzan.contains(d))
        };
        loop {
            let mut cambio = false;
            for t in &vivas {
                if avanzan.contains(&t.id) {
                    continue;
                }
                let Some(arista) = self.esperas.get(&t.id) else {
                    continue;
                };
                let puede = match arista {
                    Arista::Cerrojo(m) => cerrojo_avanza(m, &avanzan),
                    // Ejecutable: ya avisada, vuelve a tomar el cerrojo.
                    // Ejecutable, va a volver a tomar el cerrojo. Bloqueada y avisada, quizá
                    // espera el cerrojo, pero solo si alguien lo tiene: con el cerrojo libre,
                    // shuttle ya la habría despertado, así que sigue esperando un aviso (otro
                    // se llevó el de `notify_one`). Un aviso solo puede darlo otro que avance.
                    Arista::Aviso {
                        cerrojo, avisada, ..
                    } => {
                        t.id != yo
                            && if t.ejecutable {
                                cerrojo_avanza(cerrojo, &avanzan)
                            } else {
                                avisada.alguna()
                                    && self
                                        .duenos
                                        .get(cerrojo)
                                        .is_some_and(|d| *d != yo && avanzan.contains(d))
                            }
                    }
                    Arista::Hilos(hilos) => hilos
                        .iter()
                        .all(|h| terminada(*h) || (*h != yo && avanzan.contains(h))),
                };
                if puede {
                    avanzan.insert(t.id);
                    cambio = true;
                }
            }
            if !cambio {
                break;
            }
        }
        let queda_alguna = vivas.iter().any(|t| !t.separada);
        Some(avanzan.is_empty() && queda_alguna)
    }

    /// El ciclo de esperas que pasa por `yo`, si lo hay: `(tarea, arista, tarea de la que
    /// depende)`, siguiendo «espera un cerrojo que tiene» y «espera el final de».
    pub fn ciclo_desde(&self, yo: usize) -> Option<Vec<(usize, Arista, usize)>> {
        let mut ciclo = Vec::new();
        let mut actual = yo;
        let mut vistas = HashSet::new();
        while vistas.insert(actual) {
            let arista = self.esperas.get(&actual)?;
            let siguiente = match arista {
                Arista::Cerrojo(m) => *self.duenos.get(m)?,
                Arista::Hilos(hilos) => *hilos
                    .iter()
                    .find(|h| **h == yo || self.esperas.contains_key(h))?,
                Arista::Aviso { .. } => return None,
            };
            ciclo.push((actual, arista.clone(), siguiente));
            if siguiente == yo {
                return Some(ciclo);
            }
            actual = siguiente;
        }
        None
    }
}

// Las pruebas, en su archivo: el grafo solo ya ocupa casi 300 líneas.
#[cfg(test)]
mod pruebas;
