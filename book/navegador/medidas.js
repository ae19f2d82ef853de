// Las páginas de medidas, para personas (sin navegador: lee book/html y book/src):
//  - ningún título (h1…h6, ni el título en negrita de cada tabla de medidas) ni gráfico
//    muestra el nombre en bruto de un grupo de medidas («semaforos_pares»): fuera de un
//    `código`, los grupos se nombran con su título en español;
//  - en las páginas de medidas, cada cifra de una tabla va unida a su unidad por un espacio duro (nada de
//    «21,2» al final de una línea y «M/s» al principio de la siguiente);
//  - cada gráfico generado (img/grafico-*.svg) aparece en alguna página.
'use strict';
const fs = require('fs');
const path = require('path');
const { RAIZ, HTML, paginas, terminar } = require('./comun');

const DATOS = path.join(RAIZ, 'book/src/datos');

function grupos() {
    const lista = new Set();
    for (const nombre of fs.readdirSync(DATOS).filter(n => n.endsWith('.json'))) {
        const datos = JSON.parse(fs.readFileSync(path.join(DATOS, nombre), 'utf8'));
        for (const m of datos.medidas || []) lista.add(m.grupo);
    }
    return [...lista];
}

const sinEtiquetas = html => html
    .replace(/<code[\s\S]*?<\/code>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, '\u00a0');

function main() {
    const fallos = [];
    const ids = grupos();
    const usados = new Set();
    let titulos = 0;
    let cifras = 0;
    for (const pagina of paginas()) {
        const html = fs.readFileSync(path.join(HTML, pagina), 'utf8');
        const cuerpo = (html.match(/<main>([\s\S]*?)<\/main>/) || ['', ''])[1];
        for (const m of cuerpo.matchAll(/src="(?:\.\.\/)*img\/(grafico-[^"]+\.svg)"/g)) {
            if (pagina !== 'print.html') usados.add(m[1]);
        }
        if (pagina === 'print.html') continue;
        const cabeceras = [
            ...[...cuerpo.matchAll(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/g)].map(m => m[2]),
            // El título de cada tabla de medidas: un párrafo que es solo una negrita.
            ...[...cuerpo.matchAll(/<p><strong>([\s\S]*?)<\/strong>([^<]*(?:<code>[^<]*<\/code>[^<]*)?)<\/p>/g)]
                .map(m => m[1] + m[2]),
        ];
        for (const c of cabeceras) {
            titulos += 1;
            const texto = sinEtiquetas(c);
            for (const id of ids) {
                if (texto.includes(id)) fallos.push(`${pagina}: el título «${texto.trim()}» muestra el grupo en bruto ${id}`);
            }
        }
        // Las tablas de las páginas de medidas (las generadas y las escritas a mano).
        const tablas = pagina.endsWith('/medidas.html') ? cuerpo.matchAll(/<table>([\s\S]*?)<\/table>/g) : [];
        for (const tabla of tablas) {
            for (const celda of tabla[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)) {
                const texto = sinEtiquetas(celda[1]);
                if (/\d (?:ms|µs|ns|s|GB\/s|MB\/s|M\/s)(?![\p{L}])/u.test(texto)) {
                    fallos.push(`${pagina}: «${texto.trim()}»: la cifra y su unidad, sin espacio duro`);
                }
                if (/\d\u00a0(?:ms|µs|ns|s|GB\/s|M\/s)/.test(texto)) cifras += 1;
            }
        }
    }
    const img = path.join(HTML, 'img');
    const graficos = fs.readdirSync(img).filter(n => /^grafico-.*\.svg$/.test(n)).sort();
    for (const g of graficos) {
        if (!usados.has(g)) fallos.push(`img/${g}: ninguna página lo usa (o se usa, o no se genera)`);
    }
    for (const g of graficos) {
        const texto = fs.readFileSync(path.join(img, g), 'utf8');
        for (const t of texto.matchAll(/<text[^>]*>([^<]*)<\/text>/g)) {
            for (const id of ids) {
                if (t[1].includes(id)) fallos.push(`img/${g}: el gráfico muestra el grupo en bruto ${id} («${t[1]}»)`);
            }
        }
    }
    terminar('Páginas de medidas', fallos,
        `Medidas: ${titulos} títulos sin nombres de grupo en bruto (${ids.length} grupos), ` +
        `${cifras} cifras unidas a su unidad, los ${graficos.length} gráficos en alguna página.`);
}

main();
