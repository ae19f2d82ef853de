// Los enlaces del libro construido (book/html): cada enlace interno lleva a un archivo que
// existe y, si tiene ancla, a un id de esa página. Los externos no se visitan (no hay red).
// De paso, cada bloque de código con botón de ejecutar usa solo crates del playground.
'use strict';
const fs = require('fs');
const path = require('path');
const { CRATES_PLAYGROUND, CRATES_ESTANDAR } = require('./playground');

const RAIZ = path.resolve(__dirname, '..', '..');
const HTML = process.env.LIBRO_HTML ? path.resolve(process.env.LIBRO_HTML) : path.join(RAIZ, 'book/html');

function archivos(carpeta) {
    const lista = [];
    for (const e of fs.readdirSync(carpeta, { withFileTypes: true })) {
        const ruta = path.join(carpeta, e.name);
        if (e.isDirectory()) lista.push(...archivos(ruta));
        else if (e.name.endsWith('.html')) lista.push(ruta);
    }
    return lista.sort();
}

const descodificar = t => {
    const texto = t.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    try {
        return decodeURIComponent(texto);
    } catch {
        return texto;
    }
};

const idsDe = new Map();
function ids(archivo) {
    if (!idsDe.has(archivo)) {
        const html = fs.readFileSync(archivo, 'utf8');
        const conjunto = new Set();
        for (const m of html.matchAll(/\s(?:id|name)="([^"]*)"/g)) conjunto.add(descodificar(m[1]));
        idsDe.set(archivo, conjunto);
    }
    return idsDe.get(archivo);
}

const fallos = [];
let internos = 0;
let externos = 0;
let ejecutables = 0;
const paginas = archivos(HTML);
for (const archivo of paginas) {
    const relativo = path.relative(HTML, archivo);
    // Las plantillas de mdBook dejan `{{ path_to_root }}` en algunas rutas de toc.html.
    const html = fs.readFileSync(archivo, 'utf8').replace(/<script[\s\S]*?<\/script>/g, '');
    // 404.html lleva <base href="/"> (site-url): sus rutas parten de la raíz del sitio.
    const base = html.match(/<base href="([^"]*)"/);
    const carpetaBase = base ? path.join(HTML, base[1]) : path.dirname(archivo);
    for (const m of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
        const destino = m[2];
        if (destino === '' || /^(https?:|mailto:|data:|javascript:)/.test(destino)) {
            if (/^https?:/.test(destino)) externos++;
            continue;
        }
        if (destino.startsWith('//')) {
            externos++;
            continue;
        }
        internos++;
        const [rutaYConsulta, ancla] = destino.split('#');
        const ruta = rutaYConsulta.split('?')[0];
        let objetivo = ruta === '' ? archivo
            : ruta.startsWith('/') ? path.join(HTML, descodificar(ruta))
                : path.resolve(carpetaBase, descodificar(ruta));
        if (fs.existsSync(objetivo) && fs.statSync(objetivo).isDirectory()) {
            objetivo = path.join(objetivo, 'index.html');
        }
        if (!objetivo.startsWith(HTML) || !fs.existsSync(objetivo)) {
            fallos.push(`${relativo}: el enlace «${destino}» lleva a un archivo que no existe`);
            continue;
        }
        if (ancla && objetivo.endsWith('.html') && !ids(objetivo).has(descodificar(ancla))) {
            fallos.push(`${relativo}: el enlace «${destino}» apunta a un ancla que no existe en ${path.relative(HTML, objetivo)}`);
        }
    }
    if (relativo === 'print.html') continue;
    // Bloques con botón de ejecutar: <pre class="playground"><code class="language-rust ...">.
    for (const m of html.matchAll(/<pre class="playground"><code class="([^"]*)">([\s\S]*?)<\/code><\/pre>/g)) {
        ejecutables++;
        const codigo = m[2].replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
        for (const c of codigo.matchAll(/(?:^|[^\w:])(?:use|extern\s+crate)\s+([a-z_][a-z0-9_]*)/g)) {
            if (!CRATES_PLAYGROUND.includes(c[1]) && !CRATES_ESTANDAR.includes(c[1])) {
                fallos.push(`${relativo}: un bloque ejecutable usa el crate «${c[1]}», que no está en el playground: márcalo \`noplayground\``);
            }
        }
    }
}

if (fallos.length > 0) {
    console.error(`La comprobación de enlaces encontró ${fallos.length} problema(s):`);
    for (const f of fallos) console.error(`  - ${f}`);
    process.exit(1);
}
console.log(`Enlaces: ${internos} enlaces internos comprobados en ${paginas.length} páginas ` +
    `(${externos} externos sin visitar); ${ejecutables} bloques ejecutables en el playground.`);
