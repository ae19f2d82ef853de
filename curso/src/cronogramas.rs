//! `cargo curso cronogramas`: los cronogramas del libro, sacados de ejecuciones reales.
//!
//! Para cada caso de [`CASOS`] (una implementación errónea conocida y una prueba explorada
//! que la tumba), compila la suite oficial contra ella en el banco, ejecuta esa prueba como
//! lo haría `cargo curso probar` y toma la página que el arnés dibuja de la ejecución que
//! falla. Del libro se guarda el dibujo (`book/src/img/cronograma-<ejercicio>-<caso>.svg`),
//! que es el mismo SVG que ve el alumno en su página. Nada se dibuja a mano: si la suite, el
//! arnés o la errónea cambian, la orden vuelve a generar lo que de verdad pasa.

use crate::banco::{self, Compilada, Implementacion};
use crate::catalogo::{self, Ejercicio};
use crate::{Resultado, ejecucion, mutantes, raiz};
use std::path::{Path, PathBuf};

/// Un cronograma del libro: qué errónea, qué prueba y con qué nombre se guarda.
#[derive(Debug, Clone, Copy)]
pub struct Caso {
    pub ejercicio: &'static str,
    /// El archivo de `tests/<ejercicio>/malas/`.
    pub mala: &'static str,
    pub prueba: &'static str,
    /// El final del nombre de la figura: `cronograma-<ejercicio>-<caso>.svg`.
    pub caso: &'static str,
    /// Un trozo del mensaje con que la prueba debe fallar (el que anuncia la errónea).
    pub motivo: &'static str,
}

/// Los casos, al menos uno por cada ejercicio que explora planificaciones.
pub const CASOS: &[Caso] = &[
    Caso {
        ejercicio: "semaforos",
        mala: "liberar_sin_avisar.toml",
        prueba: "explorar_senales_sin_despertares_perdidos",
        caso: "despertar-perdido",
        motivo: "un despertar perdido",
    },
    Caso {
        ejercicio: "semaforos",
        mala: "si_en_vez_de_mientras.toml",
        prueba: "explorar_exclusion_con_dos_permisos",
        caso: "si-en-vez-de-mientras",
        motivo: "desbordamiento al restar",
    },
    Caso {
        ejercicio: "cerrojos",
        mala: "transferir_en_orden_de_argumentos.toml",
        prueba: "explorar_transferencias_opuestas_sin_interbloqueo",
        caso: "transferencias-cruzadas",
        motivo: "interbloqueo",
    },
    Caso {
        ejercicio: "lectores_escritores",
        mala: "escritores_a_la_vez.toml",
        prueba: "explorar_exclusion_con_preferencia_de_lectores",
        caso: "escritores-a-la-vez",
        motivo: "dentro: ",
    },
    Caso {
        ejercicio: "productor_consumidor",
        mala: "si_en_vez_de_mientras.toml",
        prueba: "explorar_con_capacidad_dos",
        caso: "si-en-vez-de-mientras",
        motivo: "el búfer nunca debe tener más de su capacidad",
    },
    Caso {
        ejercicio: "filosofos",
        mala: "todos_por_la_izquierda.rs",
        prueba: "explorar_en_orden_sin_interbloqueo",
        caso: "todos-por-la-izquierda",
        motivo: "interbloqueo: todos los hilos esperan",
    },
];

/// Lo que deja la ejecución de un caso.
#[derive(Debug)]
pub struct Generado {
    pub caso: Caso,
    /// El mensaje con que falló la prueba (el de `cargo curso probar`).
    pub mensaje: String,
    /// La página del arnés, si la escribió.
    pub pagina: Option<PathBuf>,
}

impl Generado {
    /// El texto de la página.
    pub fn html(&self) -> Resultado<String> {
        let ruta = self.pagina.as_ref().ok_or_else(|| {
            format!(
                "«{}» con {} no dibujó su página:\n{}",
                self.caso.prueba, self.caso.mala, self.mensaje
            )
        })?;
        std::fs::read_to_string(ruta)
            .map_err(|e| format!("no se pudo leer {}: {e}", ruta.display()))
    }
}

/// El SVG de una página del arnés (de `<svg` a `</svg>`).
pub fn svg_de(html: &str) -> Option<&str> {
    let inicio = html.find("<svg")?;
    let fin = html[inicio..].find("</svg>")? + inicio + "</svg>".len();
    Some(&html[inicio..fin])
}

/// Ejecuta los casos de `ejercicio` (compilados juntos, una vez) con sus salidas en
/// `salidas/<ejercicio>`.
pub fn generar(ejercicio: &str, salidas: &Path) -> Resultado<Vec<Generado>> {
    let e = catalogo::ejercicio(ejercicio)?;
    let casos: Vec<Caso> = CASOS
        .iter()
        .filter(|c| c.ejercicio == ejercicio)
        .copied()
        .collect();
    let conmutadas = mutantes::conmutar_todas(&e)?;
    let elegidas = casos
        .iter()
        .map(|c| implementacion(&e, c.mala, conmutadas.as_ref()))
        .collect::<Resultado<Vec<_>>>()?;
    let imps: Vec<Implementacion> = elegidas.iter().map(|(imp, _)| imp.clone()).collect();
    let turno = banco::turno(&e)?;
    let compiladas = banco::compilar(&e, &imps, &turno)?;
    let mut generados = Vec::new();
    for ((caso, compilada), (_, mutante)) in casos.into_iter().zip(compiladas).zip(elegidas) {
        let exe = match compilada {
            Compilada::Lista(exe) => exe,
            Compilada::Error(e) => return Err(format!("{} no compila:\n{e}", caso.mala)),
        };
        let carpeta = salidas.join(ejercicio).join(caso.caso);
        let _ = std::fs::remove_dir_all(&carpeta);
        let prueba = ejecucion::ejecutar_prueba(&exe, &e.nombre, caso.prueba, &carpeta, mutante)?;
        // Las órdenes de la herramienta guardan los planes (y las páginas) junto a las salidas.
        let pagina = carpeta.join("planes").join(format!("{}.html", caso.prueba));
        generados.push(Generado {
            caso,
            mensaje: prueba.mensaje,
            pagina: pagina.is_file().then_some(pagina),
        });
    }
    Ok(generados)
}

/// La implementación errónea `mala` de `ejercicio`, con la misma etiqueta que en la
/// verificación (así el banco reutiliza lo que ya compiló): si es una mutación que va en la
/// copia conmutada, esa copia y su número.
fn implementacion(
    ejercicio: &Ejercicio,
    mala: &str,
    conmutadas: Option<&mutantes::Conmutadas>,
) -> Resultado<(Implementacion, Option<u32>)> {
    let archivo = ejercicio.pruebas().join("malas").join(mala);
    let nombre = mutantes::nombre_de(&archivo);
    if let Some(c) = conmutadas
        && let Some(numero) = c.numeros.get(&nombre)
    {
        let imp = Implementacion {
            etiqueta: mutantes::ETIQUETA_CONMUTADAS.into(),
            lib: c.lib.clone(),
        };
        return Ok((imp, Some(*numero)));
    }
    let lib = if archivo.extension().is_some_and(|e| e == "toml") {
        mutantes::generar(ejercicio, &archivo, &mutantes::leer(&archivo)?)?
    } else {
        archivo
    };
    let imp = Implementacion {
        etiqueta: format!("mala_{nombre}"),
        lib,
    };
    Ok((imp, None))
}

/// La ruta de la figura del libro de un caso.
pub fn figura(caso: &Caso) -> PathBuf {
    raiz().join("book/src/img").join(format!(
        "cronograma-{}-{}.svg",
        caso.ejercicio.replace('_', "-"),
        caso.caso
    ))
}

/// `cargo curso cronogramas`: regenera todas las figuras del libro. Devuelve las que escribió.
pub fn ejecutar() -> Resultado<Vec<PathBuf>> {
    let salidas = crate::provisional().join("cronogramas");
    let mut ejercicios: Vec<&str> = CASOS.iter().map(|c| c.ejercicio).collect();
    ejercicios.dedup();
    let mut escritas = Vec::new();
    for ejercicio in ejercicios {
        for generado in generar(ejercicio, &salidas)? {
            let html = generado.html()?;
            if !generado.mensaje.contains(generado.caso.motivo) {
                return Err(format!(
                    "«{}» con {} no falló por «{}»:\n{}",
                    generado.caso.prueba,
                    generado.caso.mala,
                    generado.caso.motivo,
                    generado.mensaje
                ));
            }
            let svg = svg_de(&html).ok_or("la página del arnés no tiene dibujo")?;
            let ruta = figura(&generado.caso);
            std::fs::write(&ruta, format!("{svg}\n"))
                .map_err(|e| format!("no se pudo escribir {}: {e}", ruta.display()))?;
            escritas.push(ruta);
        }
    }
    Ok(escritas)
}
