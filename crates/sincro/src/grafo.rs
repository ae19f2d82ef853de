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
    /// tomar el cerrojo (`cerrojo`). `avisada`: alguien avisó en esa variable desde que el
    /// hilo empezó a esperar (quizá a él: entonces ya no espera el aviso sino el cerrojo).
    Aviso {
        cerrojo: usize,
        condicion: usize,
        avisada: bool,
    },
    /// El final de estas tareas (`join`, o el final de un ámbito de hilos).
    Hilos(Vec<usize>),
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
                    }) => cerrojo == suelta && *avisada,
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
                                *avisada
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
        let aviso = |avisada| Arista::Aviso {
            cerrojo: c,
            condicion: 400,
            avisada,
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
}
