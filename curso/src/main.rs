//! `cargo curso <orden>`: las herramientas del curso en la línea de órdenes.

use curso::banco::{self, Implementacion};
use curso::ensayo::{self, Ensayo};
use curso::{
    Resultado, calificacion, catalogo, ejecucion, espacio, informe, integridad, libro, medidas,
    reinicio, resultados, verificacion,
};
use std::path::PathBuf;
use std::process::ExitCode;

mod carga;

const AYUDA: &str = "\
Herramientas del curso «Programación paralela y distribuida en Rust»

Uso: cargo curso <orden> [argumentos]

Órdenes:
  libro [--construir] [--abrir]   sirve el libro en http://localhost:3000
                                  (--construir: solo lo construye en book/html)
  probar <ejercicio> [--archivo F] ejecuta la suite oficial original contra tu código
                                  (o contra el lib.rs F), cada prueba en su proceso
  reiniciar <ejercicio>           restaura el esqueleto original; tu versión se guarda
                                  en exercises/<ejercicio>/versiones/lib-<n>.rs
  verificar [<ejercicio>...] [--repetir N] [--con-carga]
                                  comprueba que cada suite tiene dientes: la solución
                                  pasa; el esqueleto y las implementaciones erróneas fallan.
                                  --repetir N lo hace N veces y dice qué veredicto cambió;
                                  --con-carga ocupa todos los núcleos mientras tanto
  medir <ejercicio>               mide tu código y lo pone al lado de las medidas de la
                                  referencia que publica el libro (no escribe en él)
  medir <ejercicio> --libro       (para quien mantiene el curso) mide la solución de
                                  referencia y reescribe la tabla y los datos del libro
  graficos                        regenera los gráficos del libro (book/src/img/grafico-*.svg)
                                  a partir de las medidas de book/src/datos/*.json
  cronogramas                     regenera los cronogramas del libro (book/src/img/
                                  cronograma-*.svg) con ejecuciones reales de erróneas
  progreso                        califica tu copia del curso con las suites originales
                                  y dice qué ejercicio sigue
  calificar <ruta> [--json F] [--junit F] [--classroom F]
                                  califica la entrega de un estudiante (su repositorio o
                                  su carpeta exercises/) con las suites originales
  edicion <destino>               (para instructores) escribe la edición del estudiante:
                                  el curso sin soluciones ni páginas «Solución»
  ayuda                           muestra esta ayuda
";

fn main() -> ExitCode {
    let argumentos: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = argumentos.iter().map(String::as_str).collect();
    let resultado = match args.as_slice() {
        ["libro", opciones @ ..] => libro::ejecutar(
            !opciones.contains(&"--construir"),
            opciones.contains(&"--abrir"),
        )
        .map(|()| true),
        ["probar", nombre] => probar(nombre, None),
        ["probar", nombre, "--archivo", archivo] => probar(nombre, Some(PathBuf::from(archivo))),
        ["reiniciar", nombre] => reiniciar(nombre),
        ["verificar", nombres @ ..] => verificar(nombres),
        ["medir", nombre] => medir(nombre, false),
        ["medir", nombre, "--libro"] => medir(nombre, true),
        ["graficos"] => graficos(),
        ["cronogramas"] => curso::cronogramas::ejecutar().map(|escritas| {
            escritas
                .iter()
                .for_each(|r| println!("escrito {}", r.display()));
            true
        }),
        ["progreso"] => progreso(),
        ["calificar", ruta, opciones @ ..] => calificar(ruta, opciones),
        ["edicion", destino] => curso::edicion::escribir(std::path::Path::new(destino))
            .map(|resumen| println!("{resumen}"))
            .map(|()| true),
        [] | ["ayuda" | "--help" | "-h"] => {
            print!("{AYUDA}");
            Ok(true)
        }
        _ => Err(format!(
            "orden no reconocida: {}\n\n{AYUDA}",
            args.join(" ")
        )),
    };
    match resultado {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// La suite oficial original contra el código del alumno (o contra `archivo`).
fn probar(nombre: &str, archivo: Option<PathBuf>) -> Resultado<bool> {
    let ejercicio = catalogo::ejercicio(nombre)?;
    let turno = banco::turno(&ejercicio)?;
    let kit = banco::kit_original(&ejercicio, &turno)?;
    for aviso in &kit.avisos {
        eprintln!("Aviso: {aviso}");
    }
    // Lo que la calificación anularía no se da por bueno aquí: la misma revisión, antes de
    // compilar (por ejemplo, un `std::sync::Mutex` donde el ejercicio pide los de `sincro`).
    if archivo.is_none() {
        let motivos = integridad::revisar(&ejercicio, &ejercicio.carpeta(), Some(&curso::raiz()));
        if !motivos.is_empty() {
            println!("La calificación anularía «{nombre}» por esto:");
            for motivo in &motivos {
                println!("  - {motivo}");
            }
            println!("\nCámbialo y vuelve a probar: mientras tanto, las pruebas no cuentan.");
            return Ok(false);
        }
    }
    // Si tu tests/<ejercicio>/ es el original (o no hay original con que compararlo), tu
    // crate se compila donde lo compila `cargo test`, sin compilar nada dos veces.
    let como_cargo_test = archivo.is_none() && (kit.intacto() || !kit.original);
    let compilada = if como_cargo_test {
        eprintln!(
            "Compilando la suite de «{nombre}» con tu crate (como `cargo test -p {nombre}`)…"
        );
        espacio::compilar_suite_del_alumno(&ejercicio)?
    } else {
        let lib = archivo.unwrap_or_else(|| ejercicio.lib_alumno());
        if kit.original && !kit.intacto() {
            eprintln!(
                "Tu copia de tests/{nombre}/ no es la original: se compila aparte, con la \
                 suite y las instantáneas originales."
            );
        }
        eprintln!(
            "Compilando la suite de «{nombre}» contra {}…",
            lib.display()
        );
        let imp = Implementacion {
            etiqueta: "probada".into(),
            lib,
        };
        banco::compilar_con_kit(&ejercicio, &[imp], &turno, &kit.carpeta)?
            .pop()
            .ok_or("nada que probar")?
    };
    let mut pruebas = match ensayo::ejecutar(&ejercicio, compilada, "probada", None)? {
        Ensayo::Ejecutado(pruebas) => pruebas,
        Ensayo::NoCompila(errores) => {
            println!(
                "{errores}\nTu código no compila: arregla los errores de arriba y vuelve a probar."
            );
            return Ok(false);
        }
    };
    // Lo primero que se lee es el fallo más preciso, no el primero por orden alfabético.
    ensayo::lo_mas_preciso_primero(&mut pruebas, &ensayo::orden_del_enunciado(&ejercicio));
    print!(
        "{}",
        informe::pruebas(
            &format!("Suite oficial de «{}»:", ejercicio.titulo),
            &pruebas
        )
    );
    if como_cargo_test && calificacion::sin_empezar(&ejercicio.lib_alumno(), &kit.esqueleto()) {
        println!(
            "\nSin empezar: tu lib.rs es todavía el esqueleto original. El enunciado está en \
             book/src/{}.",
            ejercicio.capitulo
        );
    }
    Ok(pruebas.iter().all(|p| p.estado == ejecucion::Estado::Pasa))
}

fn reiniciar(nombre: &str) -> Resultado<bool> {
    let ejercicio = catalogo::ejercicio(nombre)?;
    let turno = banco::turno(&ejercicio)?;
    let kit = banco::kit_original(&ejercicio, &turno)?;
    let mensajes = reinicio::reiniciar(
        &ejercicio.lib_alumno(),
        &kit.esqueleto(),
        &ejercicio.carpeta().join("versiones"),
    )?;
    for mensaje in mensajes {
        println!("{mensaje}");
    }
    Ok(true)
}

fn verificar(argumentos: &[&str]) -> Resultado<bool> {
    let mut nombres = Vec::new();
    let (mut rondas, mut con_carga) = (1, false);
    let mut resto = argumentos.iter();
    while let Some(&arg) = resto.next() {
        match arg {
            "--con-carga" => con_carga = true,
            "--repetir" => {
                rondas = resto
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n: &usize| n > 0)
                    .ok_or("--repetir necesita un número de rondas mayor que cero")?;
            }
            nombre => nombres.push(nombre),
        }
    }
    let ejercicios = if nombres.is_empty() {
        catalogo::ejercicios()?
    } else {
        nombres
            .iter()
            .map(|n| catalogo::ejercicio(n))
            .collect::<Resultado<Vec<_>>>()?
    };
    let _carga = con_carga.then(carga::Carga::iniciar);
    // Por cada implementación, en cuántas rondas no cumplió lo esperado.
    let mut fallos: Vec<(String, usize)> = Vec::new();
    for ronda in 1..=rondas {
        if rondas > 1 {
            println!("== Ronda {ronda} de {rondas}");
        }
        for ejercicio in &ejercicios {
            let veredictos = verificacion::verificar(ejercicio)?;
            print!("{}", informe::verificacion(&ejercicio.nombre, &veredictos));
            for v in veredictos.iter().filter(|v| !v.cumple) {
                let clave = format!("{}: {}", ejercicio.nombre, v.etiqueta);
                match fallos.iter_mut().find(|(k, _)| *k == clave) {
                    Some((_, veces)) => *veces += 1,
                    None => fallos.push((clave, 1)),
                }
            }
        }
    }
    if rondas > 1 {
        let carga = if con_carga { ", con carga" } else { "" };
        if fallos.is_empty() {
            println!("\nEn {rondas} rondas{carga}, todos los veredictos fueron los esperados.");
        }
        for (clave, veces) in &fallos {
            println!("\n✘ {clave}: no cumplió lo esperado en {veces} de {rondas} rondas{carga}");
        }
    }
    Ok(fallos.is_empty())
}

fn medir(nombre: &str, para_el_libro: bool) -> Resultado<bool> {
    let ejercicio = catalogo::ejercicio(nombre)?;
    if para_el_libro {
        print!("{}", medidas::medir_para_el_libro(&ejercicio)?);
    } else {
        print!("{}", medidas::medir(&ejercicio)?);
    }
    Ok(true)
}

fn progreso() -> Resultado<bool> {
    let calificados = calificacion::calificar(&curso::raiz())?;
    print!("{}", resultados::tabla(&calificados));
    match calificacion::siguiente(&calificados) {
        Some(c) => println!(
            "\nSiguiente: «{}» (capítulo book/src/{}; pistas en book/src/{}).",
            c.ejercicio.titulo, c.ejercicio.capitulo, c.ejercicio.pistas
        ),
        None => println!("\n¡Todos los ejercicios completos!"),
    }
    Ok(true)
}

/// Califica una entrega y escribe los formatos pedidos. Siempre termina con éxito si pudo
/// calificar: la nota está en los resultados, no en el código de salida.
fn calificar(ruta: &str, opciones: &[&str]) -> Resultado<bool> {
    let calificados = calificacion::calificar(&ruta_del_usuario(ruta))?;
    print!("{}", resultados::tabla(&calificados));
    let mut opciones = opciones.iter();
    while let Some(opcion) = opciones.next() {
        let destino = opciones
            .next()
            .ok_or_else(|| format!("falta el archivo de {opcion}"))?;
        let contenido = match *opcion {
            "--json" => serde_json::to_string_pretty(&resultados::json(&calificados))
                .map_err(|e| e.to_string())?,
            "--junit" => resultados::junit(&calificados),
            "--classroom" => resultados::classroom(&calificados),
            otra => return Err(format!("opción desconocida: {otra}")),
        };
        std::fs::write(ruta_del_usuario(destino), contenido)
            .map_err(|e| format!("no se pudo escribir {destino}: {e}"))?;
    }
    Ok(true)
}

/// Una ruta relativa tal como la entiende quien la escribe: respecto a la carpeta lógica del
/// shell (`$PWD`), que conserva los enlaces simbólicos que haya atravesado `cd`.
fn ruta_del_usuario(ruta: &str) -> PathBuf {
    let ruta = PathBuf::from(ruta);
    let Some(pwd) = std::env::var_os("PWD").map(PathBuf::from) else {
        return ruta;
    };
    if ruta.is_absolute() || !pwd.is_dir() {
        return ruta;
    }
    // `..` se resuelve a mano, como hace el shell: el sistema lo resolvería desde el destino
    // del enlace, no desde la carpeta en la que el usuario cree estar.
    let mut absoluta = PathBuf::new();
    for parte in pwd.join(ruta).components() {
        match parte {
            std::path::Component::ParentDir => {
                absoluta.pop();
            }
            std::path::Component::CurDir => {}
            otra => absoluta.push(otra),
        }
    }
    absoluta
}

/// Todos los gráficos del libro: los de barras de cada grupo de medidas y los propios de
/// cada capítulo.
fn graficos() -> Resultado<bool> {
    for escrito in curso::graficos::generar()? {
        println!("{}", escrito.display());
    }
    for hecho in curso::graficos::generar_los_de_los_capitulos()? {
        println!("{hecho}");
    }
    Ok(true)
}
