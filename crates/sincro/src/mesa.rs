//! La mesa de los filósofos: tenedores que saben quién los tiene y quién los espera.
//!
//! El ejercicio `filosofos` no construye los tenedores: los pone el curso, instrumentados.
//! Cada tenedor es un cerrojo sin dato que recuerda su dueño y la cola de filósofos que lo
//! esperan, y la mesa entera forma así un **grafo de esperas**: «el filósofo 1 espera el
//! tenedor 2, que tiene el filósofo 2». Si ese grafo tiene un ciclo, nadie del ciclo puede
//! avanzar nunca: es un interbloqueo, y [`Mesa::ciclo`] lo describe en español.
//!
//! - Un observador opcional ([`Mesa::con_observador`]) recibe cada [`Evento`]: las suites lo
//!   usan para anotar la traza de una ejecución explorada, y el evento [`Evento::Ciclo`]
//!   llega en el momento en que el ciclo se cierra.
//! - Los tenedores se entregan **por orden de llegada**: quien suelta un tenedor que alguien
//!   espera se lo da directamente al primero de la cola. Así la inanición, si aparece, es
//!   culpa de las reglas de los filósofos, no de los tenedores.
//!
//! Con `n` filósofos hay `n` tenedores, numerados desde 0. El filósofo `i` tiene a su
//! izquierda el tenedor `i` y a su derecha el tenedor `(i + 1) % n`.

use crate::{Condvar, Mutex};
use std::collections::VecDeque;
use std::fmt;

/// Lo que le pasa a un tenedor. Se describe en español con `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evento {
    /// Un filósofo toma un tenedor que estaba libre.
    Toma { filosofo: usize, tenedor: usize },
    /// Un filósofo se pone a esperar un tenedor que tiene otro.
    Espera {
        filosofo: usize,
        tenedor: usize,
        dueno: usize,
    },
    /// Un filósofo suelta un tenedor; si alguien lo esperaba, pasa a sus manos (`para`).
    Suelta {
        filosofo: usize,
        tenedor: usize,
        para: Option<usize>,
    },
    /// Un intento sin espera que falla porque el tenedor tiene dueño.
    NoPuede {
        filosofo: usize,
        tenedor: usize,
        dueno: usize,
    },
    /// La última espera ha cerrado un ciclo en el grafo de esperas: un interbloqueo.
    Ciclo(Ciclo),
}

impl fmt::Display for Evento {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Evento::Toma { filosofo, tenedor } => {
                write!(f, "filósofo {filosofo} toma el tenedor {tenedor}")
            }
            Evento::Espera {
                filosofo,
                tenedor,
                dueno,
            } => write!(
                f,
                "filósofo {filosofo} espera el tenedor {tenedor} (lo tiene el filósofo {dueno})"
            ),
            Evento::Suelta {
                filosofo,
                tenedor,
                para: None,
            } => write!(f, "filósofo {filosofo} suelta el tenedor {tenedor}"),
            Evento::Suelta {
                filosofo,
                tenedor,
                para: Some(otro),
            } => write!(
                f,
                "filósofo {filosofo} suelta el tenedor {tenedor}, que pasa al filósofo {otro}"
            ),
            Evento::NoPuede {
                filosofo,
                tenedor,
                dueno,
            } => write!(
                f,
                "filósofo {filosofo} intenta tomar el tenedor {tenedor}, pero lo tiene el filósofo {dueno}"
            ),
            Evento::Ciclo(ciclo) => write!(f, "{ciclo}"),
        }
    }
}

/// Un ciclo del grafo de esperas: cada filósofo espera un tenedor que tiene el siguiente, y
/// el último espera uno que tiene el primero.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ciclo {
    /// `(filósofo, tenedor que espera, quién lo tiene)`, en el orden del ciclo.
    pub esperas: Vec<(usize, usize, usize)>,
}

impl fmt::Display for Ciclo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ciclo de esperas: ")?;
        for (i, (filosofo, tenedor, dueno)) in self.esperas.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            if filosofo == dueno {
                write!(
                    f,
                    "filósofo {filosofo} espera el tenedor {tenedor}, que tiene él mismo"
                )?;
            } else {
                write!(
                    f,
                    "filósofo {filosofo} espera el tenedor {tenedor}, que tiene el filósofo {dueno}"
                )?;
            }
        }
        f.write_str(": es un ciclo, un interbloqueo")
    }
}

/// El estado de todos los tenedores, bajo un solo cerrojo: así el grafo de esperas que se
/// observa es siempre coherente.
struct Estado {
    /// Quién tiene cada tenedor.
    dueno: Vec<Option<usize>>,
    /// Quién espera cada tenedor, por orden de llegada.
    cola: Vec<VecDeque<usize>>,
    /// Qué tenedor espera cada filósofo (como mucho uno: esperar bloquea).
    espera: Vec<Option<usize>>,
}

impl Estado {
    /// El ciclo que pasa por `filosofo`, si lo hay, siguiendo «espera a quien lo tiene».
    fn ciclo_desde(&self, filosofo: usize) -> Option<Ciclo> {
        let mut esperas = Vec::new();
        let mut actual = filosofo;
        while let Some(tenedor) = self.espera[actual] {
            let dueno = self.dueno[tenedor]?;
            esperas.push((actual, tenedor, dueno));
            if dueno == filosofo {
                return Some(Ciclo { esperas });
            }
            if esperas.len() > self.espera.len() {
                // Un ciclo que no pasa por `filosofo`: ya lo encontrará quien lo cerró.
                return None;
            }
            actual = dueno;
        }
        None
    }
}

type Observador = Box<dyn Fn(&Evento) + Send + Sync>;

/// Una mesa redonda con `n` filósofos y `n` tenedores instrumentados.
pub struct Mesa {
    n: usize,
    estado: Mutex<Estado>,
    /// Una variable de condición por filósofo: se le avisa cuando recibe el tenedor que
    /// esperaba.
    turno: Vec<Condvar>,
    observador: Option<Observador>,
}

impl fmt::Debug for Mesa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mesa {{ filosofos: {} }}", self.n)
    }
}

impl Mesa {
    /// Una mesa para `n` filósofos, con `n` tenedores libres. Entra en pánico si `n < 2`:
    /// con un solo filósofo, su tenedor izquierdo y el derecho serían el mismo.
    pub fn new(n: usize) -> Self {
        assert!(
            n >= 2,
            "una mesa necesita al menos 2 filósofos (se pidieron {n})"
        );
        Self {
            n,
            estado: Mutex::interno(Estado {
                dueno: vec![None; n],
                cola: vec![VecDeque::new(); n],
                espera: vec![None; n],
            }),
            turno: (0..n).map(|_| Condvar::interna()).collect(),
            observador: None,
        }
    }

    /// Como [`new`](Self::new), y `observador` recibe cada [`Evento`] de los tenedores. Se
    /// le llama con el cerrojo de la mesa adquirido: no debe usar la mesa.
    pub fn con_observador(n: usize, observador: impl Fn(&Evento) + Send + Sync + 'static) -> Self {
        Self {
            observador: Some(Box::new(observador)),
            ..Self::new(n)
        }
    }

    /// Cuántos filósofos (y tenedores) hay.
    pub fn filosofos(&self) -> usize {
        self.n
    }

    /// El tenedor número `numero`.
    pub fn tenedor(&self, numero: usize) -> Tenedor<'_> {
        assert!(
            numero < self.n,
            "no hay tenedor {numero} en una mesa de {} (van del 0 al {})",
            self.n,
            self.n - 1
        );
        Tenedor { mesa: self, numero }
    }

    /// El tenedor de la izquierda del filósofo `filosofo`: el número `filosofo`.
    pub fn izquierdo(&self, filosofo: usize) -> Tenedor<'_> {
        self.comprobar_filosofo(filosofo);
        self.tenedor(filosofo)
    }

    /// El tenedor de la derecha del filósofo `filosofo`: el número `(filosofo + 1) % n`.
    pub fn derecho(&self, filosofo: usize) -> Tenedor<'_> {
        self.comprobar_filosofo(filosofo);
        self.tenedor((filosofo + 1) % self.n)
    }

    /// Quién tiene ahora el tenedor `numero` (`None` si está libre).
    pub fn dueno(&self, numero: usize) -> Option<usize> {
        self.tenedor(numero);
        self.estado.lock().dueno[numero]
    }

    /// Un ciclo de esperas ahora mismo, si lo hay: un interbloqueo ya formado, del que los
    /// filósofos del ciclo no saldrán nunca.
    pub fn ciclo(&self) -> Option<Ciclo> {
        let estado = self.estado.lock();
        (0..self.n).find_map(|f| estado.ciclo_desde(f))
    }

    /// Quién espera qué tenedor ahora mismo, en español, una espera por línea (o «nadie
    /// espera ningún tenedor»).
    pub fn esperas(&self) -> String {
        let estado = self.estado.lock();
        let lineas: Vec<String> = (0..self.n)
            .filter_map(|f| {
                let tenedor = estado.espera[f]?;
                Some(match estado.dueno[tenedor] {
                    Some(d) => format!(
                        "filósofo {f} espera el tenedor {tenedor}, que tiene el filósofo {d}"
                    ),
                    None => format!("filósofo {f} espera el tenedor {tenedor}, que está libre"),
                })
            })
            .collect();
        if lineas.is_empty() {
            "nadie espera ningún tenedor".into()
        } else {
            lineas.join("\n")
        }
    }

    fn comprobar_filosofo(&self, filosofo: usize) {
        assert!(
            filosofo < self.n,
            "no hay filósofo {filosofo} en una mesa de {} (van del 0 al {})",
            self.n,
            self.n - 1
        );
    }

    fn avisar(&self, evento: Evento) {
        if let Some(observador) = &self.observador {
            observador(&evento);
        }
    }

    fn soltar(&self, filosofo: usize, tenedor: usize) {
        let mut estado = self.estado.lock();
        debug_assert_eq!(estado.dueno[tenedor], Some(filosofo));
        let para = estado.cola[tenedor].pop_front();
        estado.dueno[tenedor] = para;
        if let Some(otro) = para {
            // Entrega directa: el tenedor ya es suyo, nadie puede colarse.
            estado.espera[otro] = None;
            self.turno[otro].notify_one();
        }
        self.avisar(Evento::Suelta {
            filosofo,
            tenedor,
            para,
        });
    }
}

/// Un tenedor de una [`Mesa`]. Se toma con [`tomar`](Self::tomar) (esperando) o
/// [`intentar_tomar`](Self::intentar_tomar) (sin esperar); se suelta al destruir el
/// [`EnMano`] que devuelven.
#[derive(Debug, Clone, Copy)]
pub struct Tenedor<'a> {
    mesa: &'a Mesa,
    numero: usize,
}

/// Un tenedor en la mano de un filósofo. Al destruirse, el tenedor vuelve a la mesa (o a
/// las manos del primero que lo esperaba), también si el filósofo entra en pánico.
#[must_use = "si no guardas el tenedor, lo sueltas en el acto"]
#[derive(Debug)]
pub struct EnMano<'a> {
    mesa: &'a Mesa,
    tenedor: usize,
    filosofo: usize,
}

impl<'a> Tenedor<'a> {
    /// El número del tenedor.
    pub fn numero(&self) -> usize {
        self.numero
    }

    /// Quién lo tiene ahora (`None` si está libre).
    pub fn dueno(&self) -> Option<usize> {
        self.mesa.dueno(self.numero)
    }

    /// El filósofo `filosofo` toma el tenedor; si lo tiene otro, espera (durmiendo) a que se
    /// lo den. Los que esperan un mismo tenedor lo reciben por orden de llegada.
    pub fn tomar(&self, filosofo: usize) -> EnMano<'a> {
        let mesa = self.mesa;
        mesa.comprobar_filosofo(filosofo);
        let tenedor = self.numero;
        let mut estado = mesa.estado.lock();
        match estado.dueno[tenedor] {
            None => {
                estado.dueno[tenedor] = Some(filosofo);
                mesa.avisar(Evento::Toma { filosofo, tenedor });
            }
            Some(dueno) => {
                estado.cola[tenedor].push_back(filosofo);
                estado.espera[filosofo] = Some(tenedor);
                mesa.avisar(Evento::Espera {
                    filosofo,
                    tenedor,
                    dueno,
                });
                if let Some(ciclo) = estado.ciclo_desde(filosofo) {
                    mesa.avisar(Evento::Ciclo(ciclo));
                }
                while estado.dueno[tenedor] != Some(filosofo) {
                    mesa.turno[filosofo].wait(&mut estado);
                }
            }
        }
        EnMano {
            mesa,
            tenedor,
            filosofo,
        }
    }

    /// El filósofo `filosofo` toma el tenedor si está libre; si lo tiene otro, devuelve
    /// `None` sin esperar.
    pub fn intentar_tomar(&self, filosofo: usize) -> Option<EnMano<'a>> {
        let mesa = self.mesa;
        mesa.comprobar_filosofo(filosofo);
        let tenedor = self.numero;
        let mut estado = mesa.estado.lock();
        match estado.dueno[tenedor] {
            None => {
                estado.dueno[tenedor] = Some(filosofo);
                mesa.avisar(Evento::Toma { filosofo, tenedor });
                Some(EnMano {
                    mesa,
                    tenedor,
                    filosofo,
                })
            }
            Some(dueno) => {
                mesa.avisar(Evento::NoPuede {
                    filosofo,
                    tenedor,
                    dueno,
                });
                None
            }
        }
    }
}

impl EnMano<'_> {
    /// El número del tenedor que se tiene.
    pub fn numero(&self) -> usize {
        self.tenedor
    }

    /// Quién lo tiene.
    pub fn filosofo(&self) -> usize {
        self.filosofo
    }

    /// Suelta el tenedor (lo mismo que destruir el `EnMano`).
    pub fn soltar(self) {}
}

impl Drop for EnMano<'_> {
    fn drop(&mut self) {
        self.mesa.soltar(self.filosofo, self.tenedor);
    }
}

#[cfg(test)]
mod pruebas {
    use super::*;
    use std::sync::{Arc, Mutex as StdMutex};

    #[test]
    fn un_ciclo_de_esperas_se_describe_en_espanol() {
        let eventos = Arc::new(StdMutex::new(Vec::new()));
        let registro = Arc::clone(&eventos);
        let mesa = Arc::new(Mesa::con_observador(3, move |e| {
            registro.lock().unwrap().push(e.to_string())
        }));
        let izquierdos: Vec<_> = (0..3).map(|f| mesa.izquierdo(f).tomar(f)).collect();
        assert!(mesa.ciclo().is_none());
        // Dos filósofos esperan su tenedor derecho; el tercero, en su hilo, cierra el ciclo.
        let hilos: Vec<_> = (0..3)
            .map(|f| {
                let mesa = Arc::clone(&mesa);
                std::thread::spawn(move || drop(mesa.derecho(f).tomar(f)))
            })
            .collect();
        while mesa.ciclo().is_none() {
            std::thread::yield_now();
        }
        let ciclo = mesa.ciclo().unwrap().to_string();
        assert!(ciclo.contains("filósofo 0 espera el tenedor 1, que tiene el filósofo 1"));
        assert!(ciclo.ends_with("es un ciclo, un interbloqueo"));
        assert_eq!(mesa.esperas().lines().count(), 3);
        drop(izquierdos); // se deshace el ciclo: cada tenedor pasa a quien lo esperaba
        for h in hilos {
            h.join().unwrap();
        }
        assert!((0..3).all(|t| mesa.dueno(t).is_none()));
        let eventos = eventos.lock().unwrap();
        assert!(eventos.iter().any(|e| e.starts_with("ciclo de esperas")));
        assert!(eventos.iter().any(|e| e.contains("que pasa al filósofo")));
    }
}
