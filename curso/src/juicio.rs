//! Por qué falló una prueba, dicho en español a partir de lo que dejó su proceso.
//!
//! La fuente buena es el [`Registro`] que el arnés escribe por cada fallo (el contrato de
//! `crates/contrato`): trae el mensaje y la clase del fallo sin tener que adivinar nada. Lo
//! demás es para cuando no lo hay: el proceso murió sin pasar por el arnés (memoria agotada,
//! una salida a mitad, un pánico antes de entrar en el arnés) o el arnés es uno antiguo que
//! aún no registra.

use contrato::{Clase, Registro, codigos};
use std::process::ExitStatus;

/// El mensaje y la clase de un fallo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Juicio {
    pub mensaje: String,
    pub clase: Option<Clase>,
}

const SIGABRT: i32 = 6;
/// La señal que recibe quien escribe un archivo más grande que su `ulimit -f`.
const SIGXFSZ: i32 = 25;

/// Juzga una prueba que no pasó: `final_` es cómo terminó su proceso (si terminó solo),
/// `registro` el contenido del archivo de registro del arnés.
pub fn juzgar(final_: Option<&ExitStatus>, stdout: &str, stderr: &str, registro: &str) -> Juicio {
    let salida = format!("{stdout}\n{stderr}");
    let (codigo, senal) = final_.map_or((None, None), |f| {
        use std::os::unix::process::ExitStatusExt;
        (f.code(), f.signal())
    });
    // En la jaula, bwrap (que es quien se espera) termina con 128 + n cuando su hijo muere
    // por la señal n. Un `exit(153)` a propósito solo cambiaría el mensaje de un fallo.
    let senal = senal.or(codigo.filter(|c| (129..160).contains(c)).map(|c| c - 128));
    let ultimo = Registro::ultimo(registro);
    // Primero lo que le pasó al proceso entero: un registro anterior (un pánico capturado a
    // propósito, por ejemplo) no explica que después se quedara sin memoria.
    if let Some(juicio) = sin_memoria(&salida, codigo, senal, ultimo.as_ref()) {
        return juicio;
    }
    if senal == Some(SIGXFSZ) {
        return Juicio {
            mensaje: format!(
                "la prueba escribió más de {} MiB de salida y se detuvo: cada prueba tiene un \
                 límite de salida. ¿Un bucle que imprime sin fin, o un println! de depuración \
                 dentro de un bucle largo?",
                crate::aislamiento::SALIDA_KIB / 1024
            ),
            clase: None,
        };
    }
    if codigo == Some(codigos::SALIDA_PREMATURA) {
        return Juicio {
            mensaje: "el proceso intentó terminar (process::exit) a mitad de la prueba: no \
                      cuenta como superada. El código de un ejercicio nunca debe salir del \
                      proceso."
                .into(),
            clase: Some(Clase::SalidaPrematura),
        };
    }
    if let Some(r) = ultimo {
        return Juicio {
            mensaje: del_registro(&r),
            clase: Some(r.clase),
        };
    }
    if let Some(juicio) = informe_del_arnes(&salida).or_else(|| panico_de_libtest(stdout)) {
        return juicio;
    }
    let mensaje = match senal {
        Some(SIGABRT) => "el proceso abortó (SIGABRT) sin mensaje del arnés: un pánico dentro \
                          de otro pánico, un pánico al soltar un valor o un abort explícito"
            .to_string(),
        Some(n) => format!("el proceso murió por la señal {n} sin mensaje del arnés"),
        None => "la prueba terminó sin éxito y sin mensaje del arnés (¿un process::exit o un \
                 aborto?)"
            .to_string(),
    };
    Juicio {
        mensaje,
        clase: None,
    }
}

/// El mensaje de un registro con lo que lo acompaña (cómo repetirlo, dónde verlo dibujado),
/// si el mensaje no lo dice ya.
fn del_registro(r: &Registro) -> String {
    let mut mensaje = r.mensaje.trim_end().to_string();
    if let Some(repetir) = r.repetir.as_deref().filter(|t| !mensaje.contains(t)) {
        mensaje.push_str(&format!(
            "\n\nPara repetir exactamente ese fallo:\n  {repetir}"
        ));
    }
    if let Some(pagina) = r.pagina.as_deref().filter(|t| !mensaje.contains(t)) {
        mensaje.push_str(&format!(
            "\n\nLa planificación que falla, dibujada: {pagina}"
        ));
    }
    mensaje
}

/// Memoria agotada: el arnés lo registró o terminó con su código, o la biblioteca estándar
/// abortó tras decir «memory allocation of N bytes failed».
fn sin_memoria(
    salida: &str,
    codigo: Option<i32>,
    senal: Option<i32>,
    ultimo: Option<&Registro>,
) -> Option<Juicio> {
    let juicio = |detalle: String| Juicio {
        mensaje: format!("memoria agotada: {detalle}"),
        clase: Some(Clase::SinMemoria),
    };
    if let Some(r) = ultimo.filter(|r| r.clase == Clase::SinMemoria) {
        let mensaje = del_registro(r);
        let mensaje = mensaje
            .strip_prefix("memoria agotada: ")
            .unwrap_or(&mensaje);
        return Some(juicio(mensaje.to_string()));
    }
    let bytes = salida
        .split("memory allocation of ")
        .nth(1)
        .and_then(|resto| resto.split_once(" bytes failed"))
        .and_then(|(n, _)| n.trim().parse::<u64>().ok());
    let explicacion = "cada prueba tiene un límite de memoria; ¿una reserva que crece sin fin \
                       o un tamaño mal calculado?";
    match bytes {
        Some(n) if senal == Some(SIGABRT) || codigo == Some(codigos::SIN_MEMORIA) => {
            Some(juicio(format!(
                "el código pidió {} de golpe y no se le dio ({explicacion})",
                tamano(n)
            )))
        }
        _ if codigo == Some(codigos::SIN_MEMORIA) => Some(juicio(format!(
            "el código pidió más memoria de la que hay ({explicacion})"
        ))),
        _ => None,
    }
}

/// `68719476736` → «64,0 GiB (68719476736 bytes)».
fn tamano(bytes: u64) -> String {
    let gib = bytes as f64 / f64::from(1u32 << 30);
    let texto = if gib >= 1.0 {
        format!("{} GiB", crate::decimal_es(gib, 1))
    } else {
        let mib = bytes as f64 / f64::from(1u32 << 20);
        format!("{} MiB", crate::decimal_es(mib, 1))
    };
    format!("{texto} ({bytes} bytes)")
}

/// El último informe del gancho de pánico del arnés (para un arnés que no registra).
fn informe_del_arnes(salida: &str) -> Option<Juicio> {
    let i = salida.rfind(contrato::MARCA_PANICO)?;
    let informe = &salida[i..];
    // La primera línea dice qué hilo y dónde; el mensaje va después, hasta el resumen de libtest.
    let cuerpo = informe.split_once('\n').map_or(informe, |(_, resto)| resto);
    let fin = cuerpo.find("\nfailures:\n").unwrap_or(cuerpo.len());
    let mensaje = cuerpo[..fin].trim().to_string();
    // Sin registro, la clase solo se puede deducir del texto del arnés.
    let clase = if mensaje.contains("sin implementar todavía") {
        Clase::SinImplementar
    } else {
        Clase::Propiedad
    };
    Some(Juicio {
        mensaje,
        clase: Some(clase),
    })
}

/// Un pánico que ocurrió antes de entrar en el arnés (al preparar la prueba), con el informe
/// en inglés de la biblioteca estándar que libtest captura.
fn panico_de_libtest(stdout: &str) -> Option<Juicio> {
    // «thread 'x' (1234) panicked at archivo:línea:columna:» y, en la línea siguiente, el mensaje.
    let i = stdout.rfind(" panicked at ")?;
    let resto = &stdout[i + " panicked at ".len()..];
    let (cabecera, cuerpo) = resto.split_once('\n')?;
    let lugar = cabecera.trim_end_matches(':');
    let fin = ["\nnote: run with", "\n\n", "\nfailures:"]
        .iter()
        .filter_map(|f| cuerpo.find(f))
        .min()
        .unwrap_or(cuerpo.len());
    let texto = cuerpo[..fin].trim();
    let (mensaje, clase) = match texto.strip_prefix("not yet implemented") {
        Some(resto) => (
            format!("sin implementar todavía (queda un todo!()){resto}"),
            Clase::SinImplementar,
        ),
        None => (texto.to_string(), Clase::Propiedad),
    };
    Some(Juicio {
        mensaje: format!("{mensaje}\n(en {lugar})"),
        clase: Some(clase),
    })
}

#[cfg(test)]
mod pruebas {
    use super::*;
    use std::os::unix::process::ExitStatusExt;

    fn registro(clase: Clase, mensaje: &str) -> String {
        Registro {
            hilo: "escenario: x".into(),
            lugar: "suite.rs:1".into(),
            clase,
            mensaje: mensaje.into(),
            repetir: Some("CURSO_REPETIR='x:01' cargo test -p suma x".into()),
            pagina: None,
        }
        .a_linea()
    }

    #[test]
    fn manda_el_ultimo_registro_del_arnes() {
        let archivo = format!(
            "{}\n{}\n",
            registro(Clase::Propiedad, "un pánico esperado y capturado"),
            registro(Clase::SinImplementar, "sin implementar todavía")
        );
        let falla = ExitStatus::from_raw(101 << 8);
        // El texto de la salida dice otra cosa: el registro manda.
        let juicio = juzgar(Some(&falla), "", "✘ pánico en el hilo «x»:\notra", &archivo);
        assert_eq!(juicio.clase, Some(Clase::SinImplementar));
        assert!(
            juicio.mensaje.starts_with("sin implementar todavía")
                && juicio.mensaje.contains("CURSO_REPETIR='x:01'"),
            "{}",
            juicio.mensaje
        );
    }

    #[test]
    fn sin_registro_se_lee_el_informe_del_arnes() {
        let stderr = "✘ pánico en el hilo «main» (suite.rs:3):\nel elemento 9 no se sumó\n\
                      \nfailures:\n    x\n";
        let juicio = juzgar(Some(&ExitStatus::from_raw(101 << 8)), "", stderr, "");
        assert_eq!(juicio.mensaje, "el elemento 9 no se sumó");
        assert_eq!(juicio.clase, Some(Clase::Propiedad));
    }

    #[test]
    fn un_todo_antes_del_arnes_se_lee_como_sin_implementar() {
        let stdout = "---- x stdout ----\n\nthread 'x' (1) panicked at tests/f/esqueleto.rs:82:9:\n\
                      not yet implemented\nnote: run with `RUST_BACKTRACE=1`\n\nfailures:\n";
        let juicio = juzgar(Some(&ExitStatus::from_raw(101 << 8)), stdout, "", "");
        assert_eq!(juicio.clase, Some(Clase::SinImplementar));
        assert!(
            juicio.mensaje.starts_with("sin implementar todavía")
                && juicio.mensaje.contains("esqueleto.rs:82:9"),
            "{}",
            juicio.mensaje
        );
    }

    #[test]
    fn un_aborto_por_falta_de_memoria_dice_memoria_agotada() {
        let abortado = ExitStatus::from_raw(SIGABRT);
        let stderr = "memory allocation of 68719476736 bytes failed\n";
        let juicio = juzgar(Some(&abortado), "", stderr, "");
        assert_eq!(juicio.clase, Some(Clase::SinMemoria));
        assert!(
            juicio.mensaje.starts_with("memoria agotada: ") && juicio.mensaje.contains("64,0 GiB"),
            "{}",
            juicio.mensaje
        );
        // También si el arnés lo registró, aunque antes hubiera otro registro.
        let archivo = registro(Clase::SinMemoria, "se pidieron 64 GiB");
        let juicio = juzgar(Some(&ExitStatus::from_raw(97 << 8)), "", "", &archivo);
        assert!(
            juicio
                .mensaje
                .starts_with("memoria agotada: se pidieron 64 GiB")
        );
    }

    #[test]
    fn salir_a_mitad_y_las_senales_se_explican() {
        let juicio = juzgar(Some(&ExitStatus::from_raw(98 << 8)), "", "", "");
        assert_eq!(juicio.clase, Some(Clase::SalidaPrematura));
        let juicio = juzgar(Some(&ExitStatus::from_raw(SIGABRT)), "", "", "");
        assert!(juicio.mensaje.contains("SIGABRT"), "{}", juicio.mensaje);
    }
}
