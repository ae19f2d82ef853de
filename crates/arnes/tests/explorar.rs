//! El arnés también tiene pruebas: la exploración debe encontrar cada clase de error que
//! promete encontrar, con un mensaje en español, y no quejarse del código correcto.

use arnes::{explorar, hilos_explorados, mensaje_de_panico};
use sincro::atomic::{AtomicBool, Ordering};
use sincro::cell::UnsafeCell;
use std::sync::Arc;

/// Un cerrojo de giro mínimo con los órdenes de memoria que se le pidan.
struct Giro {
    ocupado: AtomicBool,
    dato: UnsafeCell<u32>,
    adquirir: Ordering,
    liberar: Ordering,
}

// SAFETY: el acceso a `dato` lo ordena el propio cerrojo (o el detector lo denuncia).
unsafe impl Sync for Giro {}

impl Giro {
    fn new(adquirir: Ordering, liberar: Ordering) -> Self {
        Self {
            ocupado: AtomicBool::new(false),
            dato: UnsafeCell::new(0),
            adquirir,
            liberar,
        }
    }

    fn incrementar(&self) {
        while self
            .ocupado
            .compare_exchange(false, true, self.adquirir, Ordering::Relaxed)
            .is_err()
        {
            sincro::hint::spin_loop();
        }
        // SAFETY: tenemos el cerrojo.
        unsafe { *self.dato.get() += 1 };
        self.ocupado.store(false, self.liberar);
    }
}

fn escenario(adquirir: Ordering, liberar: Ordering) -> impl Fn() + Send + Sync + 'static {
    move || {
        let giro = Arc::new(Giro::new(adquirir, liberar));
        let g = Arc::clone(&giro);
        hilos_explorados(2, move |_| g.incrementar());
    }
}

#[test]
fn un_cerrojo_con_acquire_y_release_no_tiene_carreras() {
    explorar(
        "un_cerrojo_con_acquire_y_release_no_tiene_carreras",
        escenario(Ordering::Acquire, Ordering::Release),
    );
}

#[test]
fn liberar_con_relaxed_es_una_carrera_de_datos() {
    let mensaje = mensaje_de_panico(|| {
        explorar(
            "liberar_con_relaxed",
            escenario(Ordering::Acquire, Ordering::Relaxed),
        )
    });
    let mensaje = mensaje.expect("la exploración debía fallar");
    assert!(mensaje.contains("carrera de datos"), "{mensaje}");
    // La orden corta: el plan queda en su archivo.
    assert!(
        mensaje
            .contains("CURSO_REPETIR=liberar_con_relaxed cargo test -p arnes liberar_con_relaxed"),
        "{mensaje}"
    );
}

#[test]
fn adquirir_con_relaxed_es_una_carrera_de_datos() {
    let mensaje = mensaje_de_panico(|| {
        explorar(
            "adquirir_con_relaxed",
            escenario(Ordering::Relaxed, Ordering::Release),
        )
    });
    assert!(mensaje.is_some_and(|m| m.contains("carrera de datos")));
}

#[test]
fn un_despertar_perdido_es_un_interbloqueo() {
    let mensaje = mensaje_de_panico(|| {
        explorar("despertar_perdido", || {
            let estado = Arc::new((sincro::Mutex::new(false), sincro::Condvar::new()));
            let e = Arc::clone(&estado);
            hilos_explorados(2, move |i| {
                let (listo, aviso) = &*e;
                if i == 1 {
                    let mut l = listo.lock();
                    while !*l {
                        aviso.wait(&mut l);
                    }
                } else {
                    // Cambia el estado sin avisar a nadie.
                    *listo.lock() = true;
                }
            });
        })
    });
    let mensaje = mensaje.expect("la exploración debía fallar");
    assert!(mensaje.contains("interbloqueo"), "{mensaje}");
}

#[test]
fn un_if_en_vez_de_while_cae_con_un_despertar_espurio() {
    let mensaje = mensaje_de_panico(|| {
        explorar("if_en_vez_de_while", || {
            let estado = Arc::new((sincro::Mutex::new(false), sincro::Condvar::new()));
            let e = Arc::clone(&estado);
            hilos_explorados(2, move |i| {
                let (listo, aviso) = &*e;
                if i == 1 {
                    let mut l = listo.lock();
                    if !*l {
                        aviso.wait(&mut l);
                    }
                    assert!(*l, "despertó sin que el estado cambiara");
                } else {
                    *listo.lock() = true;
                    aviso.notify_all();
                }
            });
        })
    });
    assert!(mensaje.is_some_and(|m| m.contains("despertó sin que el estado cambiara")));
}

/// Los hilos de un ámbito terminan mientras el principal espera el final del ámbito (una
/// espera que sincro no ve): que el último en avanzar termine no es un interbloqueo.
#[test]
fn un_ambito_correcto_con_esperas_no_es_un_interbloqueo() {
    explorar("un_ambito_correcto_con_esperas", || {
        let libre = sincro::Mutex::new(true);
        let aviso = sincro::Condvar::new();
        let lista = sincro::Mutex::new(Vec::new());
        sincro::thread::scope(|s| {
            for i in 0..3 {
                let (libre, aviso, lista) = (&libre, &aviso, &lista);
                s.spawn(move || {
                    let mut l = libre.lock();
                    while !*l {
                        aviso.wait(&mut l);
                    }
                    *l = false;
                    drop(l);
                    lista.lock().push(i);
                    *libre.lock() = true;
                    aviso.notify_one();
                });
            }
        });
        assert_eq!(lista.lock().len(), 3);
    });
}
