//! El espía: un número que, al multiplicarse, anota qué hilo hace el producto.

use super::*;

/// Lo que se observa de una multiplicación con espías.
pub(crate) struct Registro {
    /// Productos hechos con cada fila de A.
    pub(crate) productos: Vec<AtomicUsize>,
    /// Hilos que hicieron productos de cada fila de A.
    pub(crate) hilos_por_fila: Vec<Mutex<HashSet<ThreadId>>>,
    /// Si hay cita, cada hilo que multiplica espera a que lleguen los demás esperados.
    pub(crate) cita: Option<Cita>,
}

impl Registro {
    /// Un registro para una A de `filas` filas. Se deja vivir hasta el final del proceso
    /// para que los espías puedan guardar una referencia `'static` y ser `Copy`.
    pub(crate) fn nuevo(filas: usize, cita: Option<Cita>) -> &'static Registro {
        Box::leak(Box::new(Registro {
            productos: (0..filas).map(|_| AtomicUsize::new(0)).collect(),
            hilos_por_fila: (0..filas).map(|_| Mutex::default()).collect(),
            cita,
        }))
    }

    pub(crate) fn anotar(&self, fila: usize) {
        self.productos[fila].fetch_add(1, Ordering::Relaxed);
        self.hilos_por_fila[fila]
            .lock()
            .unwrap()
            .insert(thread::current().id());
        if let Some(cita) = &self.cita {
            cita.llegar();
        }
    }

    pub(crate) fn productos(&self, fila: usize) -> usize {
        self.productos[fila].load(Ordering::Relaxed)
    }

    pub(crate) fn hilos_de_la_fila(&self, fila: usize) -> usize {
        self.hilos_por_fila[fila].lock().unwrap().len()
    }

    /// Todos los hilos que hicieron algún producto.
    pub(crate) fn hilos(&self) -> usize {
        let mut todos = HashSet::new();
        for h in &self.hilos_por_fila {
            todos.extend(h.lock().unwrap().iter().copied());
        }
        todos.len()
    }

    pub(crate) fn cita_caducada(&self) -> bool {
        self.cita.as_ref().is_some_and(Cita::caducada)
    }
}

/// Un entero que sabe de qué fila de A viene. Al multiplicarse lo anota en su registro.
#[derive(Clone, Copy)]
pub(crate) struct Espia {
    pub(crate) valor: i64,
    pub(crate) origen: Option<(&'static Registro, usize)>,
}

impl Escalar for Espia {
    const CERO: Self = Espia {
        valor: 0,
        origen: None,
    };
}

impl Add for Espia {
    type Output = Espia;
    fn add(self, otro: Espia) -> Espia {
        Espia {
            valor: self.valor + otro.valor,
            origen: None,
        }
    }
}

impl Mul for Espia {
    type Output = Espia;
    fn mul(self, otro: Espia) -> Espia {
        if let Some((registro, fila)) = self.origen.or(otro.origen) {
            registro.anotar(fila);
        }
        Espia {
            valor: self.valor * otro.valor,
            origen: None,
        }
    }
}

/// A como espías de `registro` (cada elemento sabe su fila) y B como espías sin registro.
pub(crate) fn espias(
    a: &Array2<i64>,
    b: &Array2<i64>,
    registro: &'static Registro,
) -> (Array2<Espia>, Array2<Espia>) {
    let ea = Array2::from_shape_fn(a.dim(), |(i, k)| Espia {
        valor: a[[i, k]],
        origen: Some((registro, i)),
    });
    let eb = b.mapv(|valor| Espia {
        valor,
        origen: None,
    });
    (ea, eb)
}

pub(crate) fn valores(m: &Array2<Espia>) -> Array2<i64> {
    m.mapv(|e| e.valor)
}

/// Comprueba que la fila `i` de A hizo `esperados(i)` productos, todos en un mismo hilo.
#[track_caller]
pub(crate) fn comprobar_productos_por_fila(
    registro: &Registro,
    filas_de_a: usize,
    esperados: impl Fn(usize) -> usize,
    contexto: &str,
) {
    for i in 0..filas_de_a {
        let (hechos, debe) = (registro.productos(i), esperados(i));
        comprobar(hechos == debe, || {
            let sin_calcular_hasta_el_final = (i..filas_de_a).all(|f| registro.productos(f) == 0);
            let causa = if hechos == 0 && sin_calcular_hasta_el_final && i == 0 {
                "no se calculó ninguna fila: ¿los trozos de filas no cubren ninguna fila, o (en \
                 la triangular) `..i` en lugar de `..=i`, que en la fila 0 no deja ningún \
                 elemento?"
            } else if hechos == 0 && sin_calcular_hasta_el_final {
                "esa fila no se calculó nunca, ni ninguna de las siguientes: ¿se pierden las \
                 últimas filas cuando no son múltiplo de las tareas?"
            } else if hechos == 0 && i == 0 {
                "la fila 0 no se calculó nunca, pero las siguientes sí: no es que se pierda el \
                 final. ¿Un recorrido que empieza en 1, o (en la triangular) `..i` en lugar de \
                 `..=i`, que en la fila 0 no deja ningún elemento?"
            } else if hechos == 0 {
                "esa fila no se calculó nunca, pero alguna de las siguientes sí: ¿un trozo que \
                 se salta filas?"
            } else if hechos > debe {
                "sobran productos: ¿se calculó la fila varias veces (trozos de dos tareas \
                 que se solapan, un rango con ..=) o se usan elementos que no hacen falta \
                 (en la triangular, los de encima de la diagonal)?"
            } else {
                "faltan productos: algún bucle no recorre todas las k o todas las columnas."
            };
            format!(
                "{contexto}: con la fila {i} de A deben hacerse {debe} productos y se hicieron \
                 {hechos}; {causa}"
            )
        });
        let hilos = registro.hilos_de_la_fila(i);
        comprobar(hilos <= 1, || {
            format!(
                "{contexto}: la fila {i} la calcularon {hilos} hilos distintos. Cada fila del \
                 resultado es de una sola tarea, que la calcula entera: reparte filas, no \
                 elementos ni productos."
            )
        });
    }
}
