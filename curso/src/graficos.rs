//! `cargo curso graficos`: los gráficos del libro a partir de las medidas reales.
//!
//! Lee cada `book/src/datos/<ejercicio>.json` (lo escribe `cargo curso medir`) y dibuja,
//! por cada grupo de medidas, un gráfico de barras horizontales en
//! `book/src/img/grafico-<grupo>.svg`: el caudal si el grupo lo declara y, si no, la
//! aceleración de cada variante frente a la base del grupo (o la mediana, si no hay base).
//! Solo usa el motor SVG de plotters: el texto lo dibuja el navegador, sin fuentes del
//! sistema. Los gráficos que ya no corresponden a ningún grupo se borran.

use crate::medidas::{Medida, Publicadas};
use crate::{Resultado, raiz};
use plotters::coord::ranged1d::{IntoSegmentedCoord, SegmentValue};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Lo que muestra un gráfico: una barra por variante.
#[derive(Debug, Clone, PartialEq)]
pub struct Grafico {
    /// El nombre del grupo (por ejemplo `suma_memoria`).
    pub grupo: String,
    pub titulo: String,
    /// El rótulo del eje de los valores.
    pub eje: String,
    /// Cada variante con su valor y si es la base del grupo.
    pub barras: Vec<(String, f64, bool)>,
    /// El texto de cada valor junto a su barra.
    pub etiquetas: Vec<String>,
    pub maquina: String,
}

/// El título en español de un grupo de medidas, para las tablas y los gráficos del libro.
/// Los grupos que no están en la lista reciben un título derivado de su nombre, sin el
/// prefijo del ejercicio ni guiones bajos.
pub fn titulo_del_grupo(grupo: &str) -> String {
    let conocido = match grupo {
        "suma_calculo" => "Suma con cálculo por elemento",
        "suma_memoria" => "Suma de 800 MB: manda la memoria",
        "suma_original" => "El ejemplo del tutorial",
        "matrices_1000" => "Producto de matrices 1000 × 1000",
        "matrices_2000" => "Producto de matrices 2000 × 2000",
        "matrices_balanceo" => "Reparto de L · B triangular en tareas",
        "matrices_nucleo" => "El núcleo del producto, con un hilo",
        "matrices_pico" => "El pico de la máquina: FMA con AVX2",
        "cerrojos_contador_1_hilo" => "Contador compartido, 1 hilo",
        "cerrojos_contador_2_hilos" => "Contador compartido, 2 hilos",
        "cerrojos_contador_4_hilos" => "Contador compartido, 4 hilos",
        "semaforos_pares" => "Pares adquirir y liberar",
        "lectores_escritores_lectura_minima_1_hilo" => "Lectura mínima, 1 hilo",
        "lectores_escritores_lectura_minima_2_hilos" => "Lectura mínima, 2 hilos",
        "lectores_escritores_lectura_minima_4_hilos" => "Lectura mínima, 4 hilos",
        "lectores_escritores_lectura_100ns_1_hilo" => "Lectura de unos 100 ns, 1 hilo",
        "lectores_escritores_lectura_100ns_2_hilos" => "Lectura de unos 100 ns, 2 hilos",
        "lectores_escritores_lectura_100ns_4_hilos" => "Lectura de unos 100 ns, 4 hilos",
        "productor_consumidor_1a1_cap5" => "1 productor y 1 consumidor, capacidad 5",
        "productor_consumidor_1a1_cap1024" => "1 productor y 1 consumidor, capacidad 1024",
        "productor_consumidor_4a4_cap5" => "4 productores y 4 consumidores, capacidad 5",
        "productor_consumidor_4a4_cap1024" => "4 productores y 4 consumidores, capacidad 1024",
        "filosofos_comidas" => "Cinco filósofos, 2000 comidas cada uno",
        "distribuida_latencia" => "Latencia: una ida y vuelta",
        "distribuida_mensajes" => "2000 tareas de un número",
        "distribuida_ancho_de_banda" => "Ancho de banda: 8 MB a otro proceso",
        "distribuida_suma" => "Suma de 4 millones de números",
        "distribuida_matrices" => "Producto de matrices 768 × 768",
        _ => "",
    };
    if !conocido.is_empty() {
        return conocido.to_string();
    }
    // Sin el prefijo del ejercicio (la parte antes del primer `_` que no es de su nombre).
    let sin_prefijo = crate::catalogo::ejercicios()
        .ok()
        .into_iter()
        .flatten()
        .filter_map(|e| {
            grupo
                .strip_prefix(&format!("{}_", e.nombre))
                .map(str::to_string)
        })
        .min_by_key(String::len)
        .unwrap_or_else(|| grupo.to_string());
    let texto = sin_prefijo.replace('_', " ");
    let mut letras = texto.chars();
    letras
        .next()
        .map_or(String::new(), |p| p.to_uppercase().chain(letras).collect())
}

/// De la mediana en segundos al valor que se dibuja.
type Conversion = Box<dyn Fn(f64) -> f64>;

fn decimales(valor: f64) -> usize {
    if valor >= 100.0 {
        0
    } else if valor >= 10.0 {
        1
    } else {
        2
    }
}

/// Los gráficos de un archivo de datos: uno por grupo.
pub fn graficos(datos: &Publicadas) -> Vec<Grafico> {
    let maquina = datos.maquina.clone();
    let mut grupos: BTreeMap<String, Vec<&Medida>> = BTreeMap::new();
    for medida in &datos.medidas {
        grupos.entry(medida.grupo.clone()).or_default().push(medida);
    }
    let mut resultado = Vec::new();
    for (grupo, lista) in grupos {
        let variantes: Vec<(String, f64)> = lista
            .iter()
            .filter(|m| m.segundos > 0.0)
            .map(|m| (m.variante.clone(), m.segundos))
            .collect();
        if variantes.is_empty() {
            continue;
        }
        let base = variantes
            .iter()
            .find(|(v, _)| v.starts_with("base"))
            .map(|(_, s)| *s);
        // Todas las variantes de un grupo procesan lo mismo (también el guion de Python).
        let bytes = lista.iter().find_map(|m| m.bytes);
        let elementos = lista.iter().find_map(|m| m.elementos);
        let (titulo, eje, valor, unidad): (String, &str, Conversion, &str) =
            match (bytes, elementos, base) {
                (Some(b), _, _) => (
                    format!("{}: caudal (más es mejor)", titulo_del_grupo(&grupo)),
                    "caudal (GB/s)",
                    Box::new(move |s| b / s / 1e9),
                    " GB/s",
                ),
                (None, Some(e), _) => (
                    format!("{}: caudal (más es mejor)", titulo_del_grupo(&grupo)),
                    "caudal (millones por segundo)",
                    Box::new(move |s| e / s / 1e6),
                    " M/s",
                ),
                (None, None, Some(b)) => (
                    format!("{}: aceleración (más es mejor)", titulo_del_grupo(&grupo)),
                    "aceleración (veces la base)",
                    Box::new(move |s| b / s),
                    "×",
                ),
                (None, None, None) => (
                    format!("{}: mediana (menos es mejor)", titulo_del_grupo(&grupo)),
                    "mediana (ms)",
                    Box::new(|s| s * 1e3),
                    " ms",
                ),
            };
        // La base primero (arriba en el gráfico); las demás, en el orden de los datos.
        let mut barras: Vec<(String, f64, bool)> = variantes
            .iter()
            .map(|(v, s)| (v.clone(), valor(*s), v.starts_with("base")))
            .collect();
        barras.sort_by_key(|(_, _, es_base)| !es_base);
        let etiquetas = barras
            .iter()
            .map(|(_, v, _)| format!("{}{unidad}", crate::decimal_es(*v, decimales(*v))))
            .collect();
        resultado.push(Grafico {
            grupo: grupo.clone(),
            titulo,
            eje: eje.to_string(),
            barras,
            etiquetas,
            maquina: maquina.clone(),
        });
    }
    resultado
}

/// El archivo de un grupo: `grafico-suma-memoria.svg`.
pub fn nombre_archivo(grupo: &str) -> String {
    let limpio: String = grupo
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("grafico-{limpio}.svg")
}

const AZUL: RGBColor = RGBColor(52, 101, 164);
const GRIS: RGBColor = RGBColor(150, 150, 150);
const TINTA: RGBColor = RGBColor(40, 40, 40);
/// El pie «Medido con…», gris pero legible sobre blanco.
const PIE: RGBColor = RGBColor(90, 90, 90);

/// Dibuja un gráfico en un SVG.
pub fn dibujar(grafico: &Grafico, destino: &Path) -> Resultado<()> {
    let error =
        |e: &dyn std::fmt::Display| format!("no se pudo dibujar {}: {e}", destino.display());
    let n = grafico.barras.len();
    let mas_larga = grafico
        .barras
        .iter()
        .map(|(v, _, _)| v.chars().count())
        .max()
        .unwrap_or(0);
    // Letra grande (plotters dibuja a un 80 % del tamaño pedido): en un teléfono, el
    // gráfico se ve reducido y se abre a tamaño completo al tocarlo, donde ningún texto
    // baja de 12 px.
    let ancho_rotulos = (mas_larga as u32 * 8 + 20).clamp(90, 400);
    let alto = 130 + 40 * n as u32;
    let maximo = grafico
        .barras
        .iter()
        .map(|(_, v, _)| *v)
        .fold(0.0_f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let raiz_svg = SVGBackend::new(destino, (800, alto)).into_drawing_area();
    raiz_svg.fill(&WHITE).map_err(|e| error(&e))?;
    let (arriba, pie) = raiz_svg.split_vertically(alto - 26);
    let mut lienzo = ChartBuilder::on(&arriba)
        .caption(
            &grafico.titulo,
            ("sans-serif", 22).into_font().color(&TINTA),
        )
        .margin(10)
        .margin_right(30)
        .x_label_area_size(48)
        .y_label_area_size(ancho_rotulos)
        .build_cartesian_2d(0.0..maximo * 1.22, (0..n - 1).into_segmented())
        .map_err(|e| error(&e))?;
    let rotulos: Vec<String> = grafico.barras.iter().map(|(v, _, _)| v.clone()).collect();
    let formato_y = |v: &SegmentValue<usize>| match v {
        SegmentValue::CenterOf(i) if *i < n => rotulos[n - 1 - i].clone(),
        _ => String::new(),
    };
    let formato_x = |x: &f64| crate::decimal_es(*x, decimales(maximo));
    lienzo
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(RGBColor(240, 240, 240))
        .x_labels(8)
        .y_labels(n)
        .y_label_formatter(&formato_y)
        .x_label_formatter(&formato_x)
        .x_desc(grafico.eje.as_str())
        .label_style(("sans-serif", 16).into_font().color(&TINTA))
        .axis_desc_style(("sans-serif", 16).into_font().color(&TINTA))
        .draw()
        .map_err(|e| error(&e))?;
    lienzo
        .draw_series(
            grafico
                .barras
                .iter()
                .enumerate()
                .map(|(i, (_, v, es_base))| {
                    let color = if *es_base { GRIS } else { AZUL };
                    let mut barra = Rectangle::new(
                        [
                            (0.0, SegmentValue::Exact(n - 1 - i)),
                            (*v, SegmentValue::Exact(n - i)),
                        ],
                        color.filled(),
                    );
                    barra.set_margin(6, 6, 0, 0);
                    barra
                }),
        )
        .map_err(|e| error(&e))?;
    let estilo = ("sans-serif", 16)
        .into_font()
        .color(&TINTA)
        .pos(Pos::new(HPos::Left, VPos::Center));
    lienzo
        .draw_series(
            grafico
                .barras
                .iter()
                .zip(&grafico.etiquetas)
                .enumerate()
                .map(|(i, ((_, v, _), texto))| {
                    Text::new(
                        texto.clone(),
                        (*v + maximo * 0.01, SegmentValue::CenterOf(n - 1 - i)),
                        estilo.clone(),
                    )
                }),
        )
        .map_err(|e| error(&e))?;
    pie.draw(&Text::new(
        format!("Medido con «cargo curso medir» en {}", grafico.maquina),
        (10, 4),
        ("sans-serif", 15).into_font().color(&PIE),
    ))
    .map_err(|e| error(&e))?;
    raiz_svg.present().map_err(|e| error(&e))?;
    Ok(())
}

/// Los gráficos (`grafico-*.svg`) que cita alguna página de `book/src`.
pub fn usados_en_el_libro() -> Resultado<std::collections::BTreeSet<String>> {
    fn recorrer(carpeta: &Path, usados: &mut std::collections::BTreeSet<String>) -> Resultado<()> {
        let entradas = std::fs::read_dir(carpeta)
            .map_err(|e| format!("no se pudo leer {}: {e}", carpeta.display()))?;
        for ruta in entradas.flatten().map(|e| e.path()) {
            if ruta.is_dir() {
                recorrer(&ruta, usados)?;
            } else if ruta.extension().is_some_and(|e| e == "md") {
                let texto = std::fs::read_to_string(&ruta).unwrap_or_default();
                for (inicio, _) in texto.match_indices("grafico-") {
                    let resto = &texto[inicio..];
                    let fin = resto
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
                        .unwrap_or(resto.len());
                    if resto[..fin].ends_with(".svg") {
                        usados.insert(resto[..fin].to_string());
                    }
                }
            }
        }
        Ok(())
    }
    let mut usados = std::collections::BTreeSet::new();
    recorrer(&raiz().join("book/src"), &mut usados)?;
    Ok(usados)
}

/// Regenera los gráficos de `book/src/img` que usa alguna página, a partir de
/// `book/src/datos/*.json`, y borra los demás: un grupo sin gráfico en el libro sigue en
/// su tabla, pero no deja un SVG que nadie ve. Reescribe también, con esos mismos datos,
/// la tabla de medidas de cada ejercicio (sus títulos y su formato, sin medir de nuevo).
/// Devuelve las rutas escritas.
pub fn generar() -> Resultado<Vec<PathBuf>> {
    let imagenes = raiz().join("book/src/img");
    let usados = usados_en_el_libro()?;
    let mut tablas = Vec::new();
    // Los datos publicados de cada ejercicio (`book/src/datos/<ejercicio>.json`); los otros
    // archivos de esa carpeta son datos propios de un capítulo, con su forma y su dibujo.
    let mut archivos = Vec::new();
    for ejercicio in crate::catalogo::ejercicios()? {
        if let Some(tabla) = crate::medidas::rehacer_tabla(&ejercicio)? {
            tablas.push(tabla);
            archivos.push(ejercicio.datos_del_libro());
        }
    }
    let mut escritos = Vec::new();
    for archivo in archivos {
        for grafico in graficos(&Publicadas::leer(&archivo)?) {
            let nombre = nombre_archivo(&grafico.grupo);
            if !usados.contains(&nombre) {
                continue;
            }
            let destino = imagenes.join(nombre);
            dibujar(&grafico, &destino)?;
            escritos.push(destino);
        }
    }
    // Los gráficos de grupos que ya no existen se borran: ninguno queda sin sus datos.
    if let Ok(entradas) = std::fs::read_dir(&imagenes) {
        for ruta in entradas.flatten().map(|e| e.path()) {
            let nombre = ruta
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if nombre.starts_with("grafico-")
                && nombre.ends_with(".svg")
                && !escritos.contains(&ruta)
            {
                let _ = std::fs::remove_file(&ruta);
            }
        }
    }
    escritos.extend(tablas);
    Ok(escritos)
}

/// Algunos capítulos dibujan gráficos propios a partir de sus datos (por ejemplo, el reparto
/// de la carga en `matrices`): cada `solutions/<ejercicio>/examples/graficas.rs` se ejecuta
/// aquí, para que una sola orden redibuje todos los gráficos que salen de datos guardados.
/// Los dos experimentos que miden y dibujan a la vez (`filosofos` `--example comidas` y
/// `lectores_escritores` `--example inanicion`) no se repiten aquí: tardan y cambian los
/// datos; cada uno dice en su cabecera cómo se ejecuta.
pub fn generar_los_de_los_capitulos() -> Resultado<Vec<String>> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut hechos = Vec::new();
    for ejercicio in crate::catalogo::ejercicios()? {
        let ejemplo = raiz()
            .join("solutions")
            .join(&ejercicio.nombre)
            .join("examples/graficas.rs");
        if !ejemplo.exists() {
            continue;
        }
        let paquete = format!("{}-solucion", ejercicio.nombre);
        let estado = std::process::Command::new(&cargo)
            .args([
                "run",
                "--quiet",
                "--release",
                "--package",
                &paquete,
                "--example",
                "graficas",
            ])
            .current_dir(raiz())
            .status()
            .map_err(|e| format!("no se pudo ejecutar cargo: {e}"))?;
        if !estado.success() {
            return Err(format!("las gráficas de «{}» fallaron", ejercicio.nombre));
        }
        hechos.push(format!("{paquete} (examples/graficas.rs)"));
    }
    Ok(hechos)
}

#[cfg(test)]
mod pruebas {
    use super::*;
    use serde_json::json;

    #[test]
    fn un_grafico_por_grupo_con_caudal_o_aceleracion() {
        let datos = json!({
            "maquina": "prueba",
            "medidas": [
                { "grupo": "g_caudal", "variante": "base: 1 hilo", "segundos": 2.0, "bytes": 4e9, "elementos": null },
                { "grupo": "g_caudal", "variante": "2 hilos", "segundos": 1.0, "bytes": 4e9, "elementos": null },
                { "grupo": "g_acel", "variante": "rápida", "segundos": 0.5, "bytes": null },
                { "grupo": "g_acel", "variante": "base: lenta", "segundos": 2.0, "bytes": null },
            ]
        });
        let graficos = graficos(&serde_json::from_value(datos).unwrap());
        assert_eq!(graficos.len(), 2);
        let acel = &graficos[0];
        assert_eq!(acel.grupo, "g_acel");
        assert_eq!(acel.barras[0], ("base: lenta".into(), 1.0, true));
        assert_eq!(acel.etiquetas, ["1,00×", "4,00×"]);
        assert_eq!(graficos[1].etiquetas, ["2,00 GB/s", "4,00 GB/s"]);
        assert_eq!(nombre_archivo("suma_memoria"), "grafico-suma-memoria.svg");
    }

    #[test]
    fn el_svg_lleva_los_rotulos_en_espanol() {
        let carpeta = std::env::temp_dir().join(format!("graficos-{}", std::process::id()));
        std::fs::create_dir_all(&carpeta).unwrap();
        let destino = carpeta.join("g.svg");
        let grafico = Grafico {
            grupo: "g".into(),
            titulo: "g: aceleración".into(),
            eje: "aceleración (veces la base)".into(),
            barras: vec![
                ("base: 1 hilo".into(), 1.0, true),
                ("2 hilos".into(), 1.9, false),
            ],
            etiquetas: vec!["1,00×".into(), "1,90×".into()],
            maquina: "prueba".into(),
        };
        dibujar(&grafico, &destino).unwrap();
        let svg = std::fs::read_to_string(&destino).unwrap();
        let _ = std::fs::remove_dir_all(&carpeta);
        for texto in ["aceleración", "2 hilos", "1,90×"] {
            assert!(svg.contains(texto), "falta «{texto}» en el SVG");
        }
    }
}
