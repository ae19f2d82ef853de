// Ortografía del libro: hunspell con el diccionario español de Debian (es_ES) y la lista de
// términos del curso (book/diccionario.txt) sobre la prosa de book/src/**/*.md, sin bloques
// de código, código en línea, direcciones, etiquetas HTML ni directivas de mdBook.
// Cero palabras desconocidas: o es una errata (se corrige) o es un término legítimo (se
// añade a book/diccionario.txt).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const RAIZ = path.resolve(__dirname, '..', '..');
const FUENTES = path.join(RAIZ, 'book/src');
const DICCIONARIO = path.join(RAIZ, 'book/diccionario.txt');

const { archivos, prosa } = require('./prosa');

/** Las palabras de una línea de prosa. */
function palabras(linea) {
    const lista = [];
    for (const m of linea.matchAll(/[\p{L}\p{M}\p{N}_]+/gu)) {
        const p = m[0];
        // Los identificadores (con cifras o guiones bajos) y las letras sueltas no se
        // comprueban.
        if (p.length < 2 || /[\p{N}_]/u.test(p)) continue;
        lista.push(p);
    }
    return lista;
}

const apariciones = new Map(); // palabra -> [archivo:línea]
for (const archivo of archivos(FUENTES)) {
    const relativo = path.relative(RAIZ, archivo);
    prosa(fs.readFileSync(archivo, 'utf8')).forEach((linea, i) => {
        for (const p of palabras(linea)) {
            if (!apariciones.has(p)) apariciones.set(p, []);
            apariciones.get(p).push(`${relativo}:${i + 1}`);
        }
    });
}

const entrada = [...apariciones.keys()].join('\n') + '\n';
let salida;
try {
    salida = execFileSync('hunspell', ['-d', 'es_ES', '-p', DICCIONARIO, '-i', 'UTF-8', '-l'], {
        input: entrada,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
    });
} catch (e) {
    console.error(`No se pudo ejecutar hunspell con el diccionario es_ES: ${e.message}`);
    process.exit(2);
}
const desconocidas = [...new Set(salida.split('\n').filter(Boolean))].sort((a, b) => a.localeCompare(b, 'es'));
if (desconocidas.length > 0) {
    console.error(`Ortografía: ${desconocidas.length} palabra(s) desconocida(s) en el libro.`);
    console.error('Corrige las erratas; si una palabra es un término legítimo del curso (un');
    console.error('identificador, un crate, un término inglés en cursiva, un nombre propio), añádela');
    console.error('a book/diccionario.txt, una por línea.');
    for (const p of desconocidas) {
        const donde = apariciones.get(p) || [];
        console.error(`  ${p}  (${donde.slice(0, 3).join(', ')}${donde.length > 3 ? ', …' : ''})`);
    }
    process.exit(1);
}
console.log(`Ortografía: ${apariciones.size} palabras distintas del libro, ninguna desconocida.`);
