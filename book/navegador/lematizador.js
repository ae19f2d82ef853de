// Comprueba que la tubería de búsqueda del navegador (book/tema/buscador.js) da, en todo el
// vocabulario del libro, lo mismo que la de Rust (curso/src/buscador.rs, con rust-stemmers).
// El vocabulario lo escribe `cargo curso libro --construir` en
// target/curso/busqueda-vocabulario.json.
'use strict';
const fs = require('fs');
const path = require('path');

const raiz = path.resolve(__dirname, '..', '..');
const es = require(path.join(raiz, 'book/tema/buscador.js'));
const vocabulario = JSON.parse(fs.readFileSync(
    path.join(raiz, 'target/curso/busqueda-vocabulario.json'), 'utf8'));
const vacias = new Set(JSON.parse(fs.readFileSync(
    path.join(raiz, 'target/curso/busqueda-vacias.json'), 'utf8')));

function tuberia(trozo) {
    const limpio = es.recortador(trozo);
    if (limpio === undefined || vacias.has(limpio)) return null;
    return es.lematizador(limpio);
}

const distintas = [];
let total = 0;
for (const [trozo, esperada] of Object.entries(vocabulario)) {
    total++;
    const obtenida = tuberia(trozo);
    if (obtenida !== esperada) distintas.push({ trozo, esperada, obtenida });
}
if (distintas.length > 0) {
    console.error(`El lematizador del navegador no coincide con el de Rust en ${distintas.length} de ${total} palabras:`);
    for (const d of distintas.slice(0, 30)) {
        console.error(`  «${d.trozo}»: Rust ${JSON.stringify(d.esperada)}, navegador ${JSON.stringify(d.obtenida)}`);
    }
    process.exit(1);
}
console.log(`Lematizador: el navegador y Rust coinciden en las ${total} palabras del libro.`);
