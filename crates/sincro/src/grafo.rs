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

#[cfg(test)]
mod pruebas {
    use super::*;

    fn tarea(id: usize, ejecutable: bool) -> Tarea {
        Tarea {
            id,
            ejecutable,
            terminada: false,
            separada: false,
        }
    }

    #[test]
    fn dos_cerrojos_cruzados_son_un_ciclo_aunque_shuttle_aun_no_haya_bloqueado_al_otro() {
        // El principal espera al hilo 1; el hilo 1 (tarea 1) tiene el cerrojo A y va a
        // esperar el B; el hilo 2 tiene el B y está dentro de lock(A), aún ejecutable.
        let (a, b) = (100, 200);
        let tareas = [tarea(0, false), tarea(1, true), tarea(2, true)];
        let esperas = HashMap::from([
            (0, Arista::Hilos(vec![1])),
            (1, Arista::Cerrojo(b)),
            (2, Arista::Cerrojo(a)),
        ]);
        let duenos = HashMap::from([(a, 1), (b, 2)]);
        let foto = Foto {
            tareas: &tareas,
            esperas: &esperas,
            duenos: &duenos,
        };
        assert_eq!(foto.nadie_podra_avanzar(1, true), Some(true));
        let ciclo = foto.ciclo_desde(1).expect("hay ciclo");
        assert_eq!(
            ciclo,
            vec![(1, Arista::Cerrojo(b), 2), (2, Arista::Cerrojo(a), 1)]
        );
        // Si el B estuviera libre, el hilo 1 avanzaría.
        let libres = HashMap::from([(a, 1)]);
        let foto = Foto {
            duenos: &libres,
            ..foto
        };
        assert_eq!(foto.nadie_podra_avanzar(2, true), Some(false));
    }

    #[test]
    fn quien_fue_avisado_espera_el_cerrojo_que_suelta_quien_se_duerme() {
        // El hilo 2 fue avisado y está bloqueado volviendo a tomar el cerrojo C, que el hilo
        // 1 suelta al dormirse en la misma variable: no es un interbloqueo.
        let c = 300;
        let aviso = |avisada: bool| Arista::Aviso {
            cerrojo: c,
            condicion: 400,
            avisada: if avisada { Avisada::Uno } else { Avisada::No },
        };
        let tareas = [tarea(0, false), tarea(1, true), tarea(2, false)];
        let esperas = HashMap::from([
            (0, Arista::Hilos(vec![1, 2])),
            (1, aviso(false)),
            (2, aviso(true)),
        ]);
        let duenos = HashMap::new();
        let foto = Foto {
            tareas: &tareas,
            esperas: &esperas,
            duenos: &duenos,
        };
        assert_eq!(foto.nadie_podra_avanzar(1, true), Some(false));
        // Sin aviso de por medio, los dos esperan un aviso que nadie dará.
        let esperas = HashMap::from([
            (0, Arista::Hilos(vec![1, 2])),
            (1, aviso(false)),
            (2, aviso(false)),
        ]);
        let foto = Foto {
            esperas: &esperas,
            ..foto
        };
        assert_eq!(foto.nadie_podra_avanzar(1, true), Some(true));
        assert_eq!(foto.ciclo_desde(1), None);
    }

    #[test]
    fn una_tarea_bloqueada_en_algo_que_sincro_no_ve_lo_decide_shuttle() {
        let tareas = [tarea(0, false), tarea(1, true)];
        let esperas = HashMap::from([(1, Arista::Cerrojo(1))]);
        let duenos = HashMap::from([(1, 0)]);
        let foto = Foto {
            tareas: &tareas,
            esperas: &esperas,
            duenos: &duenos,
        };
        assert_eq!(foto.nadie_podra_avanzar(1, true), None);
    }

    #[test]
    fn al_terminar_despierta_a_quien_espera_su_final() {
        let tareas = [tarea(0, false), tarea(1, true)];
        let esperas = HashMap::from([(0, Arista::Hilos(vec![1]))]);
        let duenos = HashMap::new();
        let foto = Foto {
            tareas: &tareas,
            esperas: &esperas,
            duenos: &duenos,
        };
        assert_eq!(foto.nadie_podra_avanzar(1, false), Some(false));
    }

    /// Tres consumidores esperan en la misma variable; el productor avisa a uno y se duerme
    /// él también. Mientras el aviso no se recoja, alguno está despierto; cuando vuelve el
    /// que lo recogió y se duerme de nuevo, ya nadie puede despertar a nadie.
    #[test]
    fn un_aviso_a_uno_recogido_ya_no_despierta_a_los_demas() {
        let (c, v) = (300, 400);
        let aviso = |avisada| Arista::Aviso {
            cerrojo: c,
            condicion: v,
            avisada,
        };
        let mut avisos = Avisos::default();
        let mut esperas = HashMap::from([
            (1, aviso(Avisada::No)),
            (2, aviso(Avisada::No)),
            (3, aviso(Avisada::No)),
        ]);
        // shuttle pone ejecutables a los tres al avisar.
        avisos.avisa(v, false, esperas.iter_mut().map(|(t, a)| (*t, a)), |_| true);
        assert!(esperas.values().all(|a| *a == aviso(Avisada::Uno)));
        // Lo recoge el 1; el 2 y el 3 vuelven a estar bloqueados, pero sincro no lo ve
        // hasta que el 1 vuelve de la espera.
        let vuelve = esperas.remove(&1).unwrap();
        avisos.vuelve(&vuelve, esperas.values_mut());
        assert!(esperas.values().all(|a| *a == aviso(Avisada::No)));
        // El 1 se duerme de nuevo, el último: interbloqueo, visto por sincro.
        esperas.insert(1, aviso(Avisada::No));
        let tareas = [
            tarea(0, false),
            tarea(1, true),
            tarea(2, false),
            tarea(3, false),
        ];
        let esperas_de_todas = {
            let mut e = esperas.clone();
            e.insert(0, Arista::Hilos(vec![1, 2, 3]));
            e
        };
        let duenos = HashMap::from([(c, 1)]);
        let foto = Foto {
            tareas: &tareas,
            esperas: &esperas_de_todas,
            duenos: &duenos,
        };
        assert_eq!(foto.nadie_podra_avanzar(1, true), Some(true));
    }

    /// Dos avisos a uno con tres esperando: tras volver uno, el otro aviso sigue sin recoger y
    /// los que esperan pueden estar despiertos; no es un interbloqueo.
    #[test]
    fn mientras_quede_un_aviso_sin_recoger_los_avisados_siguen_marcados() {
        let v = 400;
        let aviso = |avisada| Arista::Aviso {
            cerrojo: 300,
            condicion: v,
            avisada,
        };
        let mut avisos = Avisos::default();
        let mut esperas = HashMap::from([
            (1, aviso(Avisada::No)),
            (2, aviso(Avisada::No)),
            (3, aviso(Avisada::No)),
        ]);
        for _ in 0..2 {
            avisos.avisa(v, false, esperas.iter_mut().map(|(t, a)| (*t, a)), |_| true);
        }
        let vuelve = esperas.remove(&1).unwrap();
        avisos.vuelve(&vuelve, esperas.values_mut());
        assert!(esperas.values().all(|a| *a == aviso(Avisada::Uno)));
        let vuelve = esperas.remove(&2).unwrap();
        avisos.vuelve(&vuelve, esperas.values_mut());
        assert_eq!(esperas[&3], aviso(Avisada::No));
    }

    /// Quien ya estaba despierto (bloqueado en el cerrojo que tiene quien avisa) no recibe
    /// el aviso de shuttle: si es el único, el aviso se pierde y no cuenta, y al volver él
    /// (con el aviso que sí recogió) ya no queda ninguno.
    #[test]
    fn un_aviso_que_no_recibe_nadie_no_cuenta() {
        let v = 400;
        let aviso = |avisada| Arista::Aviso {
            cerrojo: 300,
            condicion: v,
            avisada,
        };
        let mut avisos = Avisos::default();
        let mut esperas = HashMap::from([(1, aviso(Avisada::No)), (2, aviso(Avisada::No))]);
        avisos.avisa(v, false, esperas.iter_mut().map(|(t, a)| (*t, a)), |_| true);
        // El 1 lo recogió y espera el cerrojo; el 2 volvió a bloquearse. Nuevo aviso: shuttle
        // no pone ejecutable a ninguno de los dos.
        avisos.avisa(v, false, esperas.iter_mut().map(|(t, a)| (*t, a)), |_| {
            false
        });
        let vuelve = esperas.remove(&1).unwrap();
        avisos.vuelve(&vuelve, esperas.values_mut());
        assert_eq!(esperas[&2], aviso(Avisada::No));
    }

    /// Un aviso a todos despierta seguro a todos los que esperan: esa marca no se quita, y
    /// los avisos a uno anteriores se pierden (shuttle los sustituye por el aviso a todos).
    #[test]
    fn un_aviso_a_todos_no_se_desmarca() {
        let v = 400;
        let aviso = |avisada| Arista::Aviso {
            cerrojo: 300,
            condicion: v,
            avisada,
        };
        let mut avisos = Avisos::default();
        let mut esperas = HashMap::from([(1, aviso(Avisada::No)), (2, aviso(Avisada::No))]);
        avisos.avisa(v, false, esperas.iter_mut().map(|(t, a)| (*t, a)), |_| true);
        avisos.avisa(v, true, esperas.iter_mut().map(|(t, a)| (*t, a)), |_| true);
        // Empieza a esperar el 3 y recibe un aviso a uno; vuelve el 1.
        esperas.insert(3, aviso(Avisada::No));
        avisos.avisa(v, false, esperas.iter_mut().map(|(t, a)| (*t, a)), |t| {
            t == 3
        });
        let vuelve = esperas.remove(&1).unwrap();
        avisos.vuelve(&vuelve, esperas.values_mut());
        // El 1 volvió por el aviso a todos: el del 3 sigue sin recoger.
        assert_eq!(esperas[&2], aviso(Avisada::Todos));
        assert_eq!(esperas[&3], aviso(Avisada::Uno));
        // Lo recoge el 3: el 2 sigue despierto por el aviso a todos.
        let vuelve = esperas.remove(&3).unwrap();
        avisos.vuelve(&vuelve, esperas.values_mut());
        assert_eq!(esperas[&2], aviso(Avisada::Todos));
    }

    /// Avisos en otra variable de condición no cuentan para esta.
    #[test]
    fn cada_variable_cuenta_sus_avisos() {
        let aviso = |condicion, avisada| Arista::Aviso {
            cerrojo: 300,
            condicion,
            avisada,
        };
        let mut avisos = Avisos::default();
        let mut esperas = HashMap::from([
            (1, aviso(400, Avisada::No)),
            (2, aviso(400, Avisada::No)),
            (3, aviso(500, Avisada::No)),
        ]);
        avisos.avisa(400, false, esperas.iter_mut().map(|(t, a)| (*t, a)), |_| {
            true
        });
        avisos.avisa(500, false, esperas.iter_mut().map(|(t, a)| (*t, a)), |_| {
            true
        });
        assert_eq!(esperas[&3], aviso(500, Avisada::Uno));
        let vuelve = esperas.remove(&1).unwrap();
        avisos.vuelve(&vuelve, esperas.values_mut());
        assert_eq!(esperas[&2], aviso(400, Avisada::No));
        assert_eq!(esperas[&3], aviso(500, Avisada::Uno));
    }
}
