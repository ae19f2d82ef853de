// «Tú eres el planificador»: el lector elige qué hilo da el siguiente paso y ve el estado
// compartido, hasta romper el invariante del error clásico de la página.
//
// Cada widget se declara en el Markdown con
//   <div class="planificador" data-escenario="contador"> …nota para quien no tiene JS… </div>
// y su escenario está en book/tema/planificador-escenarios.js. Al cargar, el motor explora
// todos los órdenes posibles de la versión con el error (para decir con cuántos pasos
// bastaba) y de la corregida (para poder decir que ningún orden la rompe). Todo ocurre en
// la página, sin red. `.ci/libro` lo juega en Chromium (book/navegador/planificador.js).
(function () {
    'use strict';
    const ESCENARIOS = window.PLANIFICADOR_ESCENARIOS || {};
    const LIMITE_ESTADOS = 50000;

    const copiar = e => JSON.parse(JSON.stringify(e));
    const vivos = e => e.pc.map((pc, h) => h).filter(h => e.pc[h] >= 0);

    // Qué hilos pueden avanzar, y si el estado ya rompe el invariante (por el propio
    // escenario o porque los que quedan se esperan todos).
    function libres(v, e) {
        return vivos(e).filter(h => !v.bloqueo(e, h));
    }
    function rotura(v, e) {
        const propio = v.roto(e);
        if (propio) return propio;
        if (vivos(e).length > 0 && libres(v, e).length === 0) {
            return v.atasco ? v.atasco(e)
                : 'Interbloqueo: todos los hilos que quedan esperan y ninguno puede avanzar.';
        }
        return null;
    }

    // Recorrido en anchura de todos los órdenes: el camino más corto hasta romper el
    // invariante (o null) y cuántos estados distintos hay.
    function explorar(v) {
        const inicio = copiar(v.inicial);
        const vistos = new Map([[JSON.stringify(inicio), null]]);
        let frontera = [{ e: inicio, camino: [] }];
        let primero = null;
        while (frontera.length > 0 && vistos.size < LIMITE_ESTADOS) {
            const siguiente = [];
            for (const { e, camino } of frontera) {
                if (rotura(v, e)) {
                    if (!primero) primero = camino;
                    continue;
                }
                for (const h of libres(v, e)) {
                    const n = copiar(e);
                    v.paso(n, h);
                    const clave = JSON.stringify(n);
                    if (vistos.has(clave)) continue;
                    vistos.set(clave, null);
                    siguiente.push({ e: n, camino: [...camino, h] });
                }
            }
            frontera = siguiente;
        }
        return { camino: primero, estados: vistos.size, completa: frontera.length === 0 };
    }

    const crear = (etiqueta, clase, texto) => {
        const el = document.createElement(etiqueta);
        if (clase) el.className = clase;
        if (texto !== undefined) el.textContent = texto;
        return el;
    };
    const mayuscula = t => t.charAt(0).toUpperCase() + t.slice(1);

    let contador = 0;
    function montar(raiz) {
        const escenario = ESCENARIOS[raiz.dataset.escenario];
        if (!escenario) return;
        contador += 1;
        const id = `planificador-${contador}`;
        const exploraciones = {};
        const explorada = clave => (exploraciones[clave] = exploraciones[clave] || explorar(escenario[clave]));

        let clave = 'erronea';
        let estado;
        let pasos;
        let roto;
        let rompio; // el hilo y la línea del paso que rompió el invariante
        let historial;

        raiz.textContent = '';
        raiz.classList.add('planificador-activo');
        raiz.setAttribute('role', 'group');
        raiz.setAttribute('aria-labelledby', `${id}-titulo`);
        const cabecera = crear('div', 'planificador-cabecera');
        const titulo = crear('p', 'planificador-titulo');
        titulo.id = `${id}-titulo`;
        const version = crear('p', 'planificador-version');
        const objetivo = crear('p', 'planificador-objetivo', escenario.objetivo);
        cabecera.append(titulo, version, objetivo);
        const compartido = crear('dl', 'planificador-estado');
        compartido.setAttribute('aria-label', 'Estado compartido');
        const carriles = crear('div', 'planificador-carriles');
        const resultado = crear('div', 'planificador-resultado');
        const anuncio = crear('p', 'planificador-anuncio');
        anuncio.setAttribute('aria-live', 'polite');
        anuncio.setAttribute('role', 'status');
        const controles = crear('div', 'planificador-controles');
        const reiniciar = crear('button', 'planificador-reiniciar', 'Empieza de nuevo');
        reiniciar.type = 'button';
        const cambiar = crear('button', 'planificador-cambiar');
        cambiar.type = 'button';
        controles.append(reiniciar, cambiar);
        const registro = crear('details', 'planificador-registro');
        const resumen = crear('summary', null, 'Los pasos dados');
        const lista = crear('ol');
        registro.append(resumen, lista);
        raiz.append(cabecera, compartido, carriles, anuncio, resultado, controles, registro);

        const botones = [];
        const lineas = [];
        const notas = [];

        function preparar() {
            const v = escenario[clave];
            estado = copiar(v.inicial);
            pasos = 0;
            roto = null;
            rompio = null;
            historial = [];
            raiz.dataset.version = clave;
            titulo.textContent = `Tú eres el planificador: ${escenario.titulo.charAt(0).toLowerCase()}${escenario.titulo.slice(1)}`;
            version.textContent = clave === 'erronea'
                ? `Versión con el error (${v.etiqueta}).`
                : `Versión corregida (${v.etiqueta}). ${v.explicacion || ''}`.trim();
            objetivo.textContent = clave === 'erronea' ? escenario.objetivo
                : `Intenta lo mismo ahora: ${escenario.objetivo.charAt(0).toLowerCase()}${escenario.objetivo.slice(1)}`;
            cambiar.textContent = clave === 'erronea' ? 'Prueba la versión corregida' : 'Vuelve a la versión con el error';
            carriles.textContent = '';
            botones.length = 0;
            lineas.length = 0;
            notas.length = 0;
            v.nombres.forEach((nombre, h) => {
                const carril = crear('section', 'planificador-carril');
                carril.setAttribute('aria-label', nombre);
                const cab = crear('p', 'planificador-hilo', mayuscula(nombre));
                if (v.detalle) cab.append(crear('span', 'planificador-detalle', ` (${v.detalle(h)})`));
                const codigo = crear('ol', 'planificador-codigo');
                const filas = v.codigo[h].map(texto => {
                    const li = crear('li');
                    li.append(crear('code', null, texto));
                    codigo.append(li);
                    return li;
                });
                const nota = crear('p', 'planificador-nota');
                const boton = crear('button', 'planificador-avanzar', `Avanza el ${nombre}`);
                boton.type = 'button';
                boton.dataset.hilo = String(h);
                boton.addEventListener('click', () => avanzar(h));
                carril.append(cab, codigo, nota, boton);
                carriles.append(carril);
                botones.push(boton);
                lineas.push(filas);
                notas.push(nota);
            });
            lista.textContent = '';
            anuncio.textContent = '';
            pintar();
        }

        function pintar() {
            const v = escenario[clave];
            compartido.textContent = '';
            // Cada par nombre-valor en su <div> (lo permite <dl>): se reparten en fichas
            // que ocupan las filas que haga falta.
            for (const [nombre, valor] of v.vista(estado)) {
                const par = crear('div');
                par.append(crear('dt', null, nombre), crear('dd', null, valor));
                compartido.append(par);
            }
            v.nombres.forEach((nombre, h) => {
                const pc = estado.pc[h];
                // Roto el invariante, se resalta la línea que lo rompió; en un interbloqueo,
                // las líneas en que espera cada hilo.
                const resaltada = rompio ? (rompio.h === h ? rompio.linea : -1) : pc;
                lineas[h].forEach((li, i) => {
                    const actual = pc === i && !roto;
                    li.classList.toggle('planificador-actual', resaltada === i);
                    if (actual) li.setAttribute('aria-current', 'step');
                    else li.removeAttribute('aria-current');
                });
                const motivo = pc < 0 ? null : v.bloqueo(estado, h);
                const extra = pc < 0 ? null : v.nota ? v.nota(estado, h) : null;
                notas[h].textContent = pc < 0 ? 'Terminó.' : motivo ? `Bloqueado: ${motivo}.` : extra ? `${mayuscula(extra)}.` : '';
                notas[h].classList.toggle('planificador-bloqueado', Boolean(motivo));
                const puede = !roto && pc >= 0 && !motivo;
                // Un botón que recibe el foco no se desactiva con él dentro: se marca con
                // aria-disabled para no perder el foco del teclado.
                botones[h].disabled = !puede && document.activeElement !== botones[h];
                botones[h].setAttribute('aria-disabled', String(!puede));
                botones[h].title = puede ? `Da el paso resaltado del ${nombre}`
                    : pc < 0 ? `El ${nombre} ya terminó` : roto ? 'El invariante ya se rompió' : `Bloqueado: ${motivo}`;
            });
            resultado.textContent = '';
            resultado.className = 'planificador-resultado';
            if (roto) {
                const min = explorada(clave).camino;
                resultado.classList.add('planificador-roto');
                resultado.append(crear('p', 'planificador-aviso', `Invariante roto. ${roto}`));
                const cuenta = pasos === 1 ? '1 paso' : `${pasos} pasos`;
                const bastaban = min && min.length < pasos ? `; bastaban ${min.length}` : min ? ', el mínimo posible' : '';
                resultado.append(crear('p', null, `Lo lograste en ${cuenta}${bastaban}.`));
            } else if (vivos(estado).length === 0 || (clave === 'corregida' && pasos > 0)) {
                const ex = explorada(clave);
                if (vivos(estado).length === 0) {
                    resultado.classList.add('planificador-bien');
                    resultado.append(crear('p', null, `Todos terminaron en ${pasos} pasos y el invariante se cumple.`));
                }
                if (clave === 'corregida' && !ex.camino && ex.completa) {
                    resultado.append(crear('p', null, `Ningún orden la rompe: se han probado los ${ex.estados} ` +
                        'estados a los que se puede llegar.'));
                }
            }
        }

        function avanzar(h) {
            const v = escenario[clave];
            if (roto || estado.pc[h] < 0) return;
            const motivo = v.bloqueo(estado, h);
            if (motivo) {
                anuncio.textContent = `El ${v.nombres[h]} no puede avanzar: ${motivo}.`;
                return;
            }
            const linea = estado.pc[h];
            const texto = v.paso(estado, h);
            pasos += 1;
            historial.push(h);
            lista.append(crear('li', null, texto));
            roto = rotura(v, estado);
            if (roto && v.roto(estado)) rompio = { h, linea };
            anuncio.textContent = roto ? `${texto} Invariante roto en ${pasos} pasos.` : texto;
            pintar();
            if (roto) cambiar.focus();
        }

        reiniciar.addEventListener('click', () => {
            preparar();
            anuncio.textContent = 'Vuelta al principio.';
        });
        cambiar.addEventListener('click', () => {
            clave = clave === 'erronea' ? 'corregida' : 'erronea';
            preparar();
            anuncio.textContent = clave === 'corregida' ? 'Versión corregida: intenta romperla otra vez.'
                : 'Versión con el error.';
        });
        // Al salir el foco de un botón marcado como no disponible, se desactiva de verdad.
        carriles.addEventListener('focusout', () => setTimeout(pintar, 0));
        preparar();
        // Para las comprobaciones y para quien quiera mirar: el camino más corto al error.
        raiz.planificador = { explorar: explorada, avanzar, historial: () => historial.slice() };
    }

    function iniciar() {
        document.querySelectorAll('.planificador[data-escenario]').forEach(montar);
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', iniciar);
    } else {
        iniciar();
    }
})();
