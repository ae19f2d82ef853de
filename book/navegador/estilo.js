// Las convenciones del libro que un corrector ortográfico no ve (sin navegador: lee la
// prosa de book/src/**/*.md con prosa.js):
//  - los nombres de crates van como código (`rayon`, `parking_lot`…), también en títulos,
//    índices y enlaces; en el texto alternativo de una figura no hay código y no cuentan;
//  - «clausura» es la palabra para *closure* (apendices/glosario.md): el término inglés
//    solo aparece en el glosario;
//  - el apéndice para instructores llama «estudiante» a quien hace los ejercicios, nunca
//    «alumno».
'use strict';
const fs = require('fs');
const path = require('path');
const { archivos, prosa } = require('./prosa');
const { RAIZ, terminar } = require('./comun');

const FUENTES = path.join(RAIZ, 'book/src');
const CRATES = ['rayon', 'crossbeam', 'parking_lot', 'ndarray', 'shuttle', 'loom', 'criterion',
    'sincro', 'arnes', 'rsmpi', 'tokio', 'serde', 'serde_json', 'syn'];
const NOMBRE_DE_CRATE = new RegExp(`(?<![\\p{L}\\p{N}_-])(${CRATES.join('|')})(?![\\p{L}\\p{N}_-])`, 'gu');

// La tabla del experimento de inanición la escribe su ejemplo
// (solutions/lectores_escritores/examples/inanicion.rs) con los nombres de las políticas tal
// como los da la medida: se corrige en su generador, no a mano. Las tablas de medidas
// (curso/src/medidas.rs) ya marcan los crates como código.
const GENERADAS = /(?:^|\/)inanicion-tabla\.md$/;

// El texto alternativo de las imágenes, en blanco (conservando los saltos de línea).
// (Una macro como `s![..]` de ndarray no es una imagen: va pegada a su nombre.)
const sinImagenes = texto => texto.replace(/(?<![\w`])!\[[^\]]*\]\(/g, m => m.replace(/[^\n]/g, ' '));

function main() {
    const fallos = [];
    let lineas = 0;
    for (const archivo of archivos(FUENTES)) {
        const relativo = path.relative(FUENTES, archivo).split(path.sep).join('/');
        const texto = fs.readFileSync(archivo, 'utf8');
        prosa(sinImagenes(texto)).forEach((linea, i) => {
            lineas += 1;
            const donde = `book/src/${relativo}:${i + 1}`;
            if (!GENERADAS.test(relativo)) {
                for (const m of linea.matchAll(NOMBRE_DE_CRATE)) {
                    fallos.push(`${donde}: el crate ${m[1]} sin marcar como código (\`${m[1]}\`)`);
                }
            }
            if (relativo !== 'apendices/glosario.md' && /\bclosures?\b/i.test(linea)) {
                fallos.push(`${donde}: «closure» en vez de «clausura» (ver el glosario)`);
            }
            if (relativo === 'apendices/instructores.md' && /\balumn[oa]s?\b/i.test(linea)) {
                fallos.push(`${donde}: el apéndice para instructores dice «estudiante», no «alumno»`);
            }
        });
    }
    terminar('Estilo', fallos,
        `Estilo: ${lineas} líneas de prosa; los crates, marcados como código; «clausura» en todo el ` +
        'libro; «estudiante» en el apéndice para instructores.');
}

main();
