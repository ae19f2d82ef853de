// El libro construido (book/html) en un Chromium sin ventana:
//  - abre cada página y falla si hay errores en la consola, peticiones fallidas o imágenes
//    rotas, o si queda a la vista algún texto de la interfaz de mdBook en inglés;
//  - escribe en el buscador las búsquedas en español y comprueba sus resultados;
//  - guarda capturas en target/curso/capturas/.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const { servir } = require('./servidor');

const RAIZ = path.resolve(__dirname, '..', '..');
const HTML = path.join(RAIZ, 'book/html');
const CAPTURAS = path.join(RAIZ, 'target/curso/capturas');
const NAVEGADOR = process.env.CHROMIUM || '/usr/bin/chromium';

// Cada búsqueda: lo que se escribe, la palabra del libro que debe encontrar (sin ser la misma)
// y una página que tiene que salir entre los resultados.
const BUSQUEDAS = [
    { consulta: 'semaforo', palabra: 'semáforo', pagina: 'semaforos/index.html' },
    { consulta: 'interbloqueos', palabra: 'interbloqueo' },
    { consulta: 'esperando', palabra: 'esperar' },
    { consulta: 'INANICION', palabra: 'inanición' },
];
// Crates del playground de Rust que usa el libro (también los comprueba enlaces.js).
const { CRATES_PLAYGROUND } = require('./playground');

// Palabras vacías: no se indexan, así que no deben dar ningún resultado.
const VACIAS = ['de', 'que'];

// Textos de la interfaz de mdBook que deben verse traducidos.
const INGLES = ['Toggle Table of Contents', 'Change theme', 'Print this book',
    'Search this book ...', 'Previous chapter', 'Next chapter', 'Copy to clipboard',
    'Run this code', 'Show hidden lines', 'Search (`/`)', 'Toggle Searchbar'];
const TITULOS_INGLES = ['Note', 'Tip', 'Important', 'Warning', 'Caution'];

function paginas(carpeta, base = '') {
    const lista = [];
    for (const entrada of fs.readdirSync(path.join(carpeta, base), { withFileTypes: true })) {
        const relativa = path.posix.join(base, entrada.name);
        if (entrada.isDirectory()) lista.push(...paginas(carpeta, relativa));
        else if (entrada.name.endsWith('.html')) lista.push(relativa);
    }
    return lista.sort();
}

// El texto de una página sin etiquetas ni código, en minúsculas.
function prosa(pagina) {
    const html = fs.readFileSync(path.join(HTML, pagina), 'utf8');
    const main = (html.match(/<main>([\s\S]*?)<\/main>/) || ['', ''])[1];
    return main
        .replace(/<pre[\s\S]*?<\/pre>/g, ' ')
        .replace(/<code[\s\S]*?<\/code>/g, ' ')
        .replace(/<[^>]+>/g, ' ')
        .toLowerCase();
}

function contienePalabra(texto, palabra) {
    return new RegExp(`(^|[^\\p{L}])${palabra}([^\\p{L}]|$)`, 'u').test(texto);
}

async function main() {
    if (!fs.existsSync(path.join(HTML, 'index.html'))) {
        throw new Error('no hay libro construido en book/html: ejecuta `cargo curso libro --construir`');
    }
    fs.mkdirSync(CAPTURAS, { recursive: true });
    const servidor = await servir(HTML);
    const navegador = await chromium.launch({
        executablePath: NAVEGADOR,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const fallos = [];
    try {
        const contexto = await navegador.newContext({ viewport: { width: 1280, height: 900 } });
        // Sin red: cualquier petición fuera del servidor local se corta y se anota, salvo la
        // lista de crates del playground, que book.js pide al cargar cada página con código
        // ejecutable y que aquí se contesta con los crates que el libro puede usar allí.
        await contexto.route(url => !url.href.startsWith(servidor.url), ruta => {
            if (ruta.request().url() === 'https://play.rust-lang.org/meta/crates') {
                return ruta.fulfill({
                    status: 200,
                    contentType: 'application/json',
                    headers: { 'Access-Control-Allow-Origin': '*' },
                    body: JSON.stringify({ crates: CRATES_PLAYGROUND.map(id => ({ id, name: id })) }),
                });
            }
            return ruta.abort();
        });
        const todas = paginas(HTML);
        for (const pagina of todas) {
            fallos.push(...await probarPagina(contexto, servidor.url, pagina));
        }
        console.log(`Páginas abiertas en Chromium: ${todas.length}.`);
        fallos.push(...await probarBusquedas(contexto, servidor.url, todas));
        fallos.push(...await probarLineasOcultas(contexto, servidor.url, todas));
    } finally {
        await navegador.close();
        await servidor.cerrar();
    }
    if (fallos.length > 0) {
        console.error(`\nLa prueba del libro en el navegador encontró ${fallos.length} problema(s):`);
        for (const f of fallos) console.error(`  - ${f}`);
        process.exit(1);
    }
    console.log(`Prueba en el navegador superada; capturas en ${path.relative(RAIZ, CAPTURAS)}/.`);
}

async function probarPagina(contexto, base, pagina) {
    const fallos = [];
    const p = await contexto.newPage();
    p.on('console', m => {
        if (m.type() === 'error') fallos.push(`${pagina}: error en la consola: ${m.text()}`);
    });
    p.on('pageerror', e => fallos.push(`${pagina}: excepción de JavaScript: ${e.message}`));
    p.on('requestfailed', r => {
        fallos.push(`${pagina}: no se pudo cargar ${r.url()} (${r.failure() && r.failure().errorText})`);
    });
    p.on('response', r => {
        // La página 404 se sirve con su código a propósito.
        if (r.status() >= 400 && !(pagina === '404.html' && r.url().endsWith('404.html'))) {
            fallos.push(`${pagina}: ${r.url()} respondió ${r.status()}`);
        }
    });
    // print.html abre el diálogo de impresión: se neutraliza.
    await p.addInitScript(() => { window.print = () => {}; });
    await p.goto(base + pagina, { waitUntil: 'load' });
    await p.waitForTimeout(50);
    const estado = await p.evaluate(([ingles, titulos]) => {
        const rotas = [...document.images]
            .filter(i => !i.complete || i.naturalWidth === 0)
            .map(i => i.getAttribute('src'));
        const restos = [];
        for (const el of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
            for (const a of ['title', 'aria-label', 'placeholder']) {
                const v = el.getAttribute(a);
                if (v !== null && ingles.includes(v)) restos.push(`${a}="${v}"`);
            }
        }
        for (const t of document.querySelectorAll('.blockquote-tag-title')) {
            if (titulos.includes(t.textContent.trim())) restos.push(`aviso «${t.textContent.trim()}»`);
        }
        return { rotas, restos };
    }, [INGLES, TITULOS_INGLES]);
    for (const src of estado.rotas) fallos.push(`${pagina}: imagen rota: ${src}`);
    for (const r of estado.restos) fallos.push(`${pagina}: interfaz sin traducir: ${r}`);
    const captura = pagina.replace(/\.html$/, '').replace(/\//g, '__') + '.png';
    await p.screenshot({ path: path.join(CAPTURAS, captura) });
    await p.close();
    return fallos;
}

async function buscar(p, consulta) {
    await p.fill('#mdbook-searchbar', '');
    await p.type('#mdbook-searchbar', consulta, { delay: 10 });
    await p.waitForFunction(c => {
        const cabecera = document.getElementById('mdbook-searchresults-header');
        return cabecera && cabecera.innerText.includes(`«${c}»`);
    }, consulta, { timeout: 10000 });
    return p.evaluate(() => ({
        cabecera: document.getElementById('mdbook-searchresults-header').innerText,
        paginas: [...document.querySelectorAll('#mdbook-searchresults li a')]
            .map(a => new URL(a.href).pathname.replace(/^\//, '')),
    }));
}

async function probarBusquedas(contexto, base, todas) {
    const fallos = [];
    const p = await contexto.newPage();
    p.on('pageerror', e => fallos.push(`búsqueda: excepción de JavaScript: ${e.message}`));
    await p.goto(base + 'index.html', { waitUntil: 'load' });
    await p.click('#mdbook-search-toggle');
    await p.waitForSelector('#mdbook-searchbar', { state: 'visible' });
    const prosas = Object.fromEntries(todas.map(pg => [pg, prosa(pg)]));
    for (const { consulta, palabra, pagina } of BUSQUEDAS) {
        // Páginas que dicen `palabra` pero no lo que se busca: solo la búsqueda en español
        // las encuentra.
        const candidatas = todas.filter(pg => pg !== 'print.html' &&
            contienePalabra(prosas[pg], palabra) && !contienePalabra(prosas[pg], consulta.toLowerCase()));
        let resultado;
        try {
            resultado = await buscar(p, consulta);
        } catch (e) {
            fallos.push(`la búsqueda «${consulta}» no mostró resultados: ${e.message.split('\n')[0]}`);
            continue;
        }
        const encontradas = resultado.paginas.filter(pg => candidatas.includes(pg));
        const nombre = `busqueda-${consulta.toLowerCase()}.png`;
        await p.screenshot({ path: path.join(CAPTURAS, nombre) });
        if (candidatas.length === 0) {
            fallos.push(`ninguna página dice «${palabra}» sin decir «${consulta}»: cambia la búsqueda de prueba`);
        } else if (encontradas.length === 0) {
            fallos.push(`buscar «${consulta}» no encuentra ninguna página que diga «${palabra}» ` +
                `(por ejemplo ${candidatas[0]}); resultados: ${resultado.paginas.join(', ') || 'ninguno'}`);
        }
        if (pagina && !resultado.paginas.includes(pagina)) {
            fallos.push(`buscar «${consulta}» no encuentra ${pagina}`);
        }
        if (!/resultados? para «/.test(resultado.cabecera)) {
            fallos.push(`la cabecera de resultados sigue en inglés: «${resultado.cabecera}»`);
        }
        console.log(`Búsqueda «${consulta}»: ${resultado.paginas.length} resultados, ` +
            `${encontradas.length} páginas que dicen «${palabra}» sin decir «${consulta}».`);
    }
    for (const consulta of VACIAS) {
        const resultado = await buscar(p, consulta).catch(() => null);
        if (!resultado || resultado.paginas.length > 0) {
            fallos.push(`la palabra vacía «${consulta}» no debería dar resultados` +
                (resultado ? ` (dio ${resultado.paginas.length})` : ''));
        }
    }
    // Las palabras vacías no se resaltan: ni en los extractos de los resultados ni en la
    // página a la que lleva un resultado (`?highlight=`), tampoco dentro de otras palabras.
    const conVacia = await buscar(p, 'cerrojo de giro').catch(() => null);
    if (conVacia) {
        const resaltadas = await p.$$eval('#mdbook-searchresults em', es => es.map(e => e.textContent.toLowerCase()));
        const malas = resaltadas.filter(t => !/^(cerroj|gir)/.test(t));
        if (malas.length > 0) {
            fallos.push(`buscar «cerrojo de giro» resalta en los extractos: ${[...new Set(malas)].join(', ')}`);
        }
        console.log(`Búsqueda «cerrojo de giro»: ${resaltadas.length} palabras resaltadas, ninguna vacía.`);
    }
    await p.goto(base + 'cerrojos/giro.html?highlight=cerrojo%20de%20giro', { waitUntil: 'load' });
    const marcas = await p.$$eval('main mark', ms => ms.map(m => m.textContent.toLowerCase()));
    const vacias = marcas.filter(t => !/^(cerroj|gir)/.test(t));
    if (marcas.length === 0) fallos.push('cerrojos/giro.html?highlight=… no resalta nada');
    if (vacias.length > 0) {
        fallos.push(`cerrojos/giro.html?highlight=cerrojo de giro resalta: ${[...new Set(vacias)].join(', ')}`);
    }
    await p.close();
    return fallos;
}

// El botón de las líneas ocultas sigue alternando con su descripción traducida (book.js
// compara la descripción en inglés para saber en qué estado está).
async function probarLineasOcultas(contexto, base, todas) {
    const pagina = todas.find(pg => pg !== 'print.html' &&
        fs.readFileSync(path.join(HTML, pg), 'utf8').includes('class="boring"'));
    if (!pagina) return [];
    const p = await contexto.newPage();
    await p.goto(base + pagina, { waitUntil: 'load' });
    const boton = await p.$('pre:has(.boring) button[title="Mostrar las líneas ocultas"]');
    if (boton === null) {
        await p.close();
        return [`${pagina}: no aparece el botón «Mostrar las líneas ocultas»`];
    }
    const antes = await boton.getAttribute('title');
    // Los botones de un bloque solo aparecen al pasar el ratón por encima.
    await (await boton.$('xpath=ancestor::pre')).hover();
    await boton.click();
    const despues = await boton.getAttribute('title');
    const visibles = await p.locator('pre:has(.boring) .boring').first().isVisible();
    await p.close();
    if (antes !== 'Mostrar las líneas ocultas' || despues !== 'Ocultar líneas' || !visibles) {
        return [`${pagina}: el botón de las líneas ocultas no alterna bien ` +
            `(«${antes}» → «${despues}», líneas visibles: ${visibles})`];
    }
    console.log(`Líneas ocultas: el botón traducido alterna bien en ${pagina}.`);
    return [];
}

main().catch(e => {
    console.error(`La prueba del libro en el navegador no pudo ejecutarse: ${e.stack || e}`);
    process.exit(2);
});
