//! Error: `total` suma las cuentas de una en una, adquiriendo y soltando cada cerrojo. Si
//! una transferencia de la cuenta 0 a la 1 ocurre después de leer la 0 y antes de leer la
//! 1, el dinero se cuenta dos veces (o ninguna): cada lectura está protegida, pero la suma
//! no es una foto. Es una condición de carrera, no una carrera de datos.
//!
//! Debe fallar: explorar_total_durante_transferencias

#[allow(dead_code)]
#[path = "../../../solutions/cerrojos/src/lib.rs"]
mod correcta;
pub use correcta::{
    CerrojoGiro, CerrojoTiques, ErrorTransferencia, Guarda, GuardaTiques, Reservas,
};
use sincro::Mutex;

pub struct Banco {
    cuentas: Vec<Mutex<u64>>,
}

impl Banco {
    pub fn new(saldos: &[u64]) -> Self {
        Self {
            cuentas: saldos.iter().map(|&s| Mutex::new(s)).collect(),
        }
    }

    pub fn transferir(
        &self,
        origen: usize,
        destino: usize,
        cantidad: u64,
    ) -> Result<(), ErrorTransferencia> {
        for cuenta in [origen, destino] {
            if cuenta >= self.cuentas.len() {
                return Err(ErrorTransferencia::CuentaInexistente(cuenta));
            }
        }
        if origen == destino {
            // Adquirir dos veces el mismo `Mutex` desde un hilo es un interbloqueo consigo
            // mismo.
            return Err(ErrorTransferencia::MismaCuenta);
        }
        // Orden global: siempre primero la cuenta de número menor. Dos transferencias
        // opuestas (0 → 1 y 1 → 0) piden los cerrojos en el mismo orden, y el ciclo de
        // esperas que necesita un interbloqueo no puede cerrarse.
        let (menor, mayor) = (origen.min(destino), origen.max(destino));
        let mut primera = self.cuentas[menor].lock();
        let mut segunda = self.cuentas[mayor].lock();
        let (saldo_origen, saldo_destino) = if origen == menor {
            (&mut *primera, &mut *segunda)
        } else {
            (&mut *segunda, &mut *primera)
        };
        // Comprobar y actuar con los dos cerrojos adquiridos.
        if *saldo_origen < cantidad {
            return Err(ErrorTransferencia::SaldoInsuficiente {
                disponible: *saldo_origen,
                pedido: cantidad,
            });
        }
        *saldo_origen -= cantidad;
        *saldo_destino += cantidad;
        Ok(())
    }

    pub fn saldo(&self, cuenta: usize) -> Option<u64> {
        self.cuentas.get(cuenta).map(|c| *c.lock())
    }

    pub fn total(&self) -> u64 {
        // ✗ Cada cuenta con su cerrojo, y lo suelta antes de mirar la siguiente: una
        // transferencia puede pasar por detrás de la suma.
        self.cuentas.iter().map(|c| *c.lock()).sum()
    }
}
