//! El kit original de un ejercicio (`tests/<ejercicio>/`: suite, instantáneas, esqueleto),
//! tal como está confirmado en el repositorio del curso.
//!
//! Las órdenes del alumno (`probar`, `progreso`) y del instructor (`calificar`) juzgan con
//! él, no con lo que haya en el árbol de trabajo: una herramienta (insta, por ejemplo) puede
//! aconsejar reescribir las instantáneas, y seguir ese consejo no debe convertir un código
//! equivocado en uno aprobado. Si el curso es un repositorio git, el kit se extrae de `HEAD`
//! en `target/curso/kit/<ejercicio>/`; si no, se usa el árbol de trabajo y se dice.

use crate::Resultado;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// El kit con el que se juzga un ejercicio.
#[derive(Debug, Clone)]
pub struct Kit {
    /// La carpeta que hace de `tests/<ejercicio>/`.
    pub carpeta: PathBuf,
    /// `true` si es la versión confirmada (`HEAD`); `false` si es la del árbol de trabajo.
    pub original: bool,
    /// Lo que conviene saber, en español: qué archivos difieren del original, o por qué no
    /// se pudo usar el original.
    pub avisos: Vec<String>,
}

impl Kit {
    /// El árbol de trabajo coincide con el original: da igual cuál de los dos se use.
    pub fn intacto(&self) -> bool {
        self.original && self.avisos.is_empty()
    }
    /// El esqueleto original del ejercicio.
    pub fn esqueleto(&self) -> PathBuf {
        self.carpeta.join("esqueleto.rs")
    }
}

/// El kit original del ejercicio `nombre` del curso en `raiz`, extraído en
/// `destino/<nombre>/`. Los archivos que no cambian conservan su fecha, para que cargo no
/// recompile la suite cada vez.
pub fn preparar(raiz: &Path, nombre: &str, destino: &Path) -> Resultado<Kit> {
    let relativa = format!("tests/{nombre}");
    let trabajo = raiz.join(&relativa);
    let provisional = destino.join(format!("{nombre}.extrayendo"));
    let _ = std::fs::remove_dir_all(&provisional);
    std::fs::create_dir_all(&provisional)
        .map_err(|e| format!("no se pudo crear {}: {e}", provisional.display()))?;
    if let Err(motivo) = extraer(raiz, &relativa, &provisional) {
        let _ = std::fs::remove_dir_all(&provisional);
        return Ok(Kit {
            carpeta: trabajo,
            original: false,
            avisos: vec![format!(
                "no se pudo tomar {relativa} del repositorio git del curso ({motivo}): se usa \
                 tal como está en tu copia, sin poder comprobar que sea la original"
            )],
        });
    }
    let carpeta = destino.join(nombre);
    sincronizar(&provisional, &carpeta)?;
    let _ = std::fs::remove_dir_all(&provisional);
    let avisos = diferencias(&carpeta, &trabajo, &relativa);
    Ok(Kit {
        carpeta,
        original: true,
        avisos,
    })
}

/// `git archive HEAD:./<relativa>` desempaquetado en `destino`.
fn extraer(raiz: &Path, relativa: &str, destino: &Path) -> Result<(), String> {
    let archivo = Command::new("git")
        .arg("-C")
        .arg(raiz)
        .args(["archive", "--format=tar", &format!("HEAD:./{relativa}")])
        .stderr(Stdio::null())
        .output()
        .map_err(|_| "no hay git".to_string())?;
    if !archivo.status.success() {
        return Err("no es un repositorio git o la carpeta no está confirmada".into());
    }
    let mut tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(destino)
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|_| "no hay tar".to_string())?;
    use std::io::Write;
    tar.stdin
        .take()
        .ok_or("sin entrada para tar")?
        .write_all(&archivo.stdout)
        .map_err(|e| e.to_string())?;
    match tar.wait() {
        Ok(s) if s.success() => Ok(()),
        _ => Err("tar no pudo desempaquetarlo".into()),
    }
}

/// Deja `destino` igual que `origen`, reescribiendo solo lo que cambia.
fn sincronizar(origen: &Path, destino: &Path) -> Resultado<()> {
    let nuevos = relativos(origen);
    for viejo in relativos(destino) {
        if !nuevos.contains(&viejo) {
            let _ = std::fs::remove_file(destino.join(&viejo));
        }
    }
    for relativo in &nuevos {
        let (de, a) = (origen.join(relativo), destino.join(relativo));
        let contenido =
            std::fs::read(&de).map_err(|e| format!("no se pudo leer {}: {e}", de.display()))?;
        if std::fs::read(&a).ok().as_ref() != Some(&contenido) {
            if let Some(padre) = a.parent() {
                std::fs::create_dir_all(padre)
                    .map_err(|e| format!("no se pudo crear {}: {e}", padre.display()))?;
            }
            std::fs::write(&a, contenido)
                .map_err(|e| format!("no se pudo escribir {}: {e}", a.display()))?;
        }
    }
    Ok(())
}

/// Los archivos de `carpeta`, relativos a ella.
fn relativos(carpeta: &Path) -> Vec<PathBuf> {
    crate::archivos(carpeta)
        .into_iter()
        .filter_map(|p| p.strip_prefix(carpeta).ok().map(Path::to_path_buf))
        .collect()
}

/// Qué archivos del árbol de trabajo difieren del kit original, dicho para quien los tocó.
fn diferencias(original: &Path, trabajo: &Path, relativa: &str) -> Vec<String> {
    let (del_original, del_trabajo) = (relativos(original), relativos(trabajo));
    let mut avisos = Vec::new();
    for r in &del_original {
        let nombre = format!("{relativa}/{}", r.display());
        match std::fs::read(trabajo.join(r)) {
            Err(_) => avisos.push(format!("borraste {nombre}: se usa la original")),
            Ok(tuyo) if std::fs::read(original.join(r)).ok().as_ref() != Some(&tuyo) => {
                avisos.push(format!("modificaste {nombre}: se usa la original"))
            }
            Ok(_) => {}
        }
    }
    // Las propuestas de insta (`.snap.new`, `.pending-snap`) no sustituyen a nada.
    let propuesta = |r: &Path| {
        let texto = r.to_string_lossy();
        texto.ends_with(".snap.new") || texto.ends_with(".pending-snap")
    };
    for r in del_trabajo
        .iter()
        .filter(|r| !del_original.contains(r) && !propuesta(r))
    {
        avisos.push(format!(
            "añadiste {relativa}/{}: no se usa (no está en el original)",
            r.display()
        ));
    }
    avisos
}

#[cfg(test)]
mod pruebas {
    use super::*;

    fn git(carpeta: &Path, args: &[&str]) {
        let ok = Command::new("git")
            .arg("-C")
            .arg(carpeta)
            .args([
                "-c",
                "user.name=curso",
                "-c",
                "user.email=curso@example.com",
            ])
            .args(args)
            .stdout(Stdio::null())
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    }

    fn escribir(ruta: &Path, texto: &str) {
        std::fs::create_dir_all(ruta.parent().unwrap()).unwrap();
        std::fs::write(ruta, texto).unwrap();
    }

    /// Un curso diminuto en un repositorio git propio, con una instantánea confirmada.
    fn curso(caso: &str) -> PathBuf {
        let raiz = crate::raiz().join("target/curso/pruebas-kit").join(caso);
        let _ = std::fs::remove_dir_all(&raiz);
        escribir(&raiz.join("tests/x/suite.rs"), "// suite\n");
        escribir(&raiz.join("tests/x/snapshots/x__a.snap"), "original\n");
        git(&raiz, &["init", "-q"]);
        git(&raiz, &["add", "."]);
        git(&raiz, &["commit", "-q", "-m", "kit"]);
        raiz
    }

    #[test]
    fn una_instantanea_reescrita_no_cambia_el_kit_y_se_dice() {
        let raiz = curso("reescrita");
        // Lo que hace `INSTA_UPDATE=always` con un código equivocado.
        escribir(&raiz.join("tests/x/snapshots/x__a.snap"), "equivocada\n");
        escribir(&raiz.join("tests/x/snapshots/x__b.snap"), "nueva\n");
        std::fs::remove_file(raiz.join("tests/x/suite.rs")).unwrap();
        let kit = preparar(&raiz, "x", &raiz.join("target/kit")).unwrap();
        assert!(kit.original && !kit.intacto());
        let snap = std::fs::read_to_string(kit.carpeta.join("snapshots/x__a.snap")).unwrap();
        assert_eq!(snap, "original\n");
        assert!(kit.carpeta.join("suite.rs").is_file());
        assert!(!kit.carpeta.join("snapshots/x__b.snap").exists());
        assert_eq!(
            kit.avisos,
            [
                "modificaste tests/x/snapshots/x__a.snap: se usa la original",
                "borraste tests/x/suite.rs: se usa la original",
                "añadiste tests/x/snapshots/x__b.snap: no se usa (no está en el original)",
            ]
        );
    }

    #[test]
    fn un_kit_intacto_no_se_reescribe() {
        let raiz = curso("intacto");
        let destino = raiz.join("target/kit");
        let kit = preparar(&raiz, "x", &destino).unwrap();
        assert!(kit.intacto(), "{:?}", kit.avisos);
        let fecha = || {
            std::fs::metadata(kit.carpeta.join("suite.rs"))
                .unwrap()
                .modified()
                .unwrap()
        };
        let antes = fecha();
        std::thread::sleep(std::time::Duration::from_millis(20));
        preparar(&raiz, "x", &destino).unwrap();
        assert_eq!(
            fecha(),
            antes,
            "la suite se reescribió (cargo la recompilaría)"
        );
    }

    #[test]
    fn fuera_de_git_se_usa_el_arbol_de_trabajo_y_se_dice() {
        let raiz = crate::raiz().join("target/curso/pruebas-kit/sin-git");
        let _ = std::fs::remove_dir_all(&raiz);
        escribir(&raiz.join("tests/x/suite.rs"), "// suite\n");
        // Un `git init` vacío: no hay HEAD del que tomar nada.
        git(&raiz, &["init", "-q"]);
        let kit = preparar(&raiz, "x", &raiz.join("target/kit")).unwrap();
        assert!(!kit.original && kit.carpeta == raiz.join("tests/x"));
        assert!(
            kit.avisos[0].contains("tal como está en tu copia"),
            "{:?}",
            kit.avisos
        );
    }
}
