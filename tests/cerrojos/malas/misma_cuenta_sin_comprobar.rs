//! Error: `transferir` no comprueba si el origen y el destino son la misma cuenta. Con el
//! orden global bien hecho, adquiere el mismo `Mutex` dos veces desde el mismo hilo, y un
//! `Mutex` no es reentrante: el hilo se espera a sí mismo para siempre.
//!
//! Debe fallar: transferir_a_la_misma_cuenta_no_se_cuelga

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
        // ✗ Sin comprobar si origen y destino son la misma cuenta.
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
        let guardas: Vec<_> = self.cuentas.iter().map(|c| c.lock()).collect();
        guardas.iter().map(|g| **g).sum()
    }
}
