//! Una entrega correcta de `semaforos`, escrita de otra manera que la solución de referencia.

use sincro::{Condvar, Mutex};
use std::time::{Duration, Instant};

pub struct Semaforo {
    libres: Mutex<usize>,
    aviso: Condvar,
}

#[must_use]
pub struct Permiso<'a> {
    semaforo: &'a Semaforo,
}

impl Semaforo {
    pub fn new(permisos: usize) -> Self {
        Semaforo {
            libres: Mutex::new(permisos),
            aviso: Condvar::new(),
        }
    }

    pub fn adquirir(&self) -> Permiso<'_> {
        let mut libres = self.libres.lock();
        while *libres == 0 {
            self.aviso.wait(&mut libres);
        }
        *libres -= 1;
        Permiso { semaforo: self }
    }

    pub fn intentar_adquirir(&self) -> Option<Permiso<'_>> {
        let mut libres = self.libres.lock();
        if *libres > 0 {
            *libres -= 1;
            Some(Permiso { semaforo: self })
        } else {
            None
        }
    }

    pub fn adquirir_con_limite(&self, limite: Duration) -> Option<Permiso<'_>> {
        let final_ = Instant::now() + limite;
        let mut libres = self.libres.lock();
        while *libres == 0 {
            let ahora = Instant::now();
            if ahora >= final_ {
                return None;
            }
            self.aviso.wait_for(&mut libres, final_ - ahora);
        }
        *libres -= 1;
        Some(Permiso { semaforo: self })
    }

    pub fn disponibles(&self) -> usize {
        *self.libres.lock()
    }

    pub fn senalar(&self) {
        let mut libres = self.libres.lock();
        *libres += 1;
        self.aviso.notify_one();
    }
}

impl Permiso<'_> {
    pub fn consumir(self) {
        std::mem::forget(self)
    }
}

impl Drop for Permiso<'_> {
    fn drop(&mut self) {
        self.semaforo.senalar()
    }
}

pub struct Multiplex {
    semaforo: Semaforo,
}

impl Multiplex {
    pub fn new(n: usize) -> Self {
        Multiplex {
            semaforo: Semaforo::new(n),
        }
    }

    pub fn ejecutar<R>(&self, f: impl FnOnce() -> R) -> R {
        let permiso = self.semaforo.adquirir();
        let resultado = f();
        drop(permiso);
        resultado
    }
}

struct Ronda {
    esperando: usize,
    numero: u64,
}

pub struct Barrera {
    hilos: usize,
    ronda: Mutex<Ronda>,
    fin_de_ronda: Condvar,
}

impl Barrera {
    pub fn new(n: usize) -> Self {
        Barrera {
            hilos: n.max(1),
            ronda: Mutex::new(Ronda {
                esperando: 0,
                numero: 0,
            }),
            fin_de_ronda: Condvar::new(),
        }
    }

    pub fn esperar(&self) -> bool {
        let mut ronda = self.ronda.lock();
        let mia = ronda.numero;
        ronda.esperando += 1;
        if ronda.esperando < self.hilos {
            while ronda.numero == mia {
                self.fin_de_ronda.wait(&mut ronda);
            }
            return false;
        }
        ronda.esperando = 0;
        ronda.numero += 1;
        self.fin_de_ronda.notify_all();
        true
    }
}

pub fn recurso_compartido(procesos: usize) -> Vec<String> {
    let semaforo = Semaforo::new(1);
    let lista = Mutex::new(Vec::new());
    sincro::thread::scope(|s| {
        for i in 1..=procesos {
            let semaforo = &semaforo;
            let lista = &lista;
            s.spawn(move || {
                let _p = semaforo.adquirir();
                lista.lock().push(format!("Datos del proceso {i}"));
            });
        }
    });
    lista.into_inner()
}
