//! Unitarias: un hilo.

use super::*;

pub(crate) fn un_semaforo_cuenta_sus_permisos() {
    con_limite("un semáforo cuenta sus permisos", || {
        let s = Semaforo::new(2);
        let mut traza = vec![format!("nuevo(2): disponibles = {}", s.disponibles())];
        let a = s.adquirir();
        traza.push(format!("adquirir: disponibles = {}", s.disponibles()));
        let b = s.intentar_adquirir();
        traza.push(format!(
            "intentar_adquirir: {}, disponibles = {}",
            describir(&b),
            s.disponibles()
        ));
        let c = s.intentar_adquirir();
        traza.push(format!(
            "intentar_adquirir: {}, disponibles = {}",
            describir(&c),
            s.disponibles()
        ));
        drop(a);
        traza.push(format!(
            "soltar un permiso: disponibles = {}",
            s.disponibles()
        ));
        let d = s.adquirir_con_limite(Duration::ZERO);
        traza.push(format!(
            "adquirir_con_limite(0): {}, disponibles = {}",
            describir(&d),
            s.disponibles()
        ));
        let e = s.adquirir_con_limite(Duration::from_millis(20));
        traza.push(format!(
            "adquirir_con_limite(20 ms): {}, disponibles = {}",
            describir(&e),
            s.disponibles()
        ));
        drop((b, d));
        traza.push(format!(
            "soltar dos permisos: disponibles = {}",
            s.disponibles()
        ));
        s.senalar();
        traza.push(format!("senalar: disponibles = {}", s.disponibles()));
        s.adquirir().consumir();
        traza.push(format!(
            "adquirir y consumir: disponibles = {}",
            s.disponibles()
        ));
        arnes::instantanea!("un_semaforo_cuenta_sus_permisos", traza.join("\n"));
    });
}

pub(crate) fn describir<T>(permiso: &Option<T>) -> &'static str {
    if permiso.is_some() {
        "concedido"
    } else {
        "denegado"
    }
}

pub(crate) fn un_semaforo_con_cero_permisos_no_deja_pasar() {
    con_limite("cero permisos", || {
        let s = Semaforo::new(0);
        comprobar_igual(s.disponibles(), 0, "disponibles() de Semaforo::new(0)");
        comprobar(s.intentar_adquirir().is_none(), || {
            "intentar_adquirir() concedió un permiso en un semáforo con 0 permisos".into()
        });
        comprobar(
            s.adquirir_con_limite(Duration::from_millis(10)).is_none(),
            || "adquirir_con_limite() concedió un permiso en un semáforo con 0 permisos".into(),
        );
        comprobar_igual(
            s.disponibles(),
            0,
            "disponibles() tras intentos fallidos (¿se perdió o se inventó un permiso?)",
        );
    });
}

pub(crate) fn un_intento_fallido_no_gasta_permisos() {
    con_limite("un intento fallido no gasta permisos", || {
        let s = Semaforo::new(1);
        let p = s.adquirir();
        for _ in 0..3 {
            comprobar(s.intentar_adquirir().is_none(), || {
                "intentar_adquirir() concedió un permiso que no había".into()
            });
            comprobar(
                s.adquirir_con_limite(Duration::from_millis(5)).is_none(),
                || "adquirir_con_limite() concedió un permiso que no había".into(),
            );
        }
        drop(p);
        comprobar_igual(
            s.disponibles(),
            1,
            "permisos tras devolver el único que había: un intento que falla no debe llevarse ninguno",
        );
    });
}

pub(crate) fn el_permiso_vuelve_aunque_el_hilo_entre_en_panico() {
    con_limite("el permiso vuelve tras un pánico", || {
        let s = Semaforo::new(2);
        let resultado = std::thread::scope(|hilos| {
            hilos
                .spawn(|| {
                    let _p = s.adquirir();
                    panic!("pánico provocado por la prueba con el permiso en la mano");
                })
                .join()
        });
        comprobar(resultado.is_err(), || {
            "el hilo debía entrar en pánico".into()
        });
        comprobar_igual(
            s.disponibles(),
            2,
            "permisos tras un pánico del hilo que tenía uno: el permiso debe volver al destruirse",
        );
        let m = Multiplex::new(1);
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            m.ejecutar(|| panic!("pánico provocado"))
        }));
        comprobar(
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| m.ejecutar(|| 7)))
                .is_ok_and(|v| v == 7),
            || {
                "Multiplex::ejecutar no devolvió el permiso cuando la sección crítica entró en pánico".into()
            },
        );
    });
}
