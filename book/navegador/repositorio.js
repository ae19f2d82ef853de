// El libro construido como lo construye el flujo de Pages (.github/workflows/libro.yml),
// con la dirección del repositorio (`.ci/libro` la pasa en LIBRO_REPOSITORIO y en las
// mismas variables MDBOOK_OUTPUT__HTML__… que el flujo), abierto en Chromium:
//  - cada página enlaza al repositorio («Repositorio git») y a su propio archivo Markdown
//    para «Sugerir un cambio» (salvo print.html y 404.html, que no salen de un archivo);
//  - la orden `git clone` de la instalación lleva la dirección real, y ninguna página
//    dice ya «dirección del repositorio»;
//  - el enlace de descarga de la instalación, seguido en el navegador, trae el zip.
'use strict';
const { paginas, abrirNavegador, terminar } = require('./comun');

const REPOSITORIO = (process.env.LIBRO_REPOSITORIO || '').replace(/\/$/, '');
const RAMA = process.env.LIBRO_RAMA || 'main';
const SIN_FUENTE = new Set(['print.html', '404.html']);

// La página de cada archivo: index.html es la presentación (la primera del resumen).
const fuenteDe = pagina => (pagina === 'index.html' ? 'presentacion.md' : pagina.replace(/\.html$/, '.md'));

async function main() {
    if (!REPOSITORIO) {
        terminar('Repositorio', ['falta LIBRO_REPOSITORIO (la dirección con la que .ci/libro construye el libro)'], '');
        return;
    }
    const fallos = [];
    const libro = await abrirNavegador();
    let enlazadas = 0;
    let editables = 0;
    try {
        const c = await libro.contexto({ viewport: { width: 1280, height: 900 } });
        const p = await c.newPage();
        // toc.html es el índice lateral que mdBook carga en un marco sin JavaScript: no es una
        // página que se lea sola.
        for (const pagina of paginas().filter(pg => pg !== 'toc.html')) {
            await p.goto(libro.url + pagina, { waitUntil: 'load' });
            const enlaces = await p.$$eval('#mdbook-menu-bar a, .menu-bar a, .right-buttons a', as => as.map(a => ({
                href: a.getAttribute('href'),
                titulo: a.getAttribute('title') || '',
                etiqueta: a.getAttribute('aria-label') || '',
            })));
            const repo = enlaces.find(a => a.href === REPOSITORIO);
            if (!repo) {
                fallos.push(`${pagina}: no enlaza al repositorio ${REPOSITORIO}`);
            } else {
                enlazadas += 1;
                if (repo.titulo !== 'Repositorio git') fallos.push(`${pagina}: el enlace al repositorio se titula «${repo.titulo}»`);
            }
            if (SIN_FUENTE.has(pagina)) continue;
            const editar = `${REPOSITORIO}/edit/${RAMA}/book/src/${fuenteDe(pagina)}`;
            const cambio = enlaces.find(a => a.href === editar);
            if (!cambio) {
                const otro = enlaces.find(a => /\/edit\//.test(a.href || ''));
                fallos.push(`${pagina}: «Sugerir un cambio» no lleva a ${editar}` + (otro ? ` (lleva a ${otro.href})` : ' (no hay enlace)'));
            } else {
                editables += 1;
                if (cambio.titulo !== 'Sugerir un cambio' || cambio.etiqueta !== 'Sugerir un cambio') {
                    fallos.push(`${pagina}: el enlace de edición se titula «${cambio.titulo}» / «${cambio.etiqueta}»`);
                }
            }
            const texto = await p.evaluate(() => document.querySelector('main').innerText);
            if (texto.includes('<dirección del repositorio>')) {
                fallos.push(`${pagina}: aún dice «<dirección del repositorio>»`);
            }
        }

        // La instalación: la orden de clonar y la descarga.
        await p.goto(libro.url + 'introduccion/instalacion.html', { waitUntil: 'load' });
        const ordenes = await p.$$eval('main pre code', cs => cs.map(c => c.innerText).filter(t => t.includes('git clone')));
        const esperada = `git clone ${REPOSITORIO} curso-paralela`;
        if (!ordenes.some(o => o.includes(esperada))) {
            fallos.push(`introduccion/instalacion.html: la orden de clonar no es «${esperada}» (${JSON.stringify(ordenes)})`);
        }
        const enlace = p.locator('main a[href$="descargas/curso-paralela.zip"]').first();
        if (await enlace.count() === 0) {
            fallos.push('introduccion/instalacion.html: no hay enlace a la descarga');
        } else {
            const [descarga] = await Promise.all([p.waitForEvent('download', { timeout: 10000 }), enlace.click()]);
            const ruta = await descarga.path();
            const bytes = ruta ? require('fs').readFileSync(ruta) : Buffer.alloc(0);
            // Un zip empieza por «PK\x03\x04».
            if (bytes.length < 1024 || bytes.readUInt32LE(0) !== 0x04034b50) {
                fallos.push(`la descarga de la instalación no es un zip (${bytes.length} bytes, ${descarga.suggestedFilename()})`);
            } else if (descarga.suggestedFilename() !== 'curso-paralela.zip') {
                fallos.push(`la descarga se guarda como ${descarga.suggestedFilename()}`);
            }
        }
        await c.close();
    } finally {
        await libro.cerrar();
    }
    terminar('Repositorio', fallos,
        `Repositorio: ${enlazadas} páginas enlazan a ${REPOSITORIO} y ${editables} a su archivo para sugerir ` +
        'un cambio; la instalación clona esa dirección y su enlace de descarga trae el zip.');
}

main().catch(e => {
    console.error(`La comprobación del repositorio no pudo ejecutarse: ${e.stack || e}`);
    process.exit(2);
});
