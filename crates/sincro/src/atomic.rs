//! Atómicos, reales o explorados. Al explorar, además, sus órdenes de memoria alimentan el
//! detector de carreras de datos (ver [`crate::cell::UnsafeCell`]).

use crate::carreras::{self, Reloj};
use crate::modo::explorando;
use std::sync::Mutex;
pub use std::sync::atomic::Ordering;

fn adquiere(orden: Ordering) -> bool {
    matches!(
        orden,
        Ordering::Acquire | Ordering::AcqRel | Ordering::SeqCst
    )
}

fn libera(orden: Ordering) -> bool {
    matches!(
        orden,
        Ordering::Release | Ordering::AcqRel | Ordering::SeqCst
    )
}

/// Lo que un atómico explorado recuerda para el detector: el reloj de su secuencia de
/// liberación.
#[derive(Default)]
struct Sincronizacion(Mutex<Reloj>);

impl Sincronizacion {
    fn cargar(&self, orden: Ordering) {
        let publicado = self.0.lock().unwrap();
        if adquiere(orden) {
            carreras::adquirir(&publicado);
        } else {
            // Relaxed: lo publicado solo cuenta si después viene una valla Acquire.
            carreras::observar(&publicado);
        }
    }

    fn guardar(&self, orden: Ordering) {
        // Una escritura simple empieza una secuencia nueva: con Relaxed, publica solo lo que
        // el hilo sabía en su última valla Release (nada, si no hizo ninguna).
        *self.0.lock().unwrap() = if libera(orden) {
            carreras::liberar()
        } else {
            carreras::liberado_por_valla()
        };
    }

    fn modificar(&self, orden: Ordering) {
        self.cargar(orden);
        // Una lectura-modificación-escritura continúa la secuencia y añade lo suyo.
        let reloj = if libera(orden) {
            carreras::liberar()
        } else {
            carreras::liberado_por_valla()
        };
        self.0.lock().unwrap().unir(&reloj);
    }
}

/// Como [`std::sync::atomic::fence`]. Al explorar, el detector de carreras la tiene en
/// cuenta: `fence(Release)` seguida de una escritura `Relaxed` publica como una escritura
/// `Release`, y una lectura `Relaxed` seguida de `fence(Acquire)` recibe como una lectura
/// `Acquire`.
///
/// # Pánicos
///
/// Con `Ordering::Relaxed`, como la de std: no existe una valla relajada.
pub fn fence(orden: Ordering) {
    if explorando() {
        assert!(
            orden != Ordering::Relaxed,
            "fence(Ordering::Relaxed) no existe: una valla es Acquire, Release, AcqRel o SeqCst"
        );
        carreras::valla(adquiere(orden), libera(orden));
    } else {
        std::sync::atomic::fence(orden);
    }
}

/// Como [`std::sync::atomic::compiler_fence`]: solo impide que el compilador reordene
/// accesos del mismo hilo (frente a un manejador de señales); **no** sincroniza hilos, ni
/// al explorar.
pub use std::sync::atomic::compiler_fence;

macro_rules! atomico {
    ($nombre:ident, $tipo:ty, $std:ty, $shuttle:ty, [$($aritmetica:ident),*]) => {
        #[doc = concat!("Como `std::sync::atomic::", stringify!($nombre), "`.")]
        pub struct $nombre(Imp);

        // Lo explorado va en una caja: así el atómico real ocupa 16 bytes y no varias
        // decenas, y un cerrojo hecho con ellos cabe en una línea de caché, como uno de std
        // (en las medidas, cada línea de más es un viaje de más entre núcleos).
        enum Imp {
            Real($std),
            Explorado(Box<($shuttle, Sincronizacion)>),
        }

        impl $nombre {
            pub fn new(valor: $tipo) -> Self {
                if explorando() {
                    Self(Imp::Explorado(Box::new((<$shuttle>::new(valor), Sincronizacion::default()))))
                } else {
                    Self(Imp::Real(<$std>::new(valor)))
                }
            }

            pub fn load(&self, orden: Ordering) -> $tipo {
                match &self.0 {
                    Imp::Real(a) => a.load(orden),
                    Imp::Explorado(caja) => {
                        let (a, s) = &**caja;
                        let v = a.load(orden);
                        s.cargar(orden);
                        v
                    }
                }
            }

            pub fn store(&self, valor: $tipo, orden: Ordering) {
                match &self.0 {
                    Imp::Real(a) => a.store(valor, orden),
                    Imp::Explorado(caja) => {
                        let (a, s) = &**caja;
                        s.guardar(orden);
                        a.store(valor, orden)
                    }
                }
            }

            pub fn swap(&self, valor: $tipo, orden: Ordering) -> $tipo {
                match &self.0 {
                    Imp::Real(a) => a.swap(valor, orden),
                    Imp::Explorado(caja) => {
                        let (a, s) = &**caja;
                        let v = a.swap(valor, orden);
                        s.modificar(orden);
                        v
                    }
                }
            }

            pub fn compare_exchange(&self, actual: $tipo, nuevo: $tipo, exito: Ordering, fallo: Ordering) -> Result<$tipo, $tipo> {
                match &self.0 {
                    Imp::Real(a) => a.compare_exchange(actual, nuevo, exito, fallo),
                    Imp::Explorado(caja) => {
                        let (a, s) = &**caja;
                        let r = a.compare_exchange(actual, nuevo, exito, fallo);
                        if r.is_ok() { s.modificar(exito) } else { s.cargar(fallo) }
                        r
                    }
                }
            }

            /// Como `compare_exchange`, pero puede fallar aunque el valor coincida (en bucles).
            pub fn compare_exchange_weak(&self, actual: $tipo, nuevo: $tipo, exito: Ordering, fallo: Ordering) -> Result<$tipo, $tipo> {
                match &self.0 {
                    Imp::Real(a) => a.compare_exchange_weak(actual, nuevo, exito, fallo),
                    Imp::Explorado(..) => self.compare_exchange(actual, nuevo, exito, fallo),
                }
            }

            $(
                pub fn $aritmetica(&self, valor: $tipo, orden: Ordering) -> $tipo {
                    match &self.0 {
                        Imp::Real(a) => a.$aritmetica(valor, orden),
                        Imp::Explorado(caja) => {
                            let (a, s) = &**caja;
                            let v = a.$aritmetica(valor, orden);
                            s.modificar(orden);
                            v
                        }
                    }
                }
            )*

            pub fn into_inner(self) -> $tipo {
                match self.0 {
                    Imp::Real(a) => a.into_inner(),
                    Imp::Explorado(caja) => caja.0.into_inner(),
                }
            }
        }

        impl Default for $nombre {
            fn default() -> Self {
                Self::new(Default::default())
            }
        }

        impl std::fmt::Debug for $nombre {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({:?})", stringify!($nombre), self.load(Ordering::SeqCst))
            }
        }
    };
}

mod bool_ {
    use super::*;
    atomico!(
        AtomicBool,
        bool,
        std::sync::atomic::AtomicBool,
        shuttle::sync::atomic::AtomicBool,
        [fetch_or, fetch_and]
    );
}
mod usize_ {
    use super::*;
    atomico!(
        AtomicUsize,
        usize,
        std::sync::atomic::AtomicUsize,
        shuttle::sync::atomic::AtomicUsize,
        [fetch_add, fetch_sub, fetch_max]
    );
}
mod u64_ {
    use super::*;
    atomico!(
        AtomicU64,
        u64,
        std::sync::atomic::AtomicU64,
        shuttle::sync::atomic::AtomicU64,
        [fetch_add, fetch_sub, fetch_max]
    );
}
pub use bool_::AtomicBool;
pub use u64_::AtomicU64;
pub use usize_::AtomicUsize;

#[cfg(test)]
mod pruebas {
    use super::*;

    /// Sin explorar, un atómico de `sincro` ocupa poco más que uno de std: un cerrojo de
    /// tiques (dos atómicos y el dato) cabe en una línea de caché de 64 bytes.
    #[test]
    fn un_atomico_real_ocupa_como_mucho_16_bytes() {
        assert!(std::mem::size_of::<AtomicUsize>() <= 16);
        assert!(std::mem::size_of::<AtomicU64>() <= 16);
        assert!(std::mem::size_of::<AtomicBool>() <= 16);
        assert!(std::mem::size_of::<crate::cell::UnsafeCell<u64>>() <= 16);
    }
}
