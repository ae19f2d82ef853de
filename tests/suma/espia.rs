//! Un elemento espía (al convertirse en u64 anota quién lo lee y cuántas veces) y lo que comparten las pruebas.

use super::*;

/// Lo que se observa de una suma: lecturas por elemento y hilos que leyeron.
pub(crate) struct Registro {
    pub(crate) valores: Vec<u64>,
    pub(crate) lecturas: Vec<AtomicUsize>,
    pub(crate) hilos: Mutex<HashSet<ThreadId>>,
    /// El hilo que leyó cada elemento (el último, si se leyó más de una vez).
    pub(crate) lectores: Mutex<Vec<Option<ThreadId>>>,
    /// Si hay cita, cada hilo que lee espera a que los demás hilos esperados lean también.
    pub(crate) cita: Option<Cita>,
}

impl Registro {
    pub(crate) fn new(valores: Vec<u64>) -> Self {
        let lecturas = valores.iter().map(|_| AtomicUsize::new(0)).collect();
        let lectores = Mutex::new(vec![None; valores.len()]);
        Self {
            valores,
            lecturas,
            hilos: Mutex::default(),
            lectores,
            cita: None,
        }
    }

    pub(crate) fn con_cita(valores: Vec<u64>, hilos: usize) -> Self {
        Self {
            cita: Some(Cita::new(hilos)),
            ..Self::new(valores)
        }
    }

    pub(crate) fn espias(&self) -> Vec<Espia<'_>> {
        (0..self.valores.len())
            .map(|indice| Espia {
                registro: self,
                indice,
            })
            .collect()
    }

    pub(crate) fn hilos(&self) -> usize {
        self.hilos.lock().unwrap().len()
    }

    pub(crate) fn lectores(&self) -> Vec<Option<ThreadId>> {
        self.lectores.lock().unwrap().clone()
    }

    /// Si algún hilo esperó a los demás en la cita y no llegaron: no trabajaban a la vez.
    pub(crate) fn cita_caducada(&self) -> bool {
        self.cita.as_ref().is_some_and(Cita::caducada)
    }

    pub(crate) fn total(&self) -> u128 {
        self.valores.iter().map(|&v| u128::from(v)).sum()
    }

    /// Falla si algún elemento no se leyó exactamente una vez.
    #[track_caller]
    pub(crate) fn comprobar_una_lectura_por_elemento(&self, contexto: &str) {
        for (i, l) in self.lecturas.iter().enumerate() {
            let veces = l.load(Ordering::Relaxed);
            comprobar(veces == 1, || {
                let que = if veces == 0 {
                    "no se sumó nunca"
                } else {
                    "se sumó más de una vez"
                };
                format!(
                    "{contexto}: el elemento {i} {que} (leído {veces} veces, debe ser 1).\n\
                     Suele significar que los límites de los trozos están mal calculados \
                     cuando la longitud no es múltiplo del número de hilos."
                )
            });
        }
    }
}

#[derive(Clone, Copy)]
pub(crate) struct Espia<'a> {
    pub(crate) registro: &'a Registro,
    pub(crate) indice: usize,
}

impl From<Espia<'_>> for u64 {
    fn from(e: Espia<'_>) -> u64 {
        let r = e.registro;
        r.lecturas[e.indice].fetch_add(1, Ordering::Relaxed);
        r.hilos.lock().unwrap().insert(thread::current().id());
        r.lectores.lock().unwrap()[e.indice] = Some(thread::current().id());
        if let Some(cita) = &r.cita {
            cita.llegar();
        }
        r.valores[e.indice]
    }
}

/// Datos pseudoaleatorios reproducibles (un generador congruencial lineal).
pub(crate) fn datos(n: usize, semilla: u64) -> Vec<u64> {
    let mut x = semilla;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            x >> 20
        })
        .collect()
}

/// Rayon con cuatro hilos, para que repartir trabajo sea posible aunque la máquina tenga
/// un solo núcleo. Solo surte efecto si ninguna prueba usó rayon antes; todas lo llaman.
pub(crate) fn preparar_rayon() {
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build_global();
}

/// Describe el resultado de una llamada que pudo entrar en pánico.
pub(crate) fn describir<T: std::fmt::Debug>(resultado: &std::thread::Result<T>) -> String {
    match resultado {
        Ok(valor) => format!("{valor:?}"),
        Err(carga) => format!(
            "un pánico («{}»)",
            arnes::traducir(&arnes::texto_de_panico(&**carga))
        ),
    }
}
