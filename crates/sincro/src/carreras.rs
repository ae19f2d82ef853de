//! Detector de carreras de datos para la exploración: relojes vectoriales al estilo de
//! ThreadSanitizer, en miniatura.
//!
//! shuttle explora órdenes de los hilos, pero ejecuta cada orden con consistencia secuencial:
//! un cerrojo que libera con `Ordering::Relaxed` funciona «por casualidad» y ninguna
//! planificación lo delata. Este detector sí: lleva la cuenta de qué sabe cada hilo de los
//! demás (un reloj vectorial), y solo las operaciones que sincronizan de verdad transmiten ese
//! conocimiento:
//!
//! - una escritura `Release` (o `AcqRel`, `SeqCst`) publica el reloj del hilo en el atómico;
//!   una lectura `Acquire` (o `AcqRel`, `SeqCst`) que la ve lo incorpora;
//! - las operaciones de lectura-modificación-escritura continúan la secuencia de
//!   liberación; una escritura `Relaxed` la corta;
//! - lanzar y esperar (`join`) un hilo, y tomar y soltar un `Mutex`, también sincronizan;
//! - las vallas (`fence`), como en el modelo de memoria de C++ que sigue Rust: una escritura
//!   `Relaxed` publica lo que el hilo sabía en su última valla `Release` (o `AcqRel`,
//!   `SeqCst`), y una lectura `Relaxed` deja pendiente lo publicado, que el hilo incorpora en
//!   su siguiente valla `Acquire` (o `AcqRel`, `SeqCst`). `compiler_fence` no sincroniza
//!   hilos (solo ordena el código frente a un manejador de señales del mismo hilo): el
//!   detector no la tiene en cuenta, y con razón.
//!
//! Cada acceso a una [`crate::cell::UnsafeCell`] se compara con los accesos anteriores de
//! otros hilos: si alguno no «sucede antes» que este, es una carrera de datos.

use std::cell::RefCell;
use std::collections::HashMap;

/// Lo que un hilo (o un atómico) sabe de cada hilo: el último instante de cada uno que le
/// consta.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Reloj(Vec<u32>);

impl Reloj {
    fn get(&self, hilo: usize) -> u32 {
        self.0.get(hilo).copied().unwrap_or(0)
    }

    pub(crate) fn unir(&mut self, otro: &Reloj) {
        if self.0.len() < otro.0.len() {
            self.0.resize(otro.0.len(), 0);
        }
        for (a, &b) in self.0.iter_mut().zip(&otro.0) {
            *a = (*a).max(b);
        }
    }

    fn avanzar(&mut self, hilo: usize) {
        if self.0.len() <= hilo {
            self.0.resize(hilo + 1, 0);
        }
        self.0[hilo] += 1;
    }
}

#[derive(Default)]
struct Estado {
    indices: HashMap<shuttle::thread::ThreadId, usize>,
    nombres: Vec<String>,
    relojes: Vec<Reloj>,
    /// Por hilo, su reloj en su última valla de liberación: lo que publican sus escrituras
    /// `Relaxed` posteriores.
    vallas: Vec<Reloj>,
    /// Por hilo, lo que sus lecturas `Relaxed` vieron publicado y aún no ha incorporado: lo
    /// incorpora su siguiente valla de adquisición.
    pendientes: Vec<Reloj>,
}

thread_local! {
    // Todos los hilos explorados son corrutinas del mismo hilo del sistema: un estado por
    // hilo del sistema es un estado por exploración.
    static ESTADO: RefCell<Estado> = RefCell::new(Estado::default());
}

/// Olvida todo: cada ejecución explorada empieza de cero.
pub(crate) fn reiniciar() {
    ESTADO.with(|e| *e.borrow_mut() = Estado::default());
}

/// El índice del hilo explorado actual, dándolo de alta si es nuevo.
fn yo(estado: &mut Estado) -> usize {
    let hilo = shuttle::thread::current();
    let siguiente = estado.indices.len();
    let indice = *estado.indices.entry(hilo.id()).or_insert(siguiente);
    if indice == estado.relojes.len() {
        let mut reloj = Reloj::default();
        reloj.avanzar(indice);
        estado.relojes.push(reloj);
        estado.vallas.push(Reloj::default());
        estado.pendientes.push(Reloj::default());
        estado
            .nombres
            .push(hilo.name().unwrap_or("hilo principal").to_string());
    }
    indice
}

/// Publica: devuelve el reloj del hilo actual y avanza su instante.
pub(crate) fn liberar() -> Reloj {
    ESTADO.with(|e| {
        let mut e = e.borrow_mut();
        let i = yo(&mut e);
        let reloj = e.relojes[i].clone();
        e.relojes[i].avanzar(i);
        reloj
    })
}

/// Incorpora lo que otro publicó.
pub(crate) fn adquirir(publicado: &Reloj) {
    ESTADO.with(|e| {
        let mut e = e.borrow_mut();
        let i = yo(&mut e);
        e.relojes[i].unir(publicado);
    })
}

/// Lo que publica una escritura `Relaxed` del hilo actual: su reloj en su última valla de
/// liberación (nada, si no hizo ninguna).
pub(crate) fn liberado_por_valla() -> Reloj {
    ESTADO.with(|e| {
        let mut e = e.borrow_mut();
        let i = yo(&mut e);
        e.vallas[i].clone()
    })
}

/// Una lectura `Relaxed` vio lo publicado: queda pendiente hasta una valla de adquisición.
pub(crate) fn observar(publicado: &Reloj) {
    ESTADO.with(|e| {
        let mut e = e.borrow_mut();
        let i = yo(&mut e);
        e.pendientes[i].unir(publicado);
    })
}

/// Una valla del hilo actual: la de adquisición incorpora lo que sus lecturas `Relaxed`
/// vieron; la de liberación guarda su reloj para sus escrituras `Relaxed` posteriores.
pub(crate) fn valla(adquiere: bool, libera: bool) {
    ESTADO.with(|e| {
        let mut e = e.borrow_mut();
        let i = yo(&mut e);
        if adquiere {
            let pendiente = e.pendientes[i].clone();
            e.relojes[i].unir(&pendiente);
        }
        if libera {
            e.vallas[i] = e.relojes[i].clone();
            e.relojes[i].avanzar(i);
        }
    })
}

/// Los accesos a un dato: el último de cada hilo, como (hilo, instante).
#[derive(Default, Debug)]
pub(crate) struct Accesos(Vec<(usize, u32)>);

/// Registra un acceso del hilo actual y devuelve la descripción de la carrera si algún
/// acceso anterior de otro hilo no sucede antes que este.
pub(crate) fn acceder(accesos: &mut Accesos) -> Option<String> {
    ESTADO.with(|e| {
        let mut e = e.borrow_mut();
        let i = yo(&mut e);
        let reloj = &e.relojes[i];
        let carrera = accesos.0.iter().find(|&&(otro, instante)| otro != i && reloj.get(otro) < instante);
        let informe = carrera.map(|&(otro, _)| {
            format!(
                "carrera de datos: «{}» accede al dato protegido sin haberse sincronizado con el \
                 último acceso de «{}». Nada ordena los dos accesos: suele faltar Ordering::Acquire \
                 al adquirir el cerrojo o Ordering::Release al liberarlo (con Relaxed, y sin \
                 una valla fence(Acquire) o fence(Release) que lo supla, no se transmite lo \
                 escrito dentro de la sección crítica).",
                e.nombres[i], e.nombres[otro]
            )
        });
        let instante = reloj.get(i);
        accesos.0.retain(|&(h, _)| h != i);
        accesos.0.push((i, instante));
        informe
    })
}
