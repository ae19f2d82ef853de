// «Tú eres el planificador» (book/tema/planificador.js), jugado en Chromium:
//  - en cada página con un widget, a 1280 y a 390 px: sin errores de consola y sin
//    desbordar la página;
//  - juega una secuencia ganadora escrita aquí, a mano (con clics a 1280 px y con el
//    teclado a 390 px), y el widget dice que el invariante se rompió, con los pasos dados
//    y el mínimo;
//  - cambia a la versión corregida, repite la misma secuencia (saltándose los hilos
//    bloqueados) y el invariante sigue en pie; el widget dice que ningún orden la rompe;
//  - sin JavaScript, el widget muestra su nota en español.
'use strict';
const fs = require('fs');
const path = require('path');
const { HTML, paginas, abrirNavegador, terminar } = require('./comun');
const { CRATES_PLAYGROUND } = require('./playground');

// Por escenario: la página, una secuencia ganadora (índices de hilo) y cuántos pasos son
// el mínimo. La secuencia es la más corta; el widget la calcula por su cuenta y debe
// coincidir.
const JUGADAS = {
    contador: { pagina: 'cerrojos/original.html', secuencia: [0, 1, 0, 0, 1, 1], minimo: 6 },
    reservas: { pagina: 'cerrojos/carreras.html', secuencia: [0, 1, 1, 0, 0, 0, 0, 1, 1], minimo: 9 },
    espera: { pagina: 'semaforos/condvar.html', secuencia: [0, 0, 0, 2, 2, 2, 2, 1, 1, 1, 1, 0, 0], minimo: 13 },
    filosofos: { pagina: 'filosofos/interbloqueo.html', secuencia: [0, 1, 2, 3, 4], minimo: 5 },
    // Y una más larga que el mínimo: el widget debe decir con cuántos pasos bastaba.
    escritor: { pagina: 'lectores-escritores/politicas.html', secuencia: [2, 0, 1, 0, 0], minimo: 5,
        larga: [0, 0, 2, 0, 1, 0, 0] },
};

async function jugar(p, widget, secuencia, teclado) {
    for (const h of secuencia) {
        const boton = widget.locator(`button.planificador-avanzar[data-hilo="${h}"]`);
        if (await boton.getAttribute('aria-disabled') === 'true') continue;
        if (teclado) {
            await boton.focus();
            await p.keyboard.press('Enter');
        } else {
            await boton.click();
        }
    }
}

async function main() {
    const fallos = [];
    const libro = await abrirNavegador();
    let jugadas = 0;
    const conWidget = paginas().filter(pg => pg !== 'print.html' &&
        fs.readFileSync(path.join(HTML, pg), 'utf8').includes('class="planificador"'));
    try {
        for (const [escenario, j] of Object.entries(JUGADAS)) {
            if (!conWidget.includes(j.pagina)) fallos.push(`${j.pagina}: no tiene el widget «${escenario}»`);
        }
        for (const ancho of [1280, 390]) {
            const c = await libro.contexto({ viewport: { width: ancho, height: 900 }, isMobile: ancho < 500, hasTouch: ancho < 500 });
            // book.js pide la lista de crates del playground en las páginas con código
            // ejecutable: se contesta aquí, como en prueba.js, sin salir a la red.
            await c.route('https://play.rust-lang.org/meta/crates', ruta => ruta.fulfill({
                status: 200,
                contentType: 'application/json',
                headers: { 'Access-Control-Allow-Origin': '*' },
                body: JSON.stringify({ crates: CRATES_PLAYGROUND.map(id => ({ id, name: id })) }),
            }));
            const p = await c.newPage();
            const errores = [];
            p.on('console', m => { if (m.type() === 'error') errores.push(m.text()); });
            p.on('pageerror', e => errores.push(String(e)));
            for (const pagina of conWidget) {
                errores.length = 0;
                await p.goto(libro.url + pagina, { waitUntil: 'load' });
                const widgets = p.locator('.planificador');
                const n = await widgets.count();
                for (let i = 0; i < n; i++) {
                    const w = widgets.nth(i);
                    const escenario = await w.getAttribute('data-escenario');
                    const j = JUGADAS[escenario];
                    const donde = `${pagina} a ${ancho} px, «${escenario}»`;
                    if (!j) {
                        fallos.push(`${donde}: no hay secuencia ganadora en book/navegador/planificador.js`);
                        continue;
                    }
                    if (!(await w.evaluate(el => el.classList.contains('planificador-activo')))) {
                        fallos.push(`${donde}: el widget no se montó`);
                        continue;
                    }
                    await w.scrollIntoViewIfNeeded();
                    if (j.larga) {
                        await jugar(p, w, j.larga, ancho < 500);
                        const texto = await w.locator('.planificador-resultado').innerText();
                        const esperado = `Lo lograste en ${j.larga.length} pasos; bastaban ${j.minimo}`;
                        if (!texto.includes(esperado)) {
                            fallos.push(`${donde}: tras una secuencia de ${j.larga.length} pasos dice ` +
                                `«${texto.trim()}», se esperaba «${esperado}»`);
                        }
                        await w.getByRole('button', { name: 'Empieza de nuevo' }).click();
                    }
                    await jugar(p, w, j.secuencia, ancho < 500);
                    const texto = await w.locator('.planificador-resultado').innerText();
                    const esperado = `Lo lograste en ${j.secuencia.length} pasos` +
                        (j.secuencia.length === j.minimo ? ', el mínimo posible' : `; bastaban ${j.minimo}`);
                    if (!texto.includes('Invariante roto') || !texto.includes(esperado)) {
                        fallos.push(`${donde}: tras la secuencia ganadora dice «${texto.trim()}», ` +
                            `se esperaba «Invariante roto…» y «${esperado}»`);
                    }
                    const anuncio = await w.locator('[aria-live]').innerText();
                    if (!anuncio.includes('Invariante roto')) fallos.push(`${donde}: la región aria-live no lo anuncia («${anuncio}»)`);
                    // Con el invariante roto, ningún hilo puede dar más pasos.
                    const activos = await w.locator('button.planificador-avanzar[aria-disabled="false"]').count();
                    if (activos > 0) fallos.push(`${donde}: roto el invariante, ${activos} botones siguen activos`);

                    // La versión corregida, con la misma secuencia.
                    const cambiar = w.getByRole('button', { name: 'Prueba la versión corregida' });
                    if (ancho < 500) {
                        await cambiar.focus();
                        await p.keyboard.press('Enter');
                    } else {
                        await cambiar.click();
                    }
                    if (await w.getAttribute('data-version') !== 'corregida') {
                        fallos.push(`${donde}: «Prueba la versión corregida» no cambia de versión`);
                        continue;
                    }
                    await jugar(p, w, j.secuencia, ancho < 500);
                    const corregida = await w.locator('.planificador-resultado').innerText();
                    if (corregida.includes('Invariante roto')) {
                        fallos.push(`${donde}: la misma secuencia rompe la versión corregida («${corregida.trim()}»)`);
                    }
                    if (!/Ningún orden la rompe/.test(corregida)) {
                        fallos.push(`${donde}: la versión corregida no dice que ningún orden la rompe («${corregida.trim()}»)`);
                    }
                    // Empezar de nuevo deja el estado de partida.
                    await w.getByRole('button', { name: 'Empieza de nuevo' }).click();
                    if (await w.locator('.planificador-registro li').count() !== 0) {
                        fallos.push(`${donde}: «Empieza de nuevo» no vacía los pasos dados`);
                    }
                    jugadas += 1;
                }
                const desborde = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
                if (desborde > 1) fallos.push(`${pagina} a ${ancho} px: la página se desborda ${desborde} px`);
                for (const e of errores) fallos.push(`${pagina} a ${ancho} px: error de consola: ${e}`);
            }
            await c.close();
        }
        // Sin JavaScript: la nota en español.
        const sinJs = await libro.contexto({ viewport: { width: 390, height: 900 }, javaScriptEnabled: false });
        const p = await sinJs.newPage();
        for (const pagina of conWidget) {
            await p.goto(libro.url + pagina, { waitUntil: 'load' });
            const notas = await p.$$eval('.planificador', ws => ws.map(w => w.textContent.trim()));
            for (const n of notas) {
                if (!/Tú eres el planificador/.test(n) || !/JavaScript/.test(n)) {
                    fallos.push(`${pagina} sin JavaScript: el widget no muestra su nota («${n.slice(0, 80)}»)`);
                }
            }
        }
        await sinJs.close();
    } finally {
        await libro.cerrar();
    }
    terminar('Tú eres el planificador', fallos,
        `Planificador: ${conWidget.length} páginas con widget; ${jugadas} partidas ganadas a 1280 y 390 px ` +
        '(clics y teclado), y la misma secuencia no rompe ninguna versión corregida.');
}

main().catch(e => {
    console.error(`La comprobación del planificador no pudo ejecutarse: ${e.stack || e}`);
    process.exit(2);
});
