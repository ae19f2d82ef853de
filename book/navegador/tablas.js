// Tablas que caben, en pantalla y en papel (book/tema/lectores.css):
//  - a 1280 px y a 390 px de ancho, ninguna tabla es más ancha que la columna de texto ni
//    deja columnas detrás de una barra de desplazamiento lateral;
//  - en print.html con los estilos de impresión, ningún bloque de código, tabla ni figura
//    se sale de la página: lo que no cabe parte sus líneas, nada se corta;
//  - a 1280 px, ningún bloque de código necesita desplazamiento lateral, salvo las
//    excepciones de abajo, cada una con su motivo y como mucho MAXIMO_EXCEPCIONES.
'use strict';
const { paginas, abrirNavegador, terminar } = require('./comun');

// Los bloques que pueden desplazarse a 1280 px: una línea suya casa con `patron`.
const EXCEPCIONES = [
    {
        patron: /CURSO_REPETIR='[^']{60,}'/,
        motivo: 'la orden para repetir una ejecución lleva una semilla de más de 60 caracteres ' +
            'que se copia y se pega entera: partirla la rompería',
    },
];
const MAXIMO_EXCEPCIONES = 3;

// Lo que se mide en una página: cada tabla frente a la columna (el <main>), y los bloques
// de código que no caben.
function medir() {
    const main = document.querySelector('main');
    if (!main) return { columna: 0, tablas: [], codigo: [], bloques: 0 };
    const estilo = getComputedStyle(main);
    const columna = main.clientWidth - parseFloat(estilo.paddingLeft) - parseFloat(estilo.paddingRight);
    const tablas = [...main.querySelectorAll('table')].map((t, i) => {
        const envoltorio = t.parentElement;
        const cabecera = [...t.querySelectorAll('th')].map(th => th.textContent.trim());
        return {
            i,
            ancho: Math.round(t.getBoundingClientRect().width),
            oculto: Math.max(0, envoltorio.scrollWidth - envoltorio.clientWidth),
            ultima: cabecera[cabecera.length - 1] || '',
        };
    });
    const anchos = [...main.querySelectorAll('pre')]
        .filter(p => p.scrollWidth > p.clientWidth + 1 ||
            [...p.querySelectorAll('code')].some(c => c.scrollWidth > c.clientWidth + 1))
        .map(p => {
            // La línea más larga, la que obliga a desplazarse.
            const lineas = p.innerText.split('\n');
            return lineas.reduce((a, b) => (b.length > a.length ? b : a), '');
        });
    return { columna: Math.round(columna), tablas, codigo: anchos, bloques: main.querySelectorAll('pre').length };
}

async function main() {
    const libro = await abrirNavegador();
    const fallos = [];
    let tablas = 0;
    let codigoAncho = 0;
    let bloques = 0;
    const excepciones = [];
    try {
        const todas = paginas().filter(p => p !== 'print.html' && p !== '404.html');
        for (const ancho of [1280, 390]) {
            const c = await libro.contexto({ viewport: { width: ancho, height: 900 } });
            const p = await c.newPage();
            for (const pagina of todas) {
                await p.goto(libro.url + pagina, { waitUntil: 'load' });
                const m = await p.evaluate(medir);
                for (const t of m.tablas) {
                    if (t.ancho > m.columna + 1 || t.oculto > 1) {
                        fallos.push(`${pagina} a ${ancho} px: la tabla ${t.i + 1} (última columna ` +
                            `«${t.ultima}») mide ${t.ancho} px en una columna de ${m.columna} px` +
                            (t.oculto > 1 ? ` y esconde ${t.oculto} px tras la barra lateral` : ''));
                    }
                }
                if (ancho === 1280) {
                    tablas += m.tablas.length;
                    codigoAncho += m.codigo.length;
                    bloques += m.bloques;
                    for (const linea of m.codigo) {
                        const excepcion = EXCEPCIONES.find(e => e.patron.test(linea));
                        if (excepcion) {
                            excepciones.push(`${pagina}: ${excepcion.motivo}`);
                        } else {
                            fallos.push(`${pagina} a 1280 px: un bloque de código necesita desplazamiento ` +
                                `lateral; su línea más larga (${linea.length} caracteres, caben unos 86) ` +
                                `es «${linea.trim().slice(0, 70)}…»`);
                        }
                    }
                }
            }
            await c.close();
        }
        // La impresión: print.html con los estilos de papel, a la anchura útil de un A4
        // (210 mm menos los márgenes, unos 700 px).
        const c = await libro.contexto({ viewport: { width: 700, height: 1000 } });
        const p = await c.newPage();
        await p.emulateMedia({ media: 'print' });
        await p.goto(libro.url + 'print.html', { waitUntil: 'load' });
        const impresion = await p.evaluate(() => {
            const main = document.querySelector('main');
            const derecha = main.getBoundingClientRect().right + 1;
            const cortados = [];
            for (const el of main.querySelectorAll('pre, pre code, table, .table-wrapper, img')) {
                const r = el.getBoundingClientRect();
                const oculto = el.scrollWidth - el.clientWidth;
                const corta = getComputedStyle(el).overflowX !== 'visible' && oculto > 1;
                if (r.right > derecha || corta) {
                    const texto = (el.textContent || el.getAttribute('src') || '').trim().slice(0, 60);
                    cortados.push(`${el.tagName.toLowerCase()} «${texto}» (${Math.round(r.right - derecha + 1)} px fuera` +
                        (corta ? `, ${oculto} px tras una barra` : '') + ')');
                }
            }
            return { cortados, pre: main.querySelectorAll('pre').length, tablas: main.querySelectorAll('table').length };
        });
        for (const x of impresion.cortados) fallos.push(`print.html impreso: ${x}`);
        await c.close();
        console.log(`Impresión: ${impresion.pre} bloques de código y ${impresion.tablas} tablas, ` +
            `${impresion.cortados.length} cortados.`);
    } finally {
        await libro.cerrar();
    }
    if (excepciones.length > MAXIMO_EXCEPCIONES) {
        fallos.push(`${excepciones.length} bloques de código se desplazan a 1280 px por una excepción; ` +
            `el máximo es ${MAXIMO_EXCEPCIONES}: ${excepciones.join('; ')}`);
    }
    for (const e of excepciones) console.log(`Bloque que se desplaza, con motivo: ${e}.`);
    terminar('Tablas e impresión', fallos,
        `Tablas: las ${tablas} caben en la columna a 1280 y a 390 px; ` +
        `${codigoAncho} de ${bloques} bloques de código necesitan desplazamiento lateral a 1280 px ` +
        `(todos con motivo; máximo ${MAXIMO_EXCEPCIONES}).`);
}

main().catch(e => {
    console.error(`La comprobación de las tablas no pudo ejecutarse: ${e.stack || e}`);
    process.exit(2);
});
