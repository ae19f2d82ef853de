// La descarga de los ejercicios (book/html/descargas/curso-paralela.zip, la escribe
// `cargo curso libro --construir`): existe, la página de instalación la enlaza, trae los
// ejercicios, sus kits y las órdenes del curso, y no trae las soluciones ni el libro; su
// Cargo.toml no pide miembros que no viajan.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { HTML, terminar } = require('./comun');

const ZIP = path.join(HTML, 'descargas/curso-paralela.zip');

function main() {
    const fallos = [];
    if (!fs.existsSync(ZIP)) {
        terminar('Descarga', [`no existe ${path.relative(process.cwd(), ZIP)}`], '');
        return;
    }
    const instalacion = fs.readFileSync(path.join(HTML, 'introduccion/instalacion.html'), 'utf8');
    if (!instalacion.includes('href="../descargas/curso-paralela.zip"')) {
        fallos.push('introduccion/instalacion.html no enlaza la descarga');
    }
    // El índice del zip con `unzip -Z1`, o con python3 si no hay unzip.
    let lista;
    try {
        lista = execFileSync('unzip', ['-Z1', ZIP], { encoding: 'utf8' });
    } catch {
        lista = execFileSync('python3', ['-c',
            'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', ZIP],
        { encoding: 'utf8' });
    }
    const archivos = lista.split('\n').filter(Boolean);
    for (const necesario of ['curso-paralela/Cargo.toml', 'curso-paralela/Cargo.lock',
        'curso-paralela/curso.toml', 'curso-paralela/.cargo/config.toml',
        'curso-paralela/exercises/suma/src/lib.rs', 'curso-paralela/tests/suma/suite.rs',
        'curso-paralela/crates/arnes/Cargo.toml', 'curso-paralela/curso/Cargo.toml']) {
        if (!archivos.includes(necesario)) fallos.push(`el zip no trae ${necesario}`);
    }
    for (const prohibido of ['curso-paralela/solutions/', 'curso-paralela/book/']) {
        const dentro = archivos.filter(a => a.startsWith(prohibido));
        if (dentro.length > 0) fallos.push(`el zip trae ${dentro.length} archivos de ${prohibido}`);
    }
    const manifiesto = execFileSync('python3', ['-c',
        'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("curso-paralela/Cargo.toml").decode())', ZIP],
    { encoding: 'utf8' });
    const miembros = (manifiesto.match(/^members\s*=.*$/m) || [''])[0] +
        (manifiesto.match(/^default-members\s*=.*$/m) || [''])[0];
    for (const fuera of ['solutions/', 'book/']) {
        if (miembros.includes(fuera)) fallos.push(`el Cargo.toml del zip aún pide miembros de ${fuera}`);
    }
    // El espacio de trabajo descomprimido se carga: cargo ve el crate de cada ejercicio.
    const temporal = fs.mkdtempSync(path.join(require('os').tmpdir(), 'descarga-'));
    try {
        execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])',
            ZIP, temporal]);
        const metadatos = JSON.parse(execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1',
            '--offline'], { cwd: path.join(temporal, 'curso-paralela'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
        const paquetes = metadatos.packages.map(p => p.name);
        for (const p of ['suma', 'curso', 'arnes']) {
            if (!paquetes.includes(p)) fallos.push(`cargo no ve el paquete ${p} en el zip descomprimido`);
        }
    } catch (e) {
        fallos.push(`cargo no carga el espacio de trabajo del zip: ${String(e.stderr || e.message).split('\n').slice(0, 3).join(' ')}`);
    } finally {
        fs.rmSync(temporal, { recursive: true, force: true });
    }
    const kb = Math.round(fs.statSync(ZIP).size / 1024);
    terminar('Descarga', fallos, `Descarga: descargas/curso-paralela.zip (${kb} KiB, ${archivos.length} entradas), ` +
        'enlazada desde la instalación, sin soluciones ni libro.');
}

main();
