//! Error: `transferir` adquiere los cerrojos en el orden de sus argumentos, primero el
//! origen y después el destino. Si un hilo transfiere de 0 a 1 mientras otro transfiere de
//! 1 a 0, cada uno adquiere su origen y espera el cerrojo que tiene el otro: interbloqueo.
//!
//! Debe fallar: explorar_transferencias_opuestas_sin_interbloqueo

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
        // ✗ Primero el origen, después el destino: 0 → 1 y 1 → 0 a la vez se esperan
        // mutuamente.
        let mut saldo_origen = self.cuentas[origen].lock();
        let mut saldo_destino = self.cuentas[destino].lock();
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
        let guardas: Vec<_> = self.cuentas.iter().map(|c| c.lock()).collect();
        guardas.iter().map(|g| **g).sum()
    }
}
