// La página que dibuja una ejecución que falla (crates/arnes/src/dibujo.rs), en un Chromium
// sin ventana y sin red, a 1280 y a 390 px de ancho:
//  - se generan páginas de verdad: las pruebas «hija» del arnés (crates/arnes/tests/pantalla.rs)
//    fallan a propósito y el arnés dibuja su ejecución;
//  - sin errores de consola ni peticiones a ningún sitio (la página es autónoma);
//  - ningún texto, del HTML o del SVG, por debajo de 11 px tal como se ve;
//  - la página no se desborda a lo ancho (el dibujo se desplaza dentro de su caja) y dice
//    qué se rompió.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { terminar } = require('./comun');

const RAIZ = path.resolve(__dirname, '..', '..');
const NAVEGADOR = process.env.CHROMIUM || '/usr/bin/chromium';
const MINIMO = 11;
const HIJAS = ['hija_cerrojos_cruzados', 'hija_propiedad', 'hija_interbloqueo'];

function generar(carpeta) {
    const r = spawnSync('cargo', ['test', '-q', '-p', 'arnes', '--test', 'pantalla', '--', '--exact', ...HIJAS], {
        cwd: RAIZ,
        env: { ...process.env, ARNES_HIJA: '1', CURSO_PLANES: carpeta, RUST_BACKTRACE: '0' },
        encoding: 'utf8',
    });
    if (r.error) throw r.error;
    return HIJAS.map(h => path.join(carpeta, `${h}.html`));
}

async function main() {
    const { chromium } = require('playwright-core');
    const carpeta = fs.mkdtempSync(path.join(os.tmpdir(), 'cronograma-'));
    const fallos = [];
    let vistas = 0;
    const navegador = await chromium.launch({
        executablePath: NAVEGADOR,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
        for (const pagina of generar(carpeta)) {
            const nombre = path.basename(pagina);
            if (!fs.existsSync(pagina)) {
                fallos.push(`${nombre}: el arnés no escribió la página`);
                continue;
            }
            const url = 'file://' + pagina;
            for (const ancho of [1280, 390]) {
                const c = await navegador.newContext({ viewport: { width: ancho, height: 900 } });
                const p = await c.newPage();
                const errores = [];
                p.on('console', m => { if (m.type() === 'error') errores.push(m.text()); });
                p.on('pageerror', e => errores.push(String(e)));
                await c.route(u => u.href !== url, ruta => {
                    errores.push(`pide ${ruta.request().url()}`);
                    return ruta.abort();
                });
                await p.goto(url, { waitUntil: 'load' });
                const datos = await p.evaluate(() => {
                    const pequenos = [];
                    const svg = document.querySelector('svg');
                    const escala = svg ? svg.getBoundingClientRect().width / svg.width.baseVal.value : 1;
                    for (const t of document.querySelectorAll('svg text')) {
                        const px = parseFloat(getComputedStyle(t).fontSize) * escala;
                        if (px < 11) pequenos.push(`«${t.textContent}» (SVG) a ${px.toFixed(1)} px`);
                    }
                    for (const e of document.body.querySelectorAll('*')) {
                        if (e.closest('svg')) continue;
                        const conTexto = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                        const visible = e.getClientRects().length > 0;
                        const px = parseFloat(getComputedStyle(e).fontSize);
                        if (conTexto && visible && px < 11) pequenos.push(`«${e.textContent.slice(0, 40)}» a ${px} px`);
                    }
                    return {
                        pequenos,
                        desborde: document.documentElement.scrollWidth - window.innerWidth,
                        fallo: (document.getElementById('fallo') || {}).textContent || '',
                        carriles: document.querySelectorAll('svg text.hilo').length,
                    };
                });
                const donde = `${nombre} a ${ancho} px`;
                for (const e of errores) fallos.push(`${donde}: ${e}`);
                for (const t of datos.pequenos) fallos.push(`${donde}: texto pequeño ${t}`);
                if (datos.desborde > 0) fallos.push(`${donde}: la página se sale ${datos.desborde} px a lo ancho`);
                if (!datos.fallo.trim()) fallos.push(`${donde}: no dice qué se rompió`);
                if (datos.carriles < 2) fallos.push(`${donde}: el dibujo tiene ${datos.carriles} carriles`);
                vistas += 1;
                await c.close();
            }
        }
    } finally {
        await navegador.close();
        fs.rmSync(carpeta, { recursive: true, force: true });
    }
    terminar('Cronogramas', fallos,
        `Cronogramas: ${vistas} vistas de páginas generadas por el arnés (1280 y 390 px), sin red, ` +
        `sin errores de consola y sin texto por debajo de ${MINIMO} px.`);
}

main().catch(e => {
    console.error(`La comprobación de los cronogramas no pudo ejecutarse: ${e.stack || e}`);
    process.exit(2);
});
