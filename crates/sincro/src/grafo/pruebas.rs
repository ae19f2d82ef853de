//! Pruebas del grafo de esperas: ciclos, avisos pendientes y finales de ámbito.

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
    let aviso = |avisada: bool| Arista::Aviso {
        cerrojo: c,
        condicion: 400,
        avisada: if avisada { Avisada::Uno } else { Avisada::No },
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

/// Tres consumidores esperan en la misma variable; el productor avisa a uno y se duerme
/// él también. Mientras el aviso no se recoja, alguno está despierto; cuando vuelve el
/// que lo recogió y se duerme de nuevo, ya nadie puede despertar a nadie.
#[test]
fn un_aviso_a_uno_recogido_ya_no_despierta_a_los_demas() {
    let (c, v) = (300, 400);
    let aviso = |avisada| Arista::Aviso {
        cerrojo: c,
        condicion: v,
        avisada,
    };
    let mut avisos = Avisos::default();
    let mut esperas = HashMap::from([
        (1, aviso(Avisada::No)),
        (2, aviso(Avisada::No)),
        (3, aviso(Avisada::No)),
    ]);
    // shuttle pone ejecutables a los tres al avisar.
    avisos.avisa(v, false, esperas.iter_mut().map(|(t, a)| (*t, a)), |_| true);
    assert!(esperas.values().all(|a| *a == aviso(Avisada::Uno)));
    // Lo recoge el 1; el 2 y el 3 vuelven a estar bloqueados, pero sincro no lo ve
    // hasta que el 1 vuelve de la espera.
    let vuelve = esperas.remove(&1).unwrap();
    avisos.vuelve(&vuelve, esperas.values_mut());
    assert!(esperas.values().all(|a| *a == aviso(Avisada::No)));
    // El 1 se duerme de nuevo, el último: interbloqueo, visto por sincro.
    esperas.insert(1, aviso(Avisada::No));
    let tareas = [
        tarea(0, false),
        tarea(1, true),
        tarea(2, false),
        tarea(3, false),
    ];
    let esperas_de_todas = {
        let mut e = esperas.clone();
        e.insert(0, Arista::Hilos(vec![1, 2, 3]));
        e
    };
    let duenos = HashMap::from([(c, 1)]);
    let foto = Foto {
        tareas: &tareas,
        esperas: &esperas_de_todas,
        duenos: &duenos,
    };
    assert_eq!(foto.nadie_podra_avanzar(1, true), Some(true));
}

/// Dos avisos a uno con tres esperando: tras volver uno, el otro aviso sigue sin recoger y
/// los que esperan pueden estar despiertos; no es un interbloqueo.
#[test]
fn mientras_quede_un_aviso_sin_recoger_los_avisados_siguen_marcados() {
    let v = 400;
    let aviso = |avisada| Arista::Aviso {
        cerrojo: 300,
        condicion: v,
        avisada,
    };
    let mut avisos = Avisos::default();
    let mut esperas = HashMap::from([
        (1, aviso(Avisada::No)),
        (2, aviso(Avisada::No)),
        (3, aviso(Avisada::No)),
    ]);
    for _ in 0..2 {
        avisos.avisa(v, false, esperas.iter_mut().map(|(t, a)| (*t, a)), |_| true);
    }
    let vuelve = esperas.remove(&1).unwrap();
    avisos.vuelve(&vuelve, esperas.values_mut());
    assert!(esperas.values().all(|a| *a == aviso(Avisada::Uno)));
    let vuelve = esperas.remove(&2).unwrap();
    avisos.vuelve(&vuelve, esperas.values_mut());
    assert_eq!(esperas[&3], aviso(Avisada::No));
}

/// Quien ya estaba despierto (bloqueado en el cerrojo que tiene quien avisa) no recibe
/// el aviso de shuttle: si es el único, el aviso se pierde y no cuenta, y al volver él
/// (con el aviso que sí recogió) ya no queda ninguno.
#[test]
fn un_aviso_que_no_recibe_nadie_no_cuenta() {
    let v = 400;
    let aviso = |avisada| Arista::Aviso {
        cerrojo: 300,
        condicion: v,
        avisada,
    };
    let mut avisos = Avisos::default();
    let mut esperas = HashMap::from([(1, aviso(Avisada::No)), (2, aviso(Avisada::No))]);
    avisos.avisa(v, false, esperas.iter_mut().map(|(t, a)| (*t, a)), |_| true);
    // El 1 lo recogió y espera el cerrojo; el 2 volvió a bloquearse. Nuevo aviso: shuttle
    // no pone ejecutable a ninguno de los dos.
    avisos.avisa(v, false, esperas.iter_mut().map(|(t, a)| (*t, a)), |_| {
        false
    });
    let vuelve = esperas.remove(&1).unwrap();
    avisos.vuelve(&vuelve, esperas.values_mut());
    assert_eq!(esperas[&2], aviso(Avisada::No));
}

/// Un aviso a todos despierta seguro a todos los que esperan: esa marca no se quita, y
/// los avisos a uno anteriores se pierden (shuttle los sustituye por el aviso a todos).
#[test]
fn un_aviso_a_todos_no_se_desmarca() {
    let v = 400;
    let aviso = |avisada| Arista::Aviso {
        cerrojo: 300,
        condicion: v,
        avisada,
    };
    let mut avisos = Avisos::default();
    let mut esperas = HashMap::from([(1, aviso(Avisada::No)), (2, aviso(Avisada::No))]);
    avisos.avisa(v, false, esperas.iter_mut().map(|(t, a)| (*t, a)), |_| true);
    avisos.avisa(v, true, esperas.iter_mut().map(|(t, a)| (*t, a)), |_| true);
    // Empieza a esperar el 3 y recibe un aviso a uno; vuelve el 1.
    esperas.insert(3, aviso(Avisada::No));
    avisos.avisa(v, false, esperas.iter_mut().map(|(t, a)| (*t, a)), |t| {
        t == 3
    });
    let vuelve = esperas.remove(&1).unwrap();
    avisos.vuelve(&vuelve, esperas.values_mut());
    // El 1 volvió por el aviso a todos: el del 3 sigue sin recoger.
    assert_eq!(esperas[&2], aviso(Avisada::Todos));
    assert_eq!(esperas[&3], aviso(Avisada::Uno));
    // Lo recoge el 3: el 2 sigue despierto por el aviso a todos.
    let vuelve = esperas.remove(&3).unwrap();
    avisos.vuelve(&vuelve, esperas.values_mut());
    assert_eq!(esperas[&2], aviso(Avisada::Todos));
}

/// Avisos en otra variable de condición no cuentan para esta.
#[test]
fn cada_variable_cuenta_sus_avisos() {
    let aviso = |condicion, avisada| Arista::Aviso {
        cerrojo: 300,
        condicion,
        avisada,
    };
    let mut avisos = Avisos::default();
    let mut esperas = HashMap::from([
        (1, aviso(400, Avisada::No)),
        (2, aviso(400, Avisada::No)),
        (3, aviso(500, Avisada::No)),
    ]);
    avisos.avisa(400, false, esperas.iter_mut().map(|(t, a)| (*t, a)), |_| {
        true
    });
    avisos.avisa(500, false, esperas.iter_mut().map(|(t, a)| (*t, a)), |_| {
        true
    });
    assert_eq!(esperas[&3], aviso(500, Avisada::Uno));
    let vuelve = esperas.remove(&1).unwrap();
    avisos.vuelve(&vuelve, esperas.values_mut());
    assert_eq!(esperas[&2], aviso(400, Avisada::No));
    assert_eq!(esperas[&3], aviso(500, Avisada::Uno));
}
