// Lo que comparten las comprobaciones para lectores (tablas.js, figuras.js, medidas.js):
// el libro construido, sus páginas y un Chromium sin ventana ni red.
'use strict';
const fs = require('fs');
const path = require('path');

const RAIZ = path.resolve(__dirname, '..', '..');
const HTML = process.env.LIBRO_HTML ? path.resolve(process.env.LIBRO_HTML) : path.join(RAIZ, 'book/html');
const NAVEGADOR = process.env.CHROMIUM || '/usr/bin/chromium';

// Las páginas .html del libro, relativas a book/html.
function paginas(base = '') {
    const lista = [];
    for (const e of fs.readdirSync(path.join(HTML, base), { withFileTypes: true })) {
        const relativa = path.posix.join(base, e.name);
        if (e.isDirectory()) lista.push(...paginas(relativa));
        else if (e.name.endsWith('.html')) lista.push(relativa);
    }
    return lista.sort();
}

// Un Chromium sin ventana en el que solo responde el servidor local del libro.
async function abrirNavegador() {
    const { chromium } = require('playwright-core');
    const { servir } = require('./servidor');
    if (!fs.existsSync(path.join(HTML, 'index.html'))) {
        throw new Error('no hay libro construido en book/html: ejecuta `cargo curso libro --construir`');
    }
    const servidor = await servir(HTML);
    const navegador = await chromium.launch({
        executablePath: NAVEGADOR,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    async function contexto(opciones) {
        const c = await navegador.newContext(opciones);
        await c.route(url => !url.href.startsWith(servidor.url), ruta => ruta.abort());
        await c.addInitScript(() => { window.print = () => {}; });
        return c;
    }
    return {
        url: servidor.url,
        contexto,
        async cerrar() {
            await navegador.close();
            await servidor.cerrar();
        },
    };
}

function terminar(nombre, fallos, resumen) {
    if (fallos.length > 0) {
        console.error(`\n${nombre}: ${fallos.length} problema(s):`);
        for (const f of fallos) console.error(`  - ${f}`);
        process.exit(1);
    }
    console.log(resumen);
}

module.exports = { RAIZ, HTML, paginas, abrirNavegador, terminar };
