//! Los escenarios que la suite lanza con `mpirun`, sus datos reproducibles y los resultados
//! correctos, calculados aquí, en la suite, sin MPI: el código probado nunca decide su
//! propio veredicto.

/// Un trabajo MPI que la suite sabe juzgar. Viaja a los rangos como texto, en la variable
/// [`crate::rango::VARIABLE_ESCENARIO`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Escenario {
    /// `suma(mundo, raiz, &datos_suma(n))`.
    Suma { n: usize, raiz: i32 },
    /// `multiplicar(mundo, raiz, &matriz_a(n, m), &matriz_b(m, p))`.
    Matriz {
        n: usize,
        m: usize,
        p: usize,
        raiz: i32,
    },
    /// `coordinar(mundo, &tareas(n), &trabajo)`. Con `cita`, la tarea 0 no termina hasta que
    /// las demás están hechas: solo una cola dinámica la deja acabar.
    Cola { n: usize, cita: bool },
    /// `suma_en_anillo(mundo, &vector_local(rango, n))`, y también el `all_reduce` de la
    /// biblioteca con los mismos datos.
    Anillo { n: usize },
}

impl Escenario {
    pub fn a_texto(&self) -> String {
        match self {
            Escenario::Suma { n, raiz } => format!("suma {n} {raiz}"),
            Escenario::Matriz { n, m, p, raiz } => format!("matriz {n} {m} {p} {raiz}"),
            Escenario::Cola { n, cita } => format!("cola {n} {}", u8::from(*cita)),
            Escenario::Anillo { n } => format!("anillo {n}"),
        }
    }

    pub fn de_texto(texto: &str) -> Option<Self> {
        let partes: Vec<&str> = texto.split_whitespace().collect();
        let num = |i: usize| partes.get(i)?.parse::<i64>().ok();
        Some(match *partes.first()? {
            "suma" => Escenario::Suma {
                n: num(1)? as usize,
                raiz: num(2)? as i32,
            },
            "matriz" => Escenario::Matriz {
                n: num(1)? as usize,
                m: num(2)? as usize,
                p: num(3)? as usize,
                raiz: num(4)? as i32,
            },
            "cola" => Escenario::Cola {
                n: num(1)? as usize,
                cita: num(2)? == 1,
            },
            "anillo" => Escenario::Anillo {
                n: num(1)? as usize,
            },
            _ => return None,
        })
    }

    /// La función del ejercicio que ejecuta el escenario, para los mensajes.
    pub fn funcion(&self) -> &'static str {
        match self {
            Escenario::Suma { .. } => "suma",
            Escenario::Matriz { .. } => "multiplicar",
            Escenario::Cola { .. } => "coordinar",
            Escenario::Anillo { .. } => "suma_en_anillo",
        }
    }
}

/// Los datos de la suma: distintos entre sí, para que un elemento perdido o repetido cambie
/// el total.
pub fn datos_suma(n: usize) -> Vec<u64> {
    (0..n as u64).map(|i| 1000 + i * i).collect()
}

/// `A` (n × m), con filas distintas entre sí.
pub fn matriz_a(n: usize, m: usize) -> Vec<i64> {
    (0..n * m)
        .map(|x| (x as i64 % 13) - 6 + (x / m) as i64 * 7)
        .collect()
}

/// `B` (m × p).
pub fn matriz_b(m: usize, p: usize) -> Vec<i64> {
    (0..m * p).map(|x| (x as i64 * 5 % 11) - 4).collect()
}

/// `C = A × B`, calculada por la suite.
pub fn producto(n: usize, m: usize, p: usize) -> Vec<i64> {
    let (a, b) = (matriz_a(n, m), matriz_b(m, p));
    let mut c = vec![0; n * p];
    for i in 0..n {
        for k in 0..m {
            for j in 0..p {
                c[i * p + j] += a[i * m + k] * b[k * p + j];
            }
        }
    }
    c
}

/// Las tareas de la cola: su valor es su índice.
pub fn tareas(n: usize) -> Vec<u64> {
    (0..n as u64).collect()
}

/// Lo que hace cada tarea (sin contar la cita ni las anotaciones).
pub fn trabajo(x: u64) -> u64 {
    x * x + 7
}

/// El vector local del rango `rango` en el anillo.
pub fn vector_local(rango: i32, n: usize) -> Vec<u64> {
    (0..n as u64)
        .map(|i| (rango as u64 + 1) * 100 + i)
        .collect()
}

/// La suma de los vectores locales de `rangos` rangos.
pub fn suma_de_anillo(rangos: i32, n: usize) -> Vec<u64> {
    let mut total = vec![0; n];
    for r in 0..rangos {
        for (t, x) in total.iter_mut().zip(vector_local(r, n)) {
            *t += x;
        }
    }
    total
}
