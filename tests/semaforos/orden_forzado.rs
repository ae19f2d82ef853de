//! Dos hilos con un orden forzado.

use super::*;

pub(crate) fn senalar_despierta_a_quien_espera() {
    con_limite("senalar despierta a quien espera", || {
        let s = Semaforo::new(0);
        let despierto = AtomicBool::new(false);
        std::thread::scope(|hilos| {
            hilos.spawn(|| {
                s.adquirir().consumir();
                despierto.store(true, Ordering::SeqCst);
            });
            // Se da tiempo a que el otro hilo se duerma; si aún no lo hizo, la prueba vale
            // igual (encontrará el permiso al llegar).
            std::thread::sleep(Duration::from_millis(20));
            s.senalar();
        });
        comprobar(despierto.load(Ordering::SeqCst), || {
            "el hilo que esperaba no despertó".into()
        });
    });
}

pub(crate) fn adquirir_con_limite_recibe_un_permiso_que_llega_a_tiempo() {
    con_limite("adquirir_con_limite recibe un permiso a tiempo", || {
        let s = Semaforo::new(1);
        let p = s.adquirir();
        std::thread::scope(|hilos| {
            let espera = hilos.spawn(|| {
                s.adquirir_con_limite(Duration::from_secs(8))
                    .map(Permiso::consumir_y_contar)
            });
            std::thread::sleep(Duration::from_millis(20));
            drop(p);
            comprobar(arnes::relanzar(espera.join()).is_some(), || {
                "adquirir_con_limite(8 s) devolvió None aunque el permiso volvió a los pocos \
                 milisegundos: ¿no vuelve a comprobar tras despertar?"
                    .into()
            });
        });
    });
}

/// Consumir devolviendo algo, para poder usarlo en un `map`.
pub(crate) trait Permiso {
    fn consumir_y_contar(self);
}
impl Permiso for semaforos::Permiso<'_> {
    fn consumir_y_contar(self) {
        self.consumir();
    }
}

pub(crate) fn con_n_permisos_entran_n_hilos_a_la_vez() {
    con_limite("con n permisos entran n a la vez", || {
        for n in [2, 3] {
            let s = Semaforo::new(n);
            let cita = Cita::new(n);
            en_hilos(n, |_| {
                let _p = s.adquirir();
                cita.llegar();
            });
            comprobar(!cita.caducada(), || {
                format!(
                    "con {n} permisos, {n} hilos deben poder estar dentro a la vez, y no lo \
                     consiguieron: el semáforo deja pasar de uno en uno."
                )
            });
        }
    });
}
