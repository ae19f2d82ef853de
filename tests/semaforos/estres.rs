//! Estrés con hilos reales.

use super::*;
use explorar::Rondas;

pub(crate) fn estres_nunca_hay_mas_de_n_dentro() {
    con_limite("estrés: nunca más de n dentro", || {
        let semaforo = Semaforo::new(3);
        let sala = Sala::new(3);
        en_hilos(8, |i| {
            for _ in 0..2000 {
                let _p = semaforo.adquirir();
                sala.entrar(i);
                std::thread::yield_now();
                sala.salir(i);
            }
        });
        comprobar_igual(semaforo.disponibles(), 3, "permisos al final del estrés");
    });
}

pub(crate) fn estres_mezcla_de_esperas_intentos_y_limites() {
    con_limite("estrés: esperas, intentos y límites", || {
        let semaforo = Semaforo::new(2);
        let sala = Sala::new(2);
        en_hilos(6, |i| {
            for vuelta in 0..1500 {
                let permiso = match (i + vuelta) % 3 {
                    0 => Some(semaforo.adquirir()),
                    1 => semaforo.intentar_adquirir(),
                    _ => semaforo.adquirir_con_limite(Duration::from_micros(50)),
                };
                if let Some(_p) = permiso {
                    sala.entrar(i);
                    std::thread::yield_now();
                    sala.salir(i);
                }
            }
        });
        comprobar_igual(
            semaforo.disponibles(),
            2,
            "permisos al final: alguno se perdió por el camino",
        );
    });
}

pub(crate) fn estres_barrera_reutilizable() {
    con_limite("estrés: barrera reutilizable", || {
        let barrera = Barrera::new(4);
        let rondas = Rondas::new(4, 300);
        en_hilos(4, |i| rondas.recorrer(&barrera, i + 1));
        rondas.comprobar_lideres();
    });
}

pub(crate) fn una_barrera_de_un_hilo_no_espera() {
    con_limite("barrera de un hilo", || {
        for n in [0, 1] {
            let b = Barrera::new(n);
            comprobar(b.esperar() && b.esperar(), || {
                format!("Barrera::new({n}).esperar() debe volver en el acto y ser el líder")
            });
        }
    });
}

pub(crate) fn recurso_compartido_recoge_los_datos_de_todos() {
    con_limite("recurso compartido", || {
        let mut lista = recurso_compartido(5);
        lista.sort();
        arnes::instantanea_debug!("recurso_compartido_recoge_los_datos_de_todos", lista);
        comprobar(recurso_compartido(0).is_empty(), || {
            "con 0 procesos la lista debe quedar vacía".into()
        });
    });
}
