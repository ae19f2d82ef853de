//! Estrés con hilos reales.

use super::*;

/// Más hilos que núcleos en las máquinas de dos núcleos del curso, pero no muchos más: un
/// cerrojo de giro correcto que solo gira (sin ceder el procesador) debe pasar igual.
pub(crate) const HILOS: usize = 3;
/// Límite de las pruebas de estrés de los cerrojos: holgado, porque un cerrojo que solo gira
/// es lento con más hilos que núcleos, y lento no es incorrecto.
pub(crate) const GIRO_VUELTAS: usize = 10_000;
/// Con tiques, cada entrada es un relevo a otro hilo (que puede estar desalojado): menos.
pub(crate) const TIQUES_VUELTAS: usize = 1_000;
pub(crate) const LIMITE_ESTRES: Duration = Duration::from_secs(40);

pub(crate) fn estres_giro_no_pierde_incrementos() {
    con_limite_de(
        LIMITE_ESTRES,
        "estrés: el cerrojo de giro no pierde incrementos",
        || {
            let cerrojo = CerrojoGiro::new(0_u64);
            let sala = Sala::default();
            en_hilos(HILOS, |i| {
                for vuelta in 0..GIRO_VUELTAS {
                    let mut guarda = cerrojo.adquirir();
                    sala.entrar(i);
                    let leido = *guarda;
                    if vuelta % 256 == 0 {
                        // Ensancha la ventana: si el cerrojo deja pasar a otro, se notará.
                        std::thread::yield_now();
                    }
                    *guarda = leido + 1;
                    sala.salir(i);
                }
            });
            comprobar_igual(
                cerrojo.into_inner(),
                (HILOS * GIRO_VUELTAS) as u64,
                "el contador tras el estrés: se perdieron incrementos",
            );
        },
    );
}

pub(crate) fn estres_tiques_no_pierde_incrementos() {
    con_limite_de(
        LIMITE_ESTRES,
        "estrés: el cerrojo de tiques no pierde incrementos",
        || {
            let cerrojo = CerrojoTiques::new(0_u64);
            let sala = Sala::default();
            // Dos hilos, no más que núcleos: un cerrojo de tiques que solo gira, con más
            // hilos que núcleos, espera una porción de tiempo entera cada vez que el
            // siguiente de la cola está desalojado. Es correcto, pero lentísimo.
            en_hilos(2, |i| {
                for vuelta in 0..TIQUES_VUELTAS {
                    let mut guarda = cerrojo.adquirir();
                    sala.entrar(i);
                    let leido = *guarda;
                    if vuelta % 256 == 0 {
                        std::thread::yield_now();
                    }
                    *guarda = leido + 1;
                    sala.salir(i);
                }
            });
            comprobar_igual(
                cerrojo.into_inner(),
                (2 * TIQUES_VUELTAS) as u64,
                "el contador tras el estrés: se perdieron incrementos",
            );
        },
    );
}

pub(crate) fn estres_reservas_sin_sobreventa() {
    con_limite("estrés: reservas sin sobreventa", || {
        for ronda in 0..200 {
            let reservas = Reservas::new(3);
            let concedidas: usize = en_hilos(6, |i| {
                usize::from(reservas.reservar(&format!("cliente {i}")).is_some())
            })
            .into_iter()
            .sum();
            let pasajeros = reservas.pasajeros().len();
            comprobar(concedidas == 3 && pasajeros == 3, || {
                format!(
                    "ronda {ronda}: 6 clientes y 3 plazas, y se concedieron {concedidas} \
                     reservas con {pasajeros} pasajeros: deben ser exactamente 3 y 3."
                )
            });
        }
    });
}

pub(crate) fn estres_transferencias_conservan_el_dinero() {
    con_limite("estrés: las transferencias conservan el dinero", || {
        let banco = Banco::new(&[1000, 1000, 1000]);
        en_hilos(HILOS, |i| {
            let mut x = i as u64 + 1;
            for _ in 0..5_000 {
                // Un generador pseudoaleatorio mínimo: pares de cuentas en los dos sentidos.
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let origen = (x % 3) as usize;
                let destino = (origen + 1 + (x / 3 % 2) as usize) % 3;
                let _ = banco.transferir(origen, destino, x % 50);
            }
        });
        comprobar_igual(
            banco.total(),
            3000,
            "dinero total tras miles de transferencias: se creó o se perdió dinero",
        );
    });
}
