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
        if adquiere(orden) {
            carreras::adquirir(&self.0.lock().unwrap());
        }
    }

    fn guardar(&self, orden: Ordering) {
        // Una escritura simple empieza una secuencia nueva: con Relaxed, no publica nada.
        *self.0.lock().unwrap() = if libera(orden) {
            carreras::liberar()
        } else {
            Reloj::default()
        };
    }

    fn modificar(&self, orden: Ordering) {
        self.cargar(orden);
        if libera(orden) {
            // Una lectura-modificación-escritura continúa la secuencia y añade lo suyo.
            let reloj = carreras::liberar();
            self.0.lock().unwrap().unir(&reloj);
        }
    }
}

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
