//! Reservas y banco: un hilo.

use super::*;

pub(crate) fn reservas_en_orden_hasta_llenar() {
    con_limite("reservas en orden hasta llenar", || {
        let reservas = Reservas::new(3);
        let mut traza = vec![format!("nuevo(3): libres = {}", reservas.libres())];
        for cliente in ["Ana", "Luis", "Marta", "Pedro"] {
            let plaza = reservas.reservar(cliente);
            traza.push(format!(
                "reservar({cliente}): {plaza:?}, libres = {}",
                reservas.libres()
            ));
        }
        traza.push(format!("pasajeros: {:?}", reservas.pasajeros()));
        let vacio = Reservas::new(0);
        traza.push(format!(
            "nuevo(0): reservar(Eva) = {:?}, libres = {}",
            vacio.reservar("Eva"),
            vacio.libres()
        ));
        arnes::instantanea!("reservas_en_orden_hasta_llenar", traza.join("\n"));
    });
}

pub(crate) fn transferencias_y_errores() {
    con_limite("transferencias y errores", || {
        let banco = Banco::new(&[100, 50, 0]);
        let mut traza = vec![format!("nuevo [100, 50, 0]: total = {}", banco.total())];
        for (origen, destino, cantidad) in [
            (0, 2, 30),
            (1, 0, 50),
            (1, 2, 1),
            (2, 1, 30),
            (0, 0, 5),
            (3, 0, 5),
            (0, 7, 5),
            (9, 9, 0),
            (0, 1, 0),
        ] {
            let resultado = match banco.transferir(origen, destino, cantidad) {
                Ok(()) => "hecha".to_string(),
                Err(e) => format!("error: {e}"),
            };
            let saldos: Vec<_> = (0..3).map(|c| banco.saldo(c).unwrap_or(0)).collect();
            traza.push(format!(
                "transferir({origen} → {destino}, {cantidad}): {resultado}; saldos {saldos:?}"
            ));
        }
        traza.push(format!(
            "saldo(3) = {:?}, total = {}",
            banco.saldo(3),
            banco.total()
        ));
        arnes::instantanea!("transferencias_y_errores", traza.join("\n"));
    });
}

pub(crate) fn transferir_comprueba_los_errores_en_orden() {
    con_limite("transferir comprueba los errores en orden", || {
        let banco = Banco::new(&[100, 50]);
        let casos = [
            (
                (5, 7, 10),
                ErrorTransferencia::CuentaInexistente(5),
                "no existe ninguna de las dos cuentas",
                "¿Se comprueba el destino antes que el origen?",
            ),
            (
                (1, 1, 80),
                ErrorTransferencia::MismaCuenta,
                "el origen y el destino son la misma cuenta, con 50, y se piden 80",
                "¿Se mira el saldo antes de comprobar que las cuentas son distintas?",
            ),
            (
                (0, 9, 500),
                ErrorTransferencia::CuentaInexistente(9),
                "el destino no existe, y el origen tiene 100 y se piden 500",
                "¿Se mira el saldo antes de comprobar que existe el destino?",
            ),
        ];
        for ((origen, destino, cantidad), esperado, situacion, pista) in casos {
            let obtenido = banco.transferir(origen, destino, cantidad);
            comprobar(obtenido.as_ref() == Err(&esperado), || {
                let causa = if obtenido.is_ok() {
                    "La transferencia se hizo: falta esa comprobación."
                } else {
                    pista
                };
                format!(
                    "transferir({origen} → {destino}, {cantidad}), cuando {situacion}, debe \
                     devolver Err({esperado:?}) y devolvió {obtenido:?}. Las comprobaciones van \
                     en este orden: que existan las dos cuentas (primero el origen), que sean \
                     distintas y que el origen tenga saldo. {causa}"
                )
            });
        }
        comprobar_igual(
            [banco.saldo(0), banco.saldo(1)],
            [Some(100), Some(50)],
            "los saldos después de tres transferencias fallidas",
        );
    });
}
