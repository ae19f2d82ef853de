//! Inanición, contada en operaciones.

use super::*;

/// Entradas del otro bando que se toleran antes de cortar la prueba: muchas más de las que
/// permite un cerrojo correcto, y muchas menos de las que hace uno que deja pasar hambre.
pub(crate) const CORTE: usize = 50;
/// Si el bando que espera ni siquiera aparece en `foto()` tras tantas entradas del otro
/// bando, se corta también.
pub(crate) const CORTE_TOTAL: usize = 100_000;

/// Tres lectores se relevan sin dejar nunca la sala vacía: uno no sale hasta que otro ha
/// entrado después de él (o hasta que un escritor espera y otro lector espera tras él). Un
/// escritor pide entrar. Devuelve cuántas veces entró un lector mientras foto() mostraba a
/// un escritor esperando, y si el escritor llegó a entrar antes del corte.
pub(crate) fn lectores_sin_pausa_y_un_escritor(politica: Politica) -> (usize, bool) {
    const LECTORES: usize = 3;
    let c = CerrojoLE::new(0u64, politica);
    let entradas = AtomicUsize::new(0);
    let con_escritor_esperando = AtomicUsize::new(0);
    let tras_pedir = AtomicUsize::new(0);
    let pidio = AtomicBool::new(false);
    let parar = AtomicBool::new(false);
    let escribio = AtomicBool::new(false);
    std::thread::scope(|s| {
        for _ in 0..LECTORES {
            s.spawn(|| {
                while !parar.load(Ordering::SeqCst) {
                    let g = c.leer();
                    let mia = entradas.fetch_add(1, Ordering::SeqCst) + 1;
                    if pidio.load(Ordering::SeqCst)
                        && tras_pedir.fetch_add(1, Ordering::SeqCst) + 1 >= CORTE_TOTAL
                    {
                        parar.store(true, Ordering::SeqCst);
                    }
                    if c.foto().escritores_esperando > 0
                        && con_escritor_esperando.fetch_add(1, Ordering::SeqCst) + 1 >= CORTE
                    {
                        parar.store(true, Ordering::SeqCst);
                    }
                    // El relevo: la sala no se queda vacía mientras los lectores puedan entrar.
                    loop {
                        if parar.load(Ordering::SeqCst) || entradas.load(Ordering::SeqCst) > mia {
                            break;
                        }
                        let f = c.foto();
                        if f.escritores_esperando > 0 && f.lectores_esperando > 0 {
                            break;
                        }
                        std::thread::yield_now();
                    }
                    drop(g);
                }
            });
        }
        s.spawn(|| {
            while entradas.load(Ordering::SeqCst) < 20 && !parar.load(Ordering::SeqCst) {
                std::thread::yield_now();
            }
            pidio.store(true, Ordering::SeqCst);
            let mut g = c.escribir();
            *g += 1;
            escribio.store(!parar.load(Ordering::SeqCst), Ordering::SeqCst);
            parar.store(true, Ordering::SeqCst);
        });
    });
    (
        con_escritor_esperando.load(Ordering::SeqCst),
        escribio.load(Ordering::SeqCst),
    )
}

#[track_caller]
pub(crate) fn el_escritor_no_pasa_hambre(politica: Politica) {
    let (entradas, entro) = lectores_sin_pausa_y_un_escritor(politica);
    comprobar(entro && entradas <= 3, || {
        if entro {
            format!(
                "con la política {politica:?}, los lectores entraron {entradas} veces mientras \
                 un escritor esperaba; como mucho deberían ser 3 (los que ya estaban dentro o \
                 entrando cuando llegó). Un escritor que espera debe cerrar la puerta a los \
                 lectores nuevos: si no, un flujo continuo de lectores lo deja en inanición."
            )
        } else {
            format!(
                "con la política {politica:?}, tres lectores que se relevan sin dejar la sala \
                 vacía entraron {entradas} veces mientras un escritor esperaba, y el escritor \
                 no llegó a entrar: inanición del escritor. Un escritor que espera debe cerrar \
                 la puerta a los lectores nuevos (y contarse en foto().escritores_esperando)."
            )
        }
    });
}

pub(crate) fn el_escritor_no_pasa_hambre_con_preferencia_de_escritores() {
    con_limite("el escritor no pasa hambre (escritores)", || {
        el_escritor_no_pasa_hambre(Politica::Escritores)
    });
}

pub(crate) fn el_escritor_no_pasa_hambre_con_politica_justa() {
    con_limite("el escritor no pasa hambre (justa)", || {
        el_escritor_no_pasa_hambre(Politica::Justa)
    });
}

pub(crate) fn el_lector_no_pasa_hambre_con_politica_justa() {
    con_limite("el lector no pasa hambre (justa)", || {
        const ESCRITORES: usize = 2;
        let c = CerrojoLE::new(0u64, Politica::Justa);
        let entradas = AtomicUsize::new(0);
        let con_lector_esperando = AtomicUsize::new(0);
        let tras_pedir = AtomicUsize::new(0);
        let pidio = AtomicBool::new(false);
        let parar = AtomicBool::new(false);
        let leyo = AtomicBool::new(false);
        std::thread::scope(|s| {
            for _ in 0..ESCRITORES {
                s.spawn(|| {
                    while !parar.load(Ordering::SeqCst) {
                        let mut g = c.escribir();
                        *g += 1;
                        entradas.fetch_add(1, Ordering::SeqCst);
                        if pidio.load(Ordering::SeqCst)
                            && tras_pedir.fetch_add(1, Ordering::SeqCst) + 1 >= CORTE_TOTAL
                        {
                            parar.store(true, Ordering::SeqCst);
                        }
                        if c.foto().lectores_esperando > 0
                            && con_lector_esperando.fetch_add(1, Ordering::SeqCst) + 1 >= CORTE
                        {
                            parar.store(true, Ordering::SeqCst);
                        }
                        // El relevo: no salir hasta que otro escritor espere su turno.
                        while !parar.load(Ordering::SeqCst) && c.foto().escritores_esperando == 0 {
                            std::thread::yield_now();
                        }
                        drop(g);
                    }
                });
            }
            s.spawn(|| {
                while entradas.load(Ordering::SeqCst) < 20 && !parar.load(Ordering::SeqCst) {
                    std::thread::yield_now();
                }
                pidio.store(true, Ordering::SeqCst);
                let _g = c.leer();
                leyo.store(!parar.load(Ordering::SeqCst), Ordering::SeqCst);
                parar.store(true, Ordering::SeqCst);
            });
        });
        let veces = con_lector_esperando.load(Ordering::SeqCst);
        let leyo = leyo.load(Ordering::SeqCst);
        comprobar(leyo && veces <= ESCRITORES, || {
            format!(
                "con la política Justa, dos escritores que se relevan entraron {veces} veces \
                 mientras un lector esperaba{}; por orden de llegada, como mucho deberían ser \
                 {ESCRITORES} (los que llegaron antes que él). Si los escritores que esperan \
                 pasan siempre antes, un flujo continuo de escritores deja al lector en \
                 inanición.",
                if leyo {
                    ""
                } else {
                    ", y el lector no llegó a entrar"
                }
            )
        });
    });
}
