//! Lo que un ejercicio necesita del sistema además de Rust (`requiere` en `curso.toml`).
//! Hoy solo `paso_de_mensajes`: la biblioteca MPI, que `cargo` no instala.

use crate::catalogo::Ejercicio;

/// Cómo instalar Open MPI, en español, para cada sistema que el capítulo explica.
pub const INSTALAR_MPI: &str = "instala Open MPI: en Debian y Ubuntu, `sudo apt-get install \
     libopenmpi-dev openmpi-bin libclang-dev`; en Fedora, `sudo dnf install openmpi-devel \
     clang-devel` y `module load mpi`; en macOS, `brew install open-mpi llvm`";

/// ¿Se puede compilar y lanzar MPI aquí (`mpirun` y `mpicc` responden)?
pub fn hay_mpi() -> bool {
    let responde = |programa: &str| {
        std::process::Command::new(programa)
            .arg("--version")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    responde("mpirun") && responde("mpicc")
}

/// Lo que le falta a esta máquina para `ejercicio`, dicho en español, o `None` si nada.
pub fn lo_que_falta(ejercicio: &Ejercicio) -> Option<String> {
    (ejercicio.requiere.iter().any(|r| r == "mpi") && !hay_mpi()).then(|| {
        format!(
            "«{}» necesita MPI, que no está instalado (faltan `mpirun` o `mpicc`): {INSTALAR_MPI}.",
            ejercicio.nombre
        )
    })
}
