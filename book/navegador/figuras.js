// Figuras legibles en un teléfono y en los temas oscuros (book/tema/figuras.js y
// lectores.css):
//  - cada SVG del libro tiene todo su texto a 11 px o más a su tamaño natural;
//  - a 390 px de ancho, una figura cuyo texto se ve por debajo de 11 px se abre al tocarla
//    en un visor a tamaño natural (y allí ningún texto baja de 11 px);
//  - con los temas oscuros (Carbón, Marino, Ayu) las figuras no son cajas blancas: llevan
//    el filtro que las invierte.
'use strict';
const fs = require('fs');
const path = require('path');
const { HTML, paginas, abrirNavegador, terminar } = require('./comun');

const MINIMO = 11;

// La anchura de dibujo y el menor tamaño de letra de un SVG (atributos font-size o
// propiedades font-size: de su CSS).
function medidasSvg(archivo) {
    const texto = fs.readFileSync(archivo, 'utf8');
    const svg = (texto.match(/<svg[^>]*>/) || [''])[0];
    const ancho = /\swidth="([\d.]+)"/.exec(svg);
    const caja = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)/.exec(svg);
    const tamanos = [...texto.matchAll(/font-size(?:="|:\s*)([\d.]+)/g)].map(m => parseFloat(m[1]));
    return {
        ancho: ancho ? parseFloat(ancho[1]) : caja ? parseFloat(caja[1]) : null,
        letra: tamanos.length ? Math.min(...tamanos) : 16,
        texto: /<text/.test(texto),
    };
}

async function main() {
    const fallos = [];
    const svgs = {};
    const carpeta = path.join(HTML, 'img');
    for (const nombre of fs.readdirSync(carpeta).filter(n => n.endsWith('.svg')).sort()) {
        const m = medidasSvg(path.join(carpeta, nombre));
        svgs[`img/${nombre}`] = m;
        if (m.texto && m.letra < MINIMO) {
            fallos.push(`img/${nombre}: tiene texto de ${m.letra.toFixed(1)} px a tamaño natural (mínimo ${MINIMO})`);
        }
        if (m.ancho === null) fallos.push(`img/${nombre}: sin anchura (ni width ni viewBox)`);
    }
    const libro = await abrirNavegador();
    let figuras = 0;
    let ampliadas = 0;
    let oscuras = 0;
    try {
        const c = await libro.contexto({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
        const p = await c.newPage();
        const todas = paginas().filter(pg => pg !== 'print.html' && pg !== '404.html');
        for (const pagina of todas) {
            if (!fs.readFileSync(path.join(HTML, pagina), 'utf8').includes('<img')) continue;
            await p.goto(libro.url + pagina, { waitUntil: 'load' });
            const imagenes = await p.$$('main img');
            for (const img of imagenes) {
                const datos = await img.evaluate(i => ({
                    src: new URL(i.currentSrc || i.src).pathname.replace(/^\//, ''),
                    ancho: i.getBoundingClientRect().width,
                }));
                const svg = svgs[datos.src];
                if (!svg || !svg.texto) continue;
                figuras += 1;
                const enPagina = svg.letra * datos.ancho / svg.ancho;
                if (enPagina >= MINIMO) continue;
                // Demasiado pequeña en la página: tocarla debe abrirla a tamaño natural.
                await img.scrollIntoViewIfNeeded();
                await img.tap();
                const grande = await p.waitForSelector('.visor-figura img', { timeout: 3000 }).catch(() => null);
                if (!grande) {
                    fallos.push(`${pagina}: ${datos.src} se ve con letra de ${enPagina.toFixed(1)} px a 390 px ` +
                        'y tocarla no abre el visor');
                    continue;
                }
                await p.waitForFunction(() => {
                    const i = document.querySelector('.visor-figura img');
                    return i && i.complete && i.style.width !== '';
                }, null, { timeout: 3000 }).catch(() => {});
                const enVisor = svg.letra * (await grande.evaluate(i => i.getBoundingClientRect().width)) / svg.ancho;
                if (enVisor < MINIMO) {
                    fallos.push(`${pagina}: ${datos.src} en el visor sigue con letra de ${enVisor.toFixed(1)} px`);
                } else {
                    ampliadas += 1;
                }
                await p.keyboard.press('Escape');
                if (await p.$('.visor-figura')) fallos.push(`${pagina}: Esc no cierra el visor`);
            }
        }
        await c.close();

        // Los temas oscuros: cada figura lleva un filtro (no es una caja blanca).
        for (const tema of ['coal', 'navy', 'ayu']) {
            const oscuro = await libro.contexto({ viewport: { width: 1280, height: 900 } });
            await oscuro.addInitScript(t => localStorage.setItem('mdbook-theme', t), tema);
            const po = await oscuro.newPage();
            await po.goto(libro.url + 'conceptos/amdahl-gustafson.html', { waitUntil: 'load' });
            const filtros = await po.$$eval('main img', is => is.map(i => getComputedStyle(i).filter));
            const clase = await po.evaluate(() => document.documentElement.className);
            if (filtros.length === 0) fallos.push('conceptos/amdahl-gustafson.html: no hay figuras que probar');
            for (const f of filtros) {
                if (!f.includes('invert')) {
                    fallos.push(`tema ${tema} (${clase}): una figura se ve sin invertir (filtro «${f}»)`);
                } else {
                    oscuras += 1;
                }
            }
            await oscuro.close();
        }
    } finally {
        await libro.cerrar();
    }
    terminar('Figuras', fallos,
        `Figuras: ${Object.keys(svgs).length} SVG con letra de ${MINIMO} px o más; a 390 px, ${figuras} figuras ` +
        `con texto, ${ampliadas} de ellas se abren a tamaño natural al tocarlas; ` +
        `${oscuras} comprobadas invertidas en los temas oscuros.`);
}

main().catch(e => {
    console.error(`La comprobación de las figuras no pudo ejecutarse: ${e.stack || e}`);
    process.exit(2);
});
