//! Unitarias: un hilo.

use super::*;

pub(crate) fn un_buffer_de_un_hilo_sigue_el_orden_de_llegada() {
    con_limite("un búfer de un hilo sigue el orden de llegada", || {
        let b = Buffer::new(3);
        let mut traza = vec![format!(
            "new(3): capacidad = {}, ocupados = {}, cerrado = {}",
            b.capacidad(),
            b.ocupados(),
            b.esta_cerrado()
        )];
        for x in ["a", "b", "c"] {
            let r = b.enviar(x.to_string());
            traza.push(format!("enviar({x:?}): {r:?}, ocupados = {}", b.ocupados()));
        }
        traza.push(format!(
            "recibir: {:?}, ocupados = {}",
            b.recibir(),
            b.ocupados()
        ));
        let r = b.enviar("d".to_string());
        traza.push(format!("enviar(\"d\"): {r:?}, ocupados = {}", b.ocupados()));
        b.cerrar();
        traza.push(format!("cerrar: cerrado = {}", b.esta_cerrado()));
        match b.enviar("e".to_string()) {
            Ok(()) => traza.push("enviar(\"e\"): Ok(())".into()),
            Err(e) => traza.push(format!("enviar(\"e\"): Err({e:?}), mensaje: «{e}»")),
        }
        b.cerrar();
        traza.push(format!("cerrar otra vez: ocupados = {}", b.ocupados()));
        for _ in 0..5 {
            traza.push(format!(
                "recibir: {:?}, ocupados = {}",
                b.recibir(),
                b.ocupados()
            ));
        }
        arnes::instantanea!(
            "un_buffer_de_un_hilo_sigue_el_orden_de_llegada",
            traza.join("\n")
        );
    });
}

pub(crate) fn enviar_tras_cerrar_devuelve_el_elemento() {
    con_limite("enviar tras cerrar devuelve el elemento", || {
        let b: Buffer<String> = Buffer::new(2);
        comprobar_igual(b.enviar("uno".into()), Ok(()), "enviar en un búfer abierto");
        b.cerrar();
        let r = b.enviar("dos".into());
        comprobar_igual(
            r.clone(),
            Err(ErrorEnvio("dos".to_string())),
            "enviar en un búfer cerrado debe devolver Err con el elemento dentro, no perderlo",
        );
        let mensaje = r.clone().unwrap_err().to_string();
        comprobar(mensaje.contains("cerrado"), || {
            format!("el mensaje de ErrorEnvio debe decir que el búfer está cerrado: «{mensaje}»")
        });
        comprobar_igual(
            r.unwrap_err().into_inner(),
            "dos".to_string(),
            "ErrorEnvio::into_inner debe devolver el elemento",
        );
        comprobar_igual(
            b.ocupados(),
            1,
            "ocupados() tras un envío rechazado: el elemento rechazado no debe entrar",
        );
        comprobar_igual(
            b.recibir(),
            Some("uno".to_string()),
            "recibir tras cerrar debe entregar lo que ya estaba dentro",
        );
        comprobar_igual(b.recibir(), None, "recibir en un búfer cerrado y vacío");
    });
}

pub(crate) fn capacidad_cero_se_rechaza_con_un_mensaje_claro() {
    con_limite("capacidad cero", || {
        let mensaje = mensaje_de_panico(|| Buffer::<u8>::new(0));
        match mensaje {
            None => panic!(
                "Buffer::new(0) creó un búfer en el que no cabe nada: debe entrar en pánico \
                 con un mensaje que hable de la capacidad (para una cita están los canales \
                 de capacidad 0)."
            ),
            Some(m) => comprobar(m.contains("capacidad"), || {
                format!(
                    "Buffer::new(0) debe explicar que la capacidad no puede ser 0, y dijo: «{m}»"
                )
            }),
        }
        let b = Buffer::<u8>::new(1);
        comprobar_igual(b.capacidad(), 1, "capacidad() de Buffer::new(1)");
    });
}

pub(crate) fn los_programas_sin_consumidores_se_rechazan() {
    con_limite("programas sin consumidores", || {
        let programa = Programa {
            productores: 1,
            consumidores: 0,
            por_productor: 3,
            capacidad: 1,
        };
        let programas: [(&str, Variante); 3] = [
            // Los canales primero: si un productor entra en pánico, su emisor se suelta y los
            // consumidores terminan; con el búfer, nadie lo cerraría y la prueba se colgaría.
            ("con_crossbeam", con_crossbeam),
            ("con_sync_channel", con_sync_channel),
            ("con_buffer", con_buffer),
        ];
        for (nombre, f) in programas {
            match mensaje_de_panico(|| f(programa)) {
                None => panic!(
                    "{nombre} con 0 consumidores terminó: sin consumidores nadie vacía el \
                     búfer, y debe entrar en pánico con un mensaje claro"
                ),
                Some(m) => comprobar(m.contains("consumidor"), || {
                    format!(
                        "{nombre} con 0 consumidores debe decir que falta un consumidor, y dijo: «{m}»"
                    )
                }),
            }
        }
    });
}
