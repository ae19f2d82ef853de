//! Correcta, aunque distinta de la referencia: el banco entero bajo un solo cerrojo. Sin
//! varios cerrojos no hay orden que respetar ni interbloqueo posible, y `total` es una foto
//! sin más. El precio es el paralelismo: dos transferencias entre cuentas distintas ya no
//! pueden hacerse a la vez. La suite debe aceptarla (comprueba la corrección, no el
//! paralelismo).

#[allow(dead_code)]
#[path = "../../../solutions/cerrojos/src/lib.rs"]
mod correcta;
pub use correcta::*;
use sincro::Mutex;

pub struct Banco {
    saldos: Mutex<Vec<u64>>,
}

impl Banco {
    pub fn new(saldos: &[u64]) -> Self {
        Self {
            saldos: Mutex::new(saldos.to_vec()),
        }
    }

    pub fn transferir(
        &self,
        origen: usize,
        destino: usize,
        cantidad: u64,
    ) -> Result<(), ErrorTransferencia> {
        let mut saldos = self.saldos.lock();
        for cuenta in [origen, destino] {
            if cuenta >= saldos.len() {
                return Err(ErrorTransferencia::CuentaInexistente(cuenta));
            }
        }
        if origen == destino {
            return Err(ErrorTransferencia::MismaCuenta);
        }
        if saldos[origen] < cantidad {
            return Err(ErrorTransferencia::SaldoInsuficiente {
                disponible: saldos[origen],
                pedido: cantidad,
            });
        }
        saldos[origen] -= cantidad;
        saldos[destino] += cantidad;
        Ok(())
    }

    pub fn saldo(&self, cuenta: usize) -> Option<u64> {
        self.saldos.lock().get(cuenta).copied()
    }

    pub fn total(&self) -> u64 {
        self.saldos.lock().iter().sum()
    }
}
