//! Suite oficial del ejercicio `distribuida`.
//!
//! La misma suite se ejecuta contra tu código (`cargo test -p distribuida`), contra la
//! solución de referencia y contra implementaciones erróneas conocidas
//! (`tests/distribuida/malas/`). Cada prueba dice en español qué propiedad se rompió.
//!
//! **Este ejecutable es también el trabajador.** Las pruebas del coordinador lanzan el
//! propio ejecutable de la suite (`std::env::current_exe()`) pidiéndole una sola prueba,
//! [`PRUEBA_TRABAJADORA`], con la variable [`VARIABLE_MODO`]. Esa prueba, al ver la
//! variable, no prueba nada: hace de proceso trabajador y termina el proceso. Así no hace
//! falta ningún ejecutable aparte, ni con `cargo test` ni en las copias que compila
//! `cargo curso`. Los modos con fallos (morir, callar, responder basura) los implementa la
//! propia suite, con su copia del protocolo (el módulo `referencia`): los fallos se
//! provocan siempre en la misma tarea, no al azar.

// Las pruebas sueltan el grupo con `drop(g)` en un punto preciso. En el esqueleto, `Grupo`
// aún no implementa `Drop` (es parte del ejercicio), y clippy avisaría de ese `drop`.
#![allow(clippy::drop_non_drop)]

use arnes::{comprobar, comprobar_igual, con_limite, con_limite_de};
use distribuida::{
    ESPERA_CONEXION, ErrorDistribuido, Grupo, Matriz, Mensaje, TRAMA_MAXIMA, VARIABLE_COORDINADOR,
    codificar, decodificar, escribir_trama, leer_trama, producto_secuencial, trabajador, trabajar,
};
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// La prueba que, lanzada con [`VARIABLE_MODO`], hace de proceso trabajador.
const PRUEBA_TRABAJADORA: &str = "un_trabajador_en_otro_proceso_atiende_sus_tareas";
/// Qué trabajador hacer: `normal` (el tuyo, [`trabajador`]) o uno con fallos de la suite.
const VARIABLE_MODO: &str = "DISTRIBUIDA_MODO_PRUEBA";
/// Si existe, archivo donde el trabajador anota su pid y cada tarea que recibe.
const VARIABLE_REGISTRO: &str = "DISTRIBUIDA_REGISTRO_PRUEBA";
/// Archivo de señal: el trabajador «muere» lo crea justo antes de morir, y el trabajador
/// «aguarda» no responde a su primera tarea hasta que existe. Así el orden de los sucesos
/// entre procesos es siempre el mismo, sin depender de quién vaya más deprisa.
const VARIABLE_SENAL: &str = "DISTRIBUIDA_SENAL_PRUEBA";
/// El plazo de respuesta de las pruebas en las que nadie calla: sobra con mucho.
const PLAZO_HOLGADO: Duration = Duration::from_secs(30);

// ---------------------------------------------------------------------------------------
// El protocolo según la suite: la referencia contra la que se compara el tuyo.
// ---------------------------------------------------------------------------------------

mod referencia {
    use distribuida::{Matriz, Mensaje};
    use std::io::Read;

    fn matriz(bytes: &mut Vec<u8>, m: &Matriz) {
        bytes.extend((m.filas as u32).to_be_bytes());
        bytes.extend((m.columnas as u32).to_be_bytes());
        for x in &m.datos {
            bytes.extend(x.to_bits().to_be_bytes());
        }
    }

    pub fn codificar(m: &Mensaje) -> Vec<u8> {
        let mut b = Vec::new();
        match m {
            Mensaje::Sumar { tarea, datos } => {
                b.push(1);
                b.extend(tarea.to_be_bytes());
                b.extend((datos.len() as u32).to_be_bytes());
                for x in datos {
                    b.extend(x.to_be_bytes());
                }
            }
            Mensaje::Suma { tarea, total } => {
                b.push(2);
                b.extend(tarea.to_be_bytes());
                b.extend(total.to_be_bytes());
            }
            Mensaje::Multiplicar {
                tarea,
                filas,
                b: mb,
            } => {
                b.push(3);
                b.extend(tarea.to_be_bytes());
                matriz(&mut b, filas);
                matriz(&mut b, mb);
            }
            Mensaje::Producto { tarea, filas } => {
                b.push(4);
                b.extend(tarea.to_be_bytes());
                matriz(&mut b, filas);
            }
            Mensaje::Fin => b.push(5),
        }
        b
    }

    pub fn trama(carga: &[u8]) -> Vec<u8> {
        let mut t = (carga.len() as u32).to_be_bytes().to_vec();
        t.extend_from_slice(carga);
        t
    }

    struct Lector<'a>(&'a [u8]);

    impl Lector<'_> {
        fn tomar(&mut self, n: usize) -> Option<&[u8]> {
            (self.0.len() >= n).then(|| {
                let (a, b) = self.0.split_at(n);
                self.0 = b;
                a
            })
        }
        fn u32(&mut self) -> Option<u32> {
            Some(u32::from_be_bytes(self.tomar(4)?.try_into().ok()?))
        }
        fn u64(&mut self) -> Option<u64> {
            Some(u64::from_be_bytes(self.tomar(8)?.try_into().ok()?))
        }
        fn matriz(&mut self) -> Option<Matriz> {
            let (f, c) = (self.u32()? as usize, self.u32()? as usize);
            let n = f.checked_mul(c)?;
            if n.checked_mul(8)? > self.0.len() {
                return None;
            }
            let datos = (0..n)
                .map(|_| self.u64().map(f64::from_bits))
                .collect::<Option<_>>()?;
            Some(Matriz::nueva(f, c, datos))
        }
    }

    /// El mensaje de una carga, o `None` si no es exactamente un mensaje.
    pub fn decodificar(carga: &[u8]) -> Option<Mensaje> {
        let (&tipo, resto) = carga.split_first()?;
        let mut l = Lector(resto);
        let m = match tipo {
            1 => {
                let tarea = l.u32()?;
                let n = l.u32()? as usize;
                if n.checked_mul(8)? > l.0.len() {
                    return None;
                }
                let datos = (0..n).map(|_| l.u64()).collect::<Option<_>>()?;
                Mensaje::Sumar { tarea, datos }
            }
            2 => {
                let tarea = l.u32()?;
                let total = u128::from_be_bytes(l.tomar(16)?.try_into().ok()?);
                Mensaje::Suma { tarea, total }
            }
            3 => Mensaje::Multiplicar {
                tarea: l.u32()?,
                filas: l.matriz()?,
                b: l.matriz()?,
            },
            4 => Mensaje::Producto {
                tarea: l.u32()?,
                filas: l.matriz()?,
            },
            5 => Mensaje::Fin,
            _ => return None,
        };
        l.0.is_empty().then_some(m)
    }

    /// La siguiente trama de `r`, o `None` si se acabó o está cortada.
    pub fn leer(r: &mut impl Read) -> Option<Vec<u8>> {
        let mut cabecera = [0u8; 4];
        r.read_exact(&mut cabecera).ok()?;
        let mut carga = vec![0u8; u32::from_be_bytes(cabecera) as usize];
        r.read_exact(&mut carga).ok()?;
        Some(carga)
    }

    /// Todas las tramas completas de un búfer, decodificadas.
    pub fn mensajes(mut bytes: &[u8]) -> Vec<Option<Mensaje>> {
        let mut v = Vec::new();
        while let Some(carga) = leer(&mut bytes) {
            v.push(decodificar(&carga));
        }
        v
    }

    /// La suma de un trozo y el producto de dos matrices, calculados aquí.
    pub fn suma(datos: &[u64]) -> u128 {
        datos.iter().map(|&x| u128::from(x)).sum()
    }

    pub fn producto(a: &Matriz, b: &Matriz) -> Matriz {
        let mut c = Vec::with_capacity(a.filas * b.columnas);
        for i in 0..a.filas {
            for j in 0..b.columnas {
                let mut s = 0.0;
                for k in 0..a.columnas {
                    s += a.datos[i * a.columnas + k] * b.datos[k * b.columnas + j];
                }
                c.push(s);
            }
        }
        Matriz::nueva(a.filas, b.columnas, c)
    }
}

// ---------------------------------------------------------------------------------------
// Lectores y escritores de pega: bytes a cuentagotas, escrituras cortas, interrupciones.
// ---------------------------------------------------------------------------------------

/// Un flujo que entrega sus bytes de 1 a 3 en cada `read` y a veces falla con
/// `Interrupted`, como puede hacerlo una conexión de verdad.
struct Cuentagotas {
    bytes: Vec<u8>,
    posicion: usize,
    llamadas: usize,
}

impl Cuentagotas {
    fn new(bytes: Vec<u8>) -> Self {
        Self {
            bytes,
            posicion: 0,
            llamadas: 0,
        }
    }
}

impl Read for Cuentagotas {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.llamadas += 1;
        if self.llamadas % 5 == 0 {
            return Err(io::ErrorKind::Interrupted.into());
        }
        let quedan = self.bytes.len() - self.posicion;
        let n = [1, 3, 2][self.llamadas % 3].min(buf.len()).min(quedan);
        buf[..n].copy_from_slice(&self.bytes[self.posicion..self.posicion + n]);
        self.posicion += n;
        Ok(n)
    }
}

/// Un escritor que acepta de 1 a 3 bytes por `write` y a veces falla con `Interrupted`.
#[derive(Default)]
struct EscritorCorto {
    bytes: Vec<u8>,
    llamadas: usize,
}

impl Write for EscritorCorto {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.llamadas += 1;
        if self.llamadas % 7 == 0 {
            return Err(io::ErrorKind::Interrupted.into());
        }
        let n = [2, 1, 3][self.llamadas % 3].min(buf.len());
        self.bytes.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Una conexión en memoria: lo que «llega» sale de un cuentagotas y lo que se envía queda
/// en un escritor corto.
struct Duplex {
    entrada: Cuentagotas,
    salida: EscritorCorto,
}

impl Read for Duplex {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.entrada.read(buf)
    }
}

impl Write for Duplex {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.salida.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.salida.flush()
    }
}

/// Los bytes de varias tramas seguidas, con el protocolo de referencia.
fn tramas(mensajes: &[Mensaje]) -> Vec<u8> {
    mensajes
        .iter()
        .flat_map(|m| referencia::trama(&referencia::codificar(m)))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Datos reproducibles
// ---------------------------------------------------------------------------------------

/// Números pseudoaleatorios reproducibles (un generador congruencial lineal).
fn numeros(n: usize, semilla: u64) -> Vec<u64> {
    let mut x = semilla;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            x
        })
        .collect()
}

/// Una matriz de valores en [-1, 1) reproducible.
fn matriz(filas: usize, columnas: usize, semilla: u64) -> Matriz {
    let datos = numeros(filas * columnas, semilla)
        .into_iter()
        .map(|x| (x >> 11) as f64 / (1u64 << 52) as f64 - 1.0)
        .collect();
    Matriz::nueva(filas, columnas, datos)
}

/// Compara dos matrices bit a bit (también `-0.0` frente a `0.0`).
fn bits(m: &Matriz) -> (usize, usize, Vec<u64>) {
    (
        m.filas,
        m.columnas,
        m.datos.iter().map(|x| x.to_bits()).collect(),
    )
}

// ---------------------------------------------------------------------------------------
// El proceso trabajador
// ---------------------------------------------------------------------------------------

/// Anota una línea en el registro del trabajador, si lo hay.
fn anotar(linea: &str) {
    if let Some(ruta) = std::env::var_os(VARIABLE_REGISTRO) {
        let mut archivo = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(ruta)
            .expect("no se pudo abrir el registro del trabajador");
        writeln!(archivo, "{linea}").expect("no se pudo escribir el registro");
    }
}

/// Lo que hace este ejecutable cuando lo lanzan como trabajador. Nunca vuelve.
fn ser_trabajador(modo: &str) -> ! {
    anotar(&format!("pid {}", std::process::id()));
    let Ok(direccion) = std::env::var(VARIABLE_COORDINADOR) else {
        eprintln!("el coordinador no pasó su dirección en {VARIABLE_COORDINADOR}");
        std::process::exit(2);
    };
    if modo == "normal" {
        std::process::exit(match trabajador(&direccion) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("el trabajador terminó con error: {e}");
                1
            }
        });
    }
    if modo == "sale" {
        std::process::exit(7);
    }
    // Los modos con fallos («muere:k», «calla:k», «basura:k», «repite:k») actúan al recibir
    // su k-ésima tarea; antes responden bien. «espia» responde siempre bien, y «aguarda»
    // también, pero retiene su primera respuesta hasta que aparece la señal.
    let (que, k) = modo.split_once(':').unwrap_or((modo, "0"));
    let k: usize = k.parse().expect("modo de trabajador mal escrito");
    let mut conexion = TcpStream::connect(&direccion).expect("no se pudo conectar");
    conexion.set_nodelay(true).unwrap();
    conexion
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut recibidas = 0;
    while let Some(carga) = referencia::leer(&mut conexion) {
        let respuesta = match referencia::decodificar(&carga) {
            Some(Mensaje::Sumar { tarea, datos }) => Mensaje::Suma {
                tarea,
                total: referencia::suma(&datos),
            },
            Some(Mensaje::Multiplicar { tarea, filas, b }) => Mensaje::Producto {
                tarea,
                filas: referencia::producto(&filas, &b),
            },
            _ => break,
        };
        recibidas += 1;
        if let Mensaje::Suma { tarea, .. } | Mensaje::Producto { tarea, .. } = &respuesta {
            anotar(&format!("tarea {tarea}"));
        }
        if que == "aguarda" && recibidas == 1 {
            esperar_senal();
        }
        let trama = referencia::trama(&referencia::codificar(&respuesta));
        if recibidas == k {
            match que {
                // Muere con la tarea en la mano, sin responder.
                "muere" => {
                    if let Some(senal) = std::env::var_os(VARIABLE_SENAL) {
                        std::fs::write(senal, "muerto").expect("no se pudo crear la señal");
                    }
                    std::process::exit(3)
                }
                // Deja de responder, pero sigue leyendo (sin contestar) hasta que le cierren.
                "calla" => {
                    let _ = io::copy(&mut conexion, &mut io::sink());
                    std::process::exit(0);
                }
                // Responde con una trama cuyo tipo no existe.
                "basura" => {
                    let _ = conexion.write_all(&referencia::trama(&[9, 0, 0, 0, 0]));
                    continue;
                }
                // Responde dos veces a la misma tarea.
                "repite" => {
                    let _ = conexion.write_all(&trama);
                }
                _ => {}
            }
        }
        if conexion.write_all(&trama).is_err() {
            break;
        }
    }
    std::process::exit(0);
}

/// Espera (como mucho 15 s) a que exista el archivo de señal.
fn esperar_senal() {
    let Some(senal) = std::env::var_os(VARIABLE_SENAL) else {
        return;
    };
    let fin = Instant::now() + Duration::from_secs(15);
    while !std::path::Path::new(&senal).exists() && Instant::now() < fin {
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// La orden que lanza este mismo ejecutable como trabajador en el modo `modo`.
fn orden_trabajador(modo: &str, registro: Option<&PathBuf>) -> Command {
    let exe = std::env::current_exe().expect("no se encuentra el ejecutable de la suite");
    let mut orden = Command::new(exe);
    orden
        .args([PRUEBA_TRABAJADORA, "--exact", "--test-threads=1", "-q"])
        .env(VARIABLE_MODO, modo)
        .stdin(Stdio::null())
        .stdout(Stdio::null());
    if let Some(r) = registro {
        orden.env(VARIABLE_REGISTRO, r);
    } else {
        orden.env_remove(VARIABLE_REGISTRO);
    }
    orden
}

/// Registros temporales de los trabajadores de una prueba (uno por trabajador y, el
/// último, el archivo de señal); se borran al acabar.
struct Registros(Vec<PathBuf>);

impl Registros {
    fn new(n: usize) -> Self {
        static CONTADOR: AtomicUsize = AtomicUsize::new(0);
        Registros(
            (0..=n)
                .map(|_| {
                    let c = CONTADOR.fetch_add(1, Ordering::Relaxed);
                    std::env::temp_dir()
                        .join(format!("distribuida-prueba-{}-{c}.txt", std::process::id()))
                })
                .collect(),
        )
    }

    fn lineas(&self, i: usize) -> Vec<String> {
        std::fs::read_to_string(&self.0[i])
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    fn tareas(&self, i: usize) -> usize {
        self.lineas(i)
            .iter()
            .filter(|l| l.starts_with("tarea"))
            .count()
    }

    fn pid(&self, i: usize) -> Option<u32> {
        self.lineas(i)
            .iter()
            .find_map(|l| l.strip_prefix("pid ")?.parse().ok())
    }
}

impl Drop for Registros {
    fn drop(&mut self) {
        for r in &self.0 {
            let _ = std::fs::remove_file(r);
        }
    }
}

/// Un grupo con un trabajador por modo; el trabajador `i` anota en el registro `i`.
fn grupo(
    modos: &[&str],
    limite: Duration,
    registros: Option<&Registros>,
) -> Result<Grupo, ErrorDistribuido> {
    let modos: Vec<String> = modos.iter().map(|m| m.to_string()).collect();
    let rutas: Option<Vec<PathBuf>> = registros.map(|r| r.0.clone());
    Grupo::lanzar(modos.len(), limite, move |i| {
        let mut orden = orden_trabajador(&modos[i], rutas.as_ref().map(|r| &r[i]));
        match rutas.as_ref().and_then(|r| r.last()) {
            Some(senal) => orden.env(VARIABLE_SENAL, senal),
            None => orden.env_remove(VARIABLE_SENAL),
        };
        orden
    })
}

/// Como [`grupo`], pero la prueba falla si no se pudo lanzar.
#[track_caller]
fn grupo_listo(modos: &[&str], limite: Duration, registros: Option<&Registros>) -> Grupo {
    match grupo(modos, limite, registros) {
        Ok(g) => g,
        Err(e) => panic!(
            "Grupo::lanzar con {} trabajadores debía funcionar, y devolvió el error «{e}».\n\
             Si tu trabajador falla, la prueba {PRUEBA_TRABAJADORA} lo prueba por separado.",
            modos.len()
        ),
    }
}

/// Suma esperada de `datos`.
fn total(datos: &[u64]) -> u128 {
    referencia::suma(datos)
}

// ---------------------------------------------------------------------------------------
// Codificación
// ---------------------------------------------------------------------------------------

/// Mensajes de ejemplo de todos los tipos, con casos límite.
fn ejemplos() -> Vec<Mensaje> {
    vec![
        Mensaje::Sumar {
            tarea: 0,
            datos: vec![],
        },
        Mensaje::Sumar {
            tarea: 3,
            datos: vec![1, 258, u64::MAX],
        },
        Mensaje::Suma {
            tarea: 7,
            total: 300,
        },
        Mensaje::Suma {
            tarea: u32::MAX,
            total: u128::MAX - 1,
        },
        Mensaje::Multiplicar {
            tarea: 1,
            filas: Matriz::nueva(1, 2, vec![1.0, -2.5]),
            b: Matriz::nueva(2, 1, vec![0.5, -0.0]),
        },
        Mensaje::Producto {
            tarea: 2,
            filas: Matriz::nueva(1, 3, vec![f64::INFINITY, f64::MIN_POSITIVE, 1e300]),
        },
        Mensaje::Producto {
            tarea: 4,
            filas: Matriz::nueva(0, 5, vec![]),
        },
        Mensaje::Fin,
    ]
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn cada_mensaje_se_codifica_con_los_bytes_del_protocolo() {
    con_limite(
        "cada mensaje se codifica con los bytes del protocolo",
        || {
            let mut volcado = String::new();
            for m in ejemplos() {
                let esperado = referencia::codificar(&m);
                let obtenido = codificar(&m);
                comprobar(obtenido == esperado, || {
                    format!(
                        "codificar({m:?}) no sigue el protocolo.\n  esperado: {}\n  obtenido: {}\n\
                     Repasa la tabla del protocolo: un byte de tipo y cada campo en big-endian \
                     (`to_be_bytes`), con la longitud de los vectores como u32 y el total como \
                     u128 (16 bytes).",
                        hex(&esperado),
                        hex(&obtenido)
                    )
                });
                let mut trama = Vec::new();
                escribir_trama(&mut trama, &obtenido).expect("escribir_trama en un Vec no falla");
                volcado.push_str(&format!("{m:?}\n  {}\n", hex(&trama)));
            }
            // Los bytes exactos de cada trama, tal como viajan.
            insta::assert_snapshot!(volcado);
        },
    );
}

#[test]
fn decodificar_invierte_a_codificar() {
    con_limite("decodificar invierte a codificar", || {
        let mut mensajes = ejemplos();
        mensajes.push(Mensaje::Sumar {
            tarea: 99,
            datos: numeros(1000, 5),
        });
        mensajes.push(Mensaje::Multiplicar {
            tarea: 12,
            filas: matriz(3, 7, 1),
            b: matriz(7, 4, 2),
        });
        for m in mensajes {
            let carga = referencia::codificar(&m);
            match decodificar(&carga) {
                Ok(d) => comprobar(referencia::codificar(&d) == carga, || {
                    format!(
                        "decodificar(codificar(m)) debe devolver m, y no lo hace con {m:?}: \
                         se obtuvo {d:?}"
                    )
                }),
                Err(e) => {
                    panic!("decodificar rechazó un mensaje bien formado ({m:?}) con el error «{e}»")
                }
            }
        }
    });
}

#[test]
fn decodificar_rechaza_mensajes_malformados() {
    con_limite("decodificar rechaza mensajes malformados", || {
        use ErrorDistribuido::*;
        let mut sumar_3 = referencia::codificar(&Mensaje::Sumar {
            tarea: 1,
            datos: vec![10, 20, 30],
        });
        // Anuncia 2 números y trae 3: sobran 8 bytes.
        sumar_3[8] = 2;
        let sumar_corto = referencia::codificar(&Mensaje::Sumar {
            tarea: 1,
            datos: vec![10, 20],
        });
        let suma = referencia::codificar(&Mensaje::Suma { tarea: 1, total: 5 });
        let producto = referencia::codificar(&Mensaje::Producto {
            tarea: 1,
            filas: Matriz::nueva(2, 2, vec![1.0, 2.0, 3.0, 4.0]),
        });
        let mut enorme = vec![1, 0, 0, 0, 1];
        enorme.extend(u32::MAX.to_be_bytes());
        enorme.extend([0; 16]);
        let mut matriz_enorme = vec![4, 0, 0, 0, 1];
        matriz_enorme.extend(u32::MAX.to_be_bytes());
        matriz_enorme.extend(u32::MAX.to_be_bytes());
        let casos: Vec<(&str, Vec<u8>, ErrorDistribuido)> = vec![
            ("una carga vacía", vec![], MensajeVacio),
            ("el tipo 0", vec![0], TipoDesconocido(0)),
            ("el tipo 9", vec![9, 1, 2, 3], TipoDesconocido(9)),
            (
                "Sumar sin el último número",
                sumar_corto[..sumar_corto.len() - 1].to_vec(),
                MensajeTruncado { tipo: 1 },
            ),
            (
                "Sumar que anuncia 2 números y trae 3",
                sumar_3,
                BytesSobrantes { tipo: 1, sobran: 8 },
            ),
            (
                "Sumar que anuncia 4 294 967 295 números y trae 2",
                enorme,
                MensajeTruncado { tipo: 1 },
            ),
            (
                "Suma con un total de 15 bytes",
                suma[..suma.len() - 1].to_vec(),
                MensajeTruncado { tipo: 2 },
            ),
            (
                "Suma con un byte de más",
                [suma.as_slice(), &[0]].concat(),
                BytesSobrantes { tipo: 2, sobran: 1 },
            ),
            (
                "Producto sin el último valor",
                producto[..producto.len() - 8].to_vec(),
                MensajeTruncado { tipo: 4 },
            ),
            (
                "Producto de una matriz de 4 294 967 295 × 4 294 967 295",
                matriz_enorme,
                MensajeTruncado { tipo: 4 },
            ),
            (
                "Fin con un byte de más",
                vec![5, 5],
                BytesSobrantes { tipo: 5, sobran: 1 },
            ),
            (
                "Multiplicar sin la matriz B",
                vec![3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
                MensajeTruncado { tipo: 3 },
            ),
        ];
        for (que, carga, esperado) in casos {
            let obtenido = std::panic::catch_unwind(|| decodificar(&carga));
            comprobar(matches!(&obtenido, Ok(Err(e)) if *e == esperado), || {
                format!(
                    "decodificar de {que} ({}) debe dar Err({esperado:?}), y dio {}.\n\
                     Comprueba que quedan bytes antes de tomarlos (y antes de reservar memoria \
                     para ellos) y que al final no sobra ninguno.",
                    if carga.len() <= 32 {
                        hex(&carga)
                    } else {
                        format!("{} bytes", carga.len())
                    },
                    match &obtenido {
                        Ok(r) => format!("{r:?}"),
                        Err(_) => "un pánico".into(),
                    }
                )
            });
        }
    });
}

// ---------------------------------------------------------------------------------------
// Tramas
// ---------------------------------------------------------------------------------------

#[test]
fn escribir_trama_pone_la_longitud_delante() {
    con_limite("escribir_trama pone la longitud delante", || {
        for carga in [
            vec![],
            vec![5],
            (0..=255).collect::<Vec<u8>>(),
            vec![7; 70_000],
        ] {
            let mut escritor = EscritorCorto::default();
            let r = escribir_trama(&mut escritor, &carga);
            comprobar_igual(
                r,
                Ok(()),
                &format!("escribir_trama de una carga de {} bytes", carga.len()),
            );
            comprobar(escritor.bytes == referencia::trama(&carga), || {
                format!(
                    "la trama de una carga de {} bytes debe ser su longitud en 4 bytes \
                     big-endian ({}) seguida de la carga; se escribieron {} bytes que empiezan \
                     por {}.\n\
                     Si faltan bytes: `write` puede escribir menos de lo que se le da (usa \
                     `write_all`). Si la cabecera está al revés: usa `to_be_bytes`.",
                    carga.len(),
                    hex(&(carga.len() as u32).to_be_bytes()),
                    escritor.bytes.len(),
                    hex(&escritor.bytes[..escritor.bytes.len().min(8)])
                )
            });
        }
        let enorme = vec![0u8; TRAMA_MAXIMA + 1];
        let mut escritor = EscritorCorto::default();
        comprobar_igual(
            escribir_trama(&mut escritor, &enorme),
            Err(ErrorDistribuido::TramaDemasiadoLarga(TRAMA_MAXIMA + 1)),
            "escribir_trama de una carga de TRAMA_MAXIMA + 1 bytes",
        );
        comprobar(escritor.bytes.is_empty(), || {
            "escribir_trama de una carga demasiado larga no debe escribir nada".into()
        });
    });
}

#[test]
fn leer_trama_junta_una_trama_que_llega_a_trozos() {
    con_limite("leer_trama junta una trama que llega a trozos", || {
        let cargas: Vec<Vec<u8>> = vec![
            vec![1, 2, 3, 4, 5, 6, 7],
            vec![],
            (0..=255).collect(),
            vec![42],
            numeros(300, 9).iter().map(|&x| x as u8).collect(),
        ];
        let bytes: Vec<u8> = cargas.iter().flat_map(|c| referencia::trama(c)).collect();
        let mut lector = Cuentagotas::new(bytes);
        for (i, esperada) in cargas.iter().enumerate() {
            let obtenida = leer_trama(&mut lector);
            comprobar(matches!(&obtenida, Ok(Some(c)) if c == esperada), || {
                format!(
                    "la trama {i} (de {} bytes de carga) llegó de 1 a 3 bytes por `read`, con \
                     algún `Interrupted` en medio, y leer_trama devolvió {}.\n\
                     Un `read` no es un mensaje: repite `read` hasta tener los 4 bytes de la \
                     cabecera y después la carga entera (`read_exact` lo hace por ti), y \
                     vuelve a intentarlo tras `ErrorKind::Interrupted`.",
                    esperada.len(),
                    match &obtenida {
                        Ok(Some(c)) => format!("Ok(Some(<{} bytes distintos>))", c.len()),
                        otro => format!("{otro:?}"),
                    }
                )
            });
        }
        comprobar_igual(
            leer_trama(&mut lector),
            Ok(None),
            "leer_trama cuando la conexión se cierra justo después de la última trama",
        );
    });
}

#[test]
fn leer_trama_distingue_el_cierre_limpio_del_cierre_a_medias() {
    con_limite(
        "leer_trama distingue el cierre limpio del cierre a medias",
        || {
            let trama = referencia::trama(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
            comprobar_igual(
                leer_trama(&mut Cuentagotas::new(vec![])),
                Ok(None),
                "leer_trama de una conexión cerrada sin ningún byte (cierre limpio)",
            );
            for corte in [1, 2, 3, 4, 5, 13] {
                let mut lector = Cuentagotas::new(trama[..corte].to_vec());
                comprobar_igual(
                    leer_trama(&mut lector),
                    Err(ErrorDistribuido::TramaIncompleta),
                    &format!(
                        "leer_trama de una trama de 14 bytes cortada tras {corte} bytes: una trama \
                     a medias no es un cierre limpio (Ok(None)) ni una trama más corta"
                    ),
                );
            }
        },
    );
}

#[test]
fn leer_trama_rechaza_longitudes_enormes_sin_reservarlas() {
    con_limite(
        "leer_trama rechaza longitudes enormes sin reservarlas",
        || {
            for longitud in [u32::MAX as usize, TRAMA_MAXIMA + 1] {
                let mut bytes = (longitud as u32).to_be_bytes().to_vec();
                bytes.extend([0; 16]);
                let mut lector = Cuentagotas::new(bytes);
                comprobar_igual(
                    leer_trama(&mut lector),
                    Err(ErrorDistribuido::TramaDemasiadoLarga(longitud)),
                    &format!(
                        "leer_trama de una cabecera que anuncia {longitud} bytes (el máximo es \
                     TRAMA_MAXIMA = {TRAMA_MAXIMA})"
                    ),
                );
                comprobar(lector.posicion == 4, || {
                    format!(
                        "tras una cabecera que anuncia {longitud} bytes, leer_trama leyó {} bytes: \
                     debe detenerse tras los 4 de la cabecera, sin leer (ni reservar) la carga",
                        lector.posicion
                    )
                });
            }
        },
    );
}

// ---------------------------------------------------------------------------------------
// El trabajador, en memoria
// ---------------------------------------------------------------------------------------

#[test]
fn producto_secuencial_multiplica_filas_por_columnas() {
    con_limite("producto_secuencial multiplica filas por columnas", || {
        let a = Matriz::nueva(2, 3, vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        let b = Matriz::nueva(3, 2, vec![7.0, 8.0, 9.0, 10.0, 11.0, 12.0]);
        comprobar_igual(
            producto_secuencial(&a, &b),
            Ok(Matriz::nueva(2, 2, vec![58.0, 64.0, 139.0, 154.0])),
            "[[1, 2, 3], [4, 5, 6]] · [[7, 8], [9, 10], [11, 12]]",
        );
        for (f, k, c) in [(5, 7, 3), (1, 1, 1), (0, 4, 2), (3, 0, 2), (4, 6, 0)] {
            let (a, b) = (matriz(f, k, 11), matriz(k, c, 12));
            let obtenido = producto_secuencial(&a, &b);
            comprobar(
                obtenido
                    .as_ref()
                    .is_ok_and(|m| bits(m) == bits(&referencia::producto(&a, &b))),
                || {
                    format!(
                        "producto_secuencial de {f}×{k} por {k}×{c} no coincide bit a bit con el \
                         producto fila por columna (sumando en orden de k desde 0.0): {obtenido:?}"
                    )
                },
            );
        }
        comprobar_igual(
            producto_secuencial(&matriz(2, 3, 1), &matriz(2, 3, 2)),
            Err(ErrorDistribuido::DimensionesIncompatibles {
                columnas_a: 3,
                filas_b: 2,
            }),
            "producto_secuencial de 2×3 por 2×3",
        );
    });
}

#[test]
fn trabajar_responde_cada_tarea_en_orden() {
    con_limite("trabajar responde cada tarea en orden", || {
        let (a, b) = (matriz(3, 4, 21), matriz(4, 2, 22));
        let datos = numeros(50, 23);
        let entrada = tramas(&[
            Mensaje::Sumar {
                tarea: 4,
                datos: datos.clone(),
            },
            Mensaje::Multiplicar {
                tarea: 9,
                filas: a.clone(),
                b: b.clone(),
            },
            Mensaje::Sumar {
                tarea: 5,
                datos: vec![u64::MAX; 3],
            },
            Mensaje::Fin,
            // Después de Fin no se lee nada más.
            Mensaje::Sumar {
                tarea: 6,
                datos: vec![1],
            },
        ]);
        let mut conexion = Duplex {
            entrada: Cuentagotas::new(entrada),
            salida: EscritorCorto::default(),
        };
        let r = trabajar(&mut conexion);
        comprobar_igual(r, Ok(()), "trabajar hasta recibir Fin");
        let esperadas = vec![
            Some(Mensaje::Suma {
                tarea: 4,
                total: total(&datos),
            }),
            Some(Mensaje::Producto {
                tarea: 9,
                filas: referencia::producto(&a, &b),
            }),
            Some(Mensaje::Suma {
                tarea: 5,
                total: 3 * u128::from(u64::MAX),
            }),
        ];
        comprobar_igual(
            referencia::mensajes(&conexion.salida.bytes),
            esperadas,
            "las respuestas de trabajar (cada tarea con su número, en el orden en que llegaron; \
             nada tras Fin)",
        );
    });
}

#[test]
fn trabajar_termina_bien_si_el_coordinador_cierra() {
    con_limite("trabajar termina bien si el coordinador cierra", || {
        let entrada = tramas(&[Mensaje::Sumar {
            tarea: 0,
            datos: vec![2, 3],
        }]);
        let mut conexion = Duplex {
            entrada: Cuentagotas::new(entrada),
            salida: EscritorCorto::default(),
        };
        comprobar_igual(
            trabajar(&mut conexion),
            Ok(()),
            "trabajar cuando el coordinador cierra la conexión entre dos tramas",
        );
        comprobar_igual(
            referencia::mensajes(&conexion.salida.bytes),
            vec![Some(Mensaje::Suma { tarea: 0, total: 5 })],
            "la respuesta a la única tarea",
        );
    });
}

#[test]
fn trabajar_devuelve_un_error_claro_con_un_mensaje_malformado() {
    con_limite(
        "trabajar devuelve un error claro con un mensaje malformado",
        || {
            let buena = tramas(&[Mensaje::Sumar {
                tarea: 0,
                datos: vec![1],
            }]);
            let casos: Vec<(&str, Vec<u8>, ErrorDistribuido)> = vec![
                (
                    "una trama de tipo 9",
                    [buena.clone(), referencia::trama(&[9])].concat(),
                    ErrorDistribuido::TipoDesconocido(9),
                ),
                (
                    "una trama cortada a la mitad",
                    [buena.clone(), buena[..6].to_vec()].concat(),
                    ErrorDistribuido::TramaIncompleta,
                ),
                (
                    "un Multiplicar de 2×3 por 2×2",
                    [
                        buena.clone(),
                        tramas(&[Mensaje::Multiplicar {
                            tarea: 1,
                            filas: matriz(2, 3, 1),
                            b: matriz(2, 2, 2),
                        }]),
                    ]
                    .concat(),
                    ErrorDistribuido::DimensionesIncompatibles {
                        columnas_a: 3,
                        filas_b: 2,
                    },
                ),
            ];
            for (que, entrada, esperado) in casos {
                let mut conexion = Duplex {
                    entrada: Cuentagotas::new(entrada),
                    salida: EscritorCorto::default(),
                };
                comprobar_igual(
                    trabajar(&mut conexion),
                    Err(esperado),
                    &format!("trabajar tras una tarea buena y {que}"),
                );
                comprobar_igual(
                    referencia::mensajes(&conexion.salida.bytes),
                    vec![Some(Mensaje::Suma { tarea: 0, total: 1 })],
                    &format!("las respuestas de trabajar con {que}: solo la de la tarea buena"),
                );
            }
            let mut conexion = Duplex {
                entrada: Cuentagotas::new(tramas(&[Mensaje::Suma { tarea: 0, total: 1 }])),
                salida: EscritorCorto::default(),
            };
            let r = trabajar(&mut conexion);
            comprobar(
                matches!(r, Err(ErrorDistribuido::MensajeInesperado(_))),
                || {
                    format!(
                        "un trabajador que recibe una Suma (una respuesta, no una tarea) debe devolver \
                 Err(MensajeInesperado(..)), y devolvió {r:?}"
                    )
                },
            );
        },
    );
}

#[test]
fn trabajador_solo_acepta_direcciones_de_bucle_local() {
    con_limite("trabajador solo acepta direcciones de bucle local", || {
        for direccion in ["", "no es una dirección", "localhost", "127.0.0.1"] {
            let r = trabajador(direccion);
            comprobar(
                matches!(&r, Err(ErrorDistribuido::DireccionInvalida(d)) if d == direccion),
                || {
                    format!(
                        "trabajador({direccion:?}) debe dar Err(DireccionInvalida({direccion:?})) \
                         sin intentar conectar, y dio {r:?}. Lee la dirección con \
                         `parse::<SocketAddr>()` (sin resolver nombres) y exige `is_loopback()`."
                    )
                },
            );
        }
    });
}

// ---------------------------------------------------------------------------------------
// El trabajador, en otro proceso
// ---------------------------------------------------------------------------------------

#[test]
fn un_trabajador_en_otro_proceso_atiende_sus_tareas() {
    // Lanzado por un coordinador, este ejecutable hace de trabajador y no vuelve de aquí.
    if let Ok(modo) = std::env::var(VARIABLE_MODO) {
        ser_trabajador(&modo);
    }
    con_limite("un trabajador en otro proceso atiende sus tareas", || {
        let escucha = TcpListener::bind("127.0.0.1:0").unwrap();
        let direccion = escucha.local_addr().unwrap().to_string();
        let mut hijo = orden_trabajador("normal", None)
            .env(VARIABLE_COORDINADOR, &direccion)
            .spawn()
            .expect("no se pudo lanzar el trabajador");
        // Esperar la conexión sin bloquear, mirando si el hijo ya terminó.
        escucha.set_nonblocking(true).unwrap();
        let fin = Instant::now() + ESPERA_CONEXION;
        let mut conexion = loop {
            if let Ok((c, _)) = escucha.accept() {
                break c;
            }
            if let Ok(Some(estado)) = hijo.try_wait() {
                panic!(
                    "el proceso trabajador terminó ({estado}) sin conectarse a {direccion}. \
                     `trabajador(direccion)` debe conectarse a esa dirección con TCP; si \
                     entra en pánico, prueba antes las funciones de las que depende \
                     (leer_trama, decodificar, trabajar)."
                );
            }
            assert!(
                Instant::now() < fin,
                "el trabajador no se conectó en {ESPERA_CONEXION:?}"
            );
            std::thread::sleep(Duration::from_millis(2));
        };
        conexion.set_nonblocking(false).unwrap();
        conexion
            .set_read_timeout(Some(Duration::from_secs(8)))
            .unwrap();
        let grandes = numeros(200_000, 31);
        let (a, b) = (matriz(4, 30, 32), matriz(30, 5, 33));
        let tareas = [
            Mensaje::Sumar {
                tarea: 0,
                datos: grandes.clone(),
            },
            Mensaje::Multiplicar {
                tarea: 1,
                filas: a.clone(),
                b: b.clone(),
            },
            Mensaje::Sumar {
                tarea: 2,
                datos: vec![],
            },
        ];
        let esperadas = [
            Mensaje::Suma {
                tarea: 0,
                total: total(&grandes),
            },
            Mensaje::Producto {
                tarea: 1,
                filas: referencia::producto(&a, &b),
            },
            Mensaje::Suma { tarea: 2, total: 0 },
        ];
        for (tarea, esperada) in tareas.iter().zip(&esperadas) {
            conexion
                .write_all(&referencia::trama(&referencia::codificar(tarea)))
                .expect("no se pudo enviar la tarea al trabajador");
            let respuesta = referencia::leer(&mut conexion).map(|c| referencia::decodificar(&c));
            comprobar(respuesta == Some(Some(esperada.clone())), || {
                format!(
                    "el trabajador en otro proceso debía responder {esperada:?} (abreviado: \
                     tarea {}) y respondió {}.\n\
                     Una trama de 1,6 MB no llega en un solo `read` por TCP.",
                    match esperada {
                        Mensaje::Suma { tarea, .. } | Mensaje::Producto { tarea, .. } => *tarea,
                        _ => 0,
                    },
                    match &respuesta {
                        None => "nada: cerró la conexión o no respondió en 8 s".to_string(),
                        Some(None) => "una trama que no es un mensaje del protocolo".into(),
                        Some(Some(m)) => format!("otra cosa: {m:?}"),
                    }
                )
            });
        }
        conexion
            .write_all(&referencia::trama(&[5]))
            .expect("no se pudo enviar Fin");
        let fin = Instant::now() + Duration::from_secs(8);
        let estado = loop {
            if let Some(estado) = hijo.try_wait().unwrap() {
                break Some(estado);
            }
            if Instant::now() >= fin {
                let _ = hijo.kill();
                let _ = hijo.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        comprobar(estado.is_some_and(|e| e.success()), || {
            format!(
                "tras recibir Fin, el proceso trabajador debe terminar con éxito (trabajador \
                 devuelve Ok), y {}",
                match estado {
                    Some(e) => format!("terminó con {e}"),
                    None => "seguía vivo 8 s después".into(),
                }
            )
        });
    });
}

// ---------------------------------------------------------------------------------------
// El coordinador
// ---------------------------------------------------------------------------------------

#[test]
fn un_grupo_de_cero_trabajadores_es_un_error() {
    con_limite("un grupo de cero trabajadores es un error", || {
        let mut lanzados = 0;
        let r = Grupo::lanzar(0, PLAZO_HOLGADO, |_| {
            lanzados += 1;
            Command::new("true")
        });
        comprobar(matches!(r, Err(ErrorDistribuido::CeroTrabajadores)), || {
            format!(
                "Grupo::lanzar(0, ..) debe dar Err(CeroTrabajadores), y dio {}",
                if r.is_ok() { "Ok(..)" } else { "otro error" }
            )
        });
        comprobar_igual(lanzados, 0, "procesos lanzados por Grupo::lanzar(0, ..)");
    });
}

#[test]
fn un_trabajador_que_no_arranca_se_detecta_enseguida() {
    con_limite(
        "un trabajador que no arranca se detecta enseguida (¿miras con try_wait si algún hijo \
         terminó mientras esperas conexiones?)",
        || {
            let r = Grupo::lanzar(2, PLAZO_HOLGADO, |i| {
                if i == 0 {
                    orden_trabajador("normal", None)
                } else {
                    Command::new("/este/programa/no/existe")
                }
            });
            comprobar(matches!(r, Err(ErrorDistribuido::Lanzamiento(_))), || {
                "si un trabajador no se puede lanzar, Grupo::lanzar debe dar Err(Lanzamiento(..))"
                    .into()
            });
            // El plazo de conexión es de 20 s y el de esta prueba, de 10: hay que ver que el
            // hijo terminó sin agotar el plazo.
            let r = grupo(&["normal", "sale", "normal"], PLAZO_HOLGADO, None);
            comprobar(matches!(r, Err(ErrorDistribuido::Lanzamiento(_))), || {
                "si un trabajador termina sin conectarse, Grupo::lanzar debe dar \
             Err(Lanzamiento(..))"
                    .into()
            });
        },
    );
}

#[test]
fn la_suma_distribuida_coincide_con_la_secuencial() {
    con_limite("la suma distribuida coincide con la secuencial", || {
        let mut g = grupo_listo(&["normal", "normal", "normal"], PLAZO_HOLGADO, None);
        comprobar_igual(g.vivos(), 3, "trabajadores vivos nada más lanzar el grupo");
        comprobar_igual(
            g.sumar(&[1, 2, 3], 0),
            Err(ErrorDistribuido::CeroTrozos),
            "sumar(.., 0)",
        );
        for (n, trozos) in [
            (0, 3),
            (1, 5),
            (10, 3),
            (1000, 7),
            (1000, 1000),
            (300_007, 6),
        ] {
            let datos = numeros(n, n as u64);
            comprobar_igual(
                g.sumar(&datos, trozos),
                Ok(total(&datos)),
                &format!("la suma distribuida de {n} números en {trozos} trozos"),
            );
        }
        let grandes = vec![u64::MAX; 10];
        comprobar_igual(
            g.sumar(&grandes, 4),
            Ok(10 * u128::from(u64::MAX)),
            "la suma distribuida de diez u64::MAX (el total no cabe en un u64)",
        );
        comprobar_igual(g.vivos(), 3, "trabajadores vivos tras sumar sin fallos");
    });
}

#[test]
fn el_producto_distribuido_coincide_con_el_secuencial() {
    con_limite("el producto distribuido coincide con el secuencial", || {
        let mut g = grupo_listo(&["normal", "normal"], PLAZO_HOLGADO, None);
        for (f, k, c, bloques) in [
            (1, 1, 1, 1),
            (7, 5, 3, 3),
            (10, 6, 4, 4),
            (20, 20, 20, 50),
            (33, 17, 9, 5),
            (0, 3, 2, 2),
            (4, 0, 3, 2),
        ] {
            let (a, b) = (matriz(f, k, 40 + f as u64), matriz(k, c, 50 + c as u64));
            let r = g.multiplicar(&a, &b, bloques);
            let esperado = referencia::producto(&a, &b);
            comprobar(r.as_ref().is_ok_and(|m| bits(m) == bits(&esperado)), || {
                format!(
                    "el producto distribuido de {f}×{k} por {k}×{c} en {bloques} bloques no \
                     coincide bit a bit con el secuencial: {}.\n\
                     Cada bloque de filas va en su sitio (por su número de tarea, no por el \
                     orden de llegada) y cada c[i][j] se acumula en orden de k.",
                    match &r {
                        Ok(m) => format!("se obtuvo una matriz de {}×{}", m.filas, m.columnas),
                        Err(e) => format!("se obtuvo el error «{e}»"),
                    }
                )
            });
        }
        comprobar_igual(
            g.multiplicar(&matriz(2, 3, 1), &matriz(2, 3, 2), 2),
            Err(ErrorDistribuido::DimensionesIncompatibles {
                columnas_a: 3,
                filas_b: 2,
            }),
            "multiplicar 2×3 por 2×3",
        );
        comprobar_igual(
            g.multiplicar(&matriz(2, 2, 1), &matriz(2, 2, 2), 0),
            Err(ErrorDistribuido::CeroTrozos),
            "multiplicar en 0 bloques",
        );
        comprobar_igual(
            g.vivos(),
            2,
            "trabajadores vivos tras multiplicar sin fallos",
        );
    });
}

#[test]
fn el_coordinador_reparte_entre_todos_los_trabajadores() {
    con_limite(
        "el coordinador reparte entre todos los trabajadores",
        || {
            let registros = Registros::new(3);
            let mut g = grupo_listo(
                &["espia", "espia", "espia"],
                PLAZO_HOLGADO,
                Some(&registros),
            );
            let datos = numeros(1200, 77);
            comprobar_igual(
                g.sumar(&datos, 12),
                Ok(total(&datos)),
                "la suma de 1200 números en 12 trozos",
            );
            drop(g);
            let tareas: Vec<usize> = (0..3).map(|i| registros.tareas(i)).collect();
            comprobar(tareas.iter().sum::<usize>() == 12, || {
                format!(
                    "sin fallos, cada uno de los 12 trozos debe enviarse una sola vez, y los \
                 trabajadores recibieron {tareas:?} tareas (en total {})",
                    tareas.iter().sum::<usize>()
                )
            });
            comprobar(tareas.iter().all(|&t| t > 0), || {
                format!(
                    "con 12 trozos y 3 trabajadores, cada trabajador debe recibir al menos una \
                 tarea (nada más empezar, una para cada uno), y recibieron {tareas:?}: ¿se \
                 envía todo al primer trabajador?"
                )
            });
        },
    );
}

#[test]
fn un_trabajador_que_muere_no_pierde_ni_duplica_trabajo() {
    con_limite(
        "un trabajador que muere no pierde ni duplica trabajo",
        || {
            // El trabajador 0 responde a dos tareas y muere al recibir la 3.ª, sin responderla.
            // Los otros dos retienen su primera respuesta hasta que el 0 ha muerto: el 0 es el
            // único libre, así que recibe sin falta esas tres tareas.
            let registros = Registros::new(3);
            let mut g = grupo_listo(
                &["muere:3", "aguarda", "aguarda"],
                PLAZO_HOLGADO,
                Some(&registros),
            );
            let datos = numeros(40_000, 5);
            let r = g.sumar(&datos, 40);
            comprobar(r == Ok(total(&datos)), || {
                format!(
                    "un trabajador murió con una tarea pendiente, después de responder a otras \
                 dos; el total debía ser Ok({}) y fue {r:?}.\n\
                 Si falta algo: la tarea del trabajador muerto debe volver a la cola. Si sobra: \
                 cada trozo se cuenta una vez (guarda el resultado de cada tarea en su casilla, \
                 en lugar de acumular todo lo que llega).",
                    total(&datos)
                )
            });
            comprobar_igual(g.vivos(), 2, "trabajadores vivos tras morir uno de tres");
            let (a, b) = (matriz(9, 4, 1), matriz(4, 3, 2));
            let r = g.multiplicar(&a, &b, 3);
            comprobar(
                r.as_ref()
                    .is_ok_and(|m| bits(m) == bits(&referencia::producto(&a, &b))),
                || format!("con el trabajador que queda vivo, el producto debía salir bien: {r:?}"),
            );
        },
    );
}

#[test]
fn un_trabajador_que_no_responde_se_da_por_perdido() {
    // El límite de respuesta es de 2 s: sobra para los trabajadores que responden (tareas
    // de microsegundos), y el escenario entero tiene 20 s.
    con_limite_de(
        Duration::from_secs(20),
        "un trabajador que no responde se da por perdido (¿esperas la respuesta sin plazo?)",
        || {
            let mut g = grupo_listo(
                &["calla:1", "normal", "normal"],
                Duration::from_secs(2),
                None,
            );
            let datos = numeros(9000, 8);
            let r = g.sumar(&datos, 9);
            comprobar(r == Ok(total(&datos)), || {
                format!(
                    "un trabajador dejó de responder a su primera tarea; el total debía ser \
                     Ok({}) y fue {r:?}. Su tarea debe pasar a otro trabajador cuando venza \
                     el plazo de respuesta.",
                    total(&datos)
                )
            });
            comprobar_igual(
                g.vivos(),
                2,
                "trabajadores vivos tras dar por perdido al que no respondía",
            );
        },
    );
}

#[test]
fn si_todos_los_trabajadores_fallan_se_devuelve_un_error() {
    con_limite(
        "si todos los trabajadores fallan se devuelve un error",
        || {
            let mut g = grupo_listo(&["muere:1", "muere:2"], PLAZO_HOLGADO, None);
            let datos = numeros(100, 3);
            let r = g.sumar(&datos, 10);
            comprobar(
                matches!(r, Err(ErrorDistribuido::SinTrabajadores(_))),
                || {
                    format!(
                        "con todos los trabajadores muertos y trabajo pendiente, sumar debe dar \
                 Err(SinTrabajadores(..)), y dio {r:?}. Un total parcial no es un resultado."
                    )
                },
            );
            comprobar_igual(g.vivos(), 0, "trabajadores vivos tras morir todos");
            let r = g.sumar(&datos, 10);
            comprobar(
                matches!(r, Err(ErrorDistribuido::SinTrabajadores(_))),
                || {
                    format!(
                        "sumar con un grupo sin trabajadores vivos debe dar Err(SinTrabajadores(..)), y dio {r:?}"
                    )
                },
            );
        },
    );
}

#[test]
fn un_mensaje_malformado_no_cambia_el_total() {
    con_limite("un mensaje malformado no cambia el total", || {
        let mut g = grupo_listo(&["basura:1", "normal"], PLAZO_HOLGADO, None);
        let datos = numeros(5000, 13);
        let r = g.sumar(&datos, 8);
        comprobar(r == Ok(total(&datos)), || {
            format!(
                "un trabajador respondió a su primera tarea con un mensaje de tipo 9; el total \
                 debía ser Ok({}) y fue {r:?}. Un trabajador que responde basura ha fallado: \
                 su tarea pasa a otro.",
                total(&datos)
            )
        });
        comprobar_igual(
            g.vivos(),
            1,
            "trabajadores vivos tras descartar al que respondió basura",
        );
        drop(g);
        let mut g = grupo_listo(&["basura:1"], PLAZO_HOLGADO, None);
        let r = g.sumar(&datos, 3);
        comprobar(
            matches!(r, Err(ErrorDistribuido::SinTrabajadores(_))),
            || {
                format!(
                    "con un único trabajador que responde basura, sumar debe dar \
                 Err(SinTrabajadores(..)), y dio {r:?}"
                )
            },
        );
    });
}

#[test]
fn una_respuesta_repetida_no_se_cuenta_dos_veces() {
    con_limite("una respuesta repetida no se cuenta dos veces", || {
        // Un único trabajador que responde dos veces a su primera tarea: la segunda copia
        // llega cuando el coordinador espera la respuesta de la tarea 1.
        let mut g = grupo_listo(&["repite:1"], PLAZO_HOLGADO, None);
        let datos = numeros(30, 17);
        let r = g.sumar(&datos, 3);
        comprobar(
            matches!(r, Err(ErrorDistribuido::SinTrabajadores(_))),
            || {
                format!(
                    "el único trabajador respondió dos veces a la tarea 0 (la copia llegó cuando se \
                 esperaba la tarea 1): es un fallo de protocolo y, sin otro trabajador, sumar \
                 debe dar Err(SinTrabajadores(..)); dio {r:?} (el total correcto es {}).\n\
                 Comprueba que cada respuesta es la de la tarea que ese trabajador tiene en \
                 curso.",
                    total(&datos)
                )
            },
        );
        drop(g);
        let mut g = grupo_listo(&["repite:1", "normal"], PLAZO_HOLGADO, None);
        comprobar_igual(
            g.sumar(&datos, 6),
            Ok(total(&datos)),
            "la suma con un trabajador que repite respuestas y otro normal",
        );
    });
}

/// Si el proceso `pid` sigue existiendo (también como zombi, sin esperar).
fn existe(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
}

#[test]
fn al_soltar_el_grupo_no_quedan_procesos() {
    con_limite_de(
        Duration::from_secs(20),
        "al soltar el grupo no quedan procesos",
        || {
            let registros = Registros::new(3);
            let mut g = grupo_listo(
                &["espia", "calla:2", "normal"],
                Duration::from_secs(2),
                Some(&registros),
            );
            let datos = numeros(600, 1);
            comprobar_igual(
                g.sumar(&datos, 6),
                Ok(total(&datos)),
                "la suma antes de soltar",
            );
            drop(g);
            if !std::path::Path::new("/proc/self").exists() {
                return; // Sin /proc no se puede mirar; en Linux siempre lo hay.
            }
            for i in 0..3 {
                let pid = registros.pid(i).expect("el trabajador no anotó su pid");
                comprobar(!existe(pid), || {
                    format!(
                        "tras soltar el grupo, el proceso trabajador {i} (pid {pid}) sigue \
                         existiendo. Implementa Drop para Grupo: envía Fin, cierra las \
                         conexiones y espera a cada hijo con `wait` (matándolo con `kill` si \
                         no termina); un hijo al que nadie espera queda zombi."
                    )
                });
            }
        },
    );
}
