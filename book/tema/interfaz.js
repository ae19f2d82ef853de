// La interfaz de mdBook en español.
//
// El tema de mdBook 0.5 trae en inglés los botones, las descripciones emergentes, el
// buscador, la ayuda de teclado y los títulos de los avisos (`> [!NOTE]`). En vez de copiar
// y mantener sus plantillas, este guion traduce lo que encuentra en la página y lo que
// book.js y searcher.js añaden después (botones de los bloques de código, resultados de la
// búsqueda). Si una versión nueva de mdBook cambia un texto, ese texto se queda en inglés:
// nada se rompe. `.ci/libro` comprueba en un navegador que no queda ninguno de estos.
(function () {
    'use strict';

    // Atributos title, aria-label y placeholder.
    const ATRIBUTOS = {
        'Toggle Table of Contents': 'Mostrar u ocultar el índice',
        'Table of contents': 'Índice',
        'Change theme': 'Cambiar el tema',
        'Themes': 'Temas',
        'Search (`/`)': 'Buscar (`/`)',
        'Toggle Searchbar': 'Mostrar u ocultar la búsqueda',
        'Print this book': 'Imprimir el libro',
        'Git repository': 'Repositorio git',
        'Suggest an edit': 'Sugerir un cambio',
        'Search this book ...': 'Buscar en el libro…',
        'Search Result Teaser': 'Extracto del resultado',
        'Previous chapter': 'Capítulo anterior',
        'Next chapter': 'Capítulo siguiente',
        'Page navigation': 'Navegación entre páginas',
        'Show hidden lines': 'Mostrar las líneas ocultas',
        'Hide lines': 'Ocultar líneas',
        'Copy to clipboard': 'Copiar al portapapeles',
        'Run this code': 'Ejecutar este código',
        'Undo changes': 'Deshacer los cambios',
    };

    // Textos completos de ciertos elementos.
    const TEXTOS = [
        ['#mdbook-theme-list button', {
            'Auto': 'Automático', 'Light': 'Claro', 'Rust': 'Rust', 'Coal': 'Carbón',
            'Navy': 'Marino', 'Ayu': 'Ayu',
        }],
        ['.blockquote-tag-title', {
            'Note': 'Nota', 'Tip': 'Consejo', 'Important': 'Importante',
            'Warning': 'Advertencia', 'Caution': 'Precaución',
        }],
        ['code.result, .result', {
            'Running...': 'Ejecutando…', 'No output': 'Sin salida',
        }],
        ['.tooltiptext', { 'Copied!': '¡Copiado!', 'Clipboard error!': '¡Error al copiar!' }],
        ['.mdbook-help-title', { 'Keyboard shortcuts': 'Atajos de teclado' }],
        ['#document-not-found-404 a', { 'Document not found (404)': 'Página no encontrada (404)' }],
        ['main p', {
            'This URL is invalid, sorry. Please use the navigation bar or search to continue.':
                'Esta dirección no existe. Usa el índice o la búsqueda para seguir.',
        }],
    ];

    // La ayuda de teclado (`?`), párrafo a párrafo.
    const AYUDA = {
        'Press ← or → to navigate between chapters':
            'Pulsa <kbd>←</kbd> o <kbd>→</kbd> para pasar de capítulo',
        'Press S or / to search in the book':
            'Pulsa <kbd>S</kbd> o <kbd>/</kbd> para buscar en el libro',
        'Press ? to show this help': 'Pulsa <kbd>?</kbd> para ver esta ayuda',
        'Press Esc to hide this help': 'Pulsa <kbd>Esc</kbd> para ocultarla',
    };

    // book.js compara `boton.title` con el texto inglés para alternar algunos botones: la
    // propiedad sigue devolviendo el inglés y solo el atributo visible se traduce.
    const inglesDe = new WeakMap();
    function traducirTitulo(elemento) {
        const actual = elemento.getAttribute('title');
        inglesDe.set(elemento, actual);
        if (!Object.prototype.hasOwnProperty.call(elemento, 'title')) {
            Object.defineProperty(elemento, 'title', {
                configurable: true,
                get: () => inglesDe.get(elemento),
                set: valor => {
                    inglesDe.set(elemento, valor);
                    elemento.setAttribute('title', ATRIBUTOS[valor] || valor);
                },
            });
        }
        elemento.setAttribute('title', ATRIBUTOS[actual] || actual);
    }

    function traducirAtributos(raiz) {
        const elementos = raiz.querySelectorAll
            ? [raiz, ...raiz.querySelectorAll('[title], [aria-label], [placeholder]')]
            : [];
        for (const el of elementos) {
            if (!el.getAttribute) continue;
            const titulo = el.getAttribute('title');
            if (titulo !== null && ATRIBUTOS[titulo]) traducirTitulo(el);
            for (const atributo of ['aria-label', 'placeholder']) {
                const valor = el.getAttribute(atributo);
                if (valor !== null && ATRIBUTOS[valor]) el.setAttribute(atributo, ATRIBUTOS[valor]);
            }
        }
    }

    function traducirTextos() {
        for (const [selector, tabla] of TEXTOS) {
            for (const el of document.querySelectorAll(selector)) {
                for (const nodo of el.childNodes) {
                    if (nodo.nodeType !== Node.TEXT_NODE) continue;
                    const texto = nodo.nodeValue.trim();
                    if (tabla[texto] !== undefined) {
                        nodo.nodeValue = nodo.nodeValue.replace(texto, tabla[texto]);
                    }
                }
            }
        }
        // Un fallo al ejecutar en el playground: «Playground Communication: <error>».
        for (const el of document.querySelectorAll('code.result, .result')) {
            for (const nodo of el.childNodes) {
                if (nodo.nodeType === Node.TEXT_NODE && nodo.nodeValue.startsWith('Playground Communication:')) {
                    nodo.nodeValue = nodo.nodeValue.replace('Playground Communication:',
                        'No se pudo hablar con el playground:');
                }
            }
        }
        for (const p of document.querySelectorAll('#mdbook-help-popup p')) {
            const traduccion = AYUDA[p.textContent.trim()];
            if (traduccion) p.innerHTML = traduccion;
        }
    }

    // «3 search results for 'hilo':» y compañía.
    function traducirCabeceraBusqueda() {
        const cabecera = document.getElementById('mdbook-searchresults-header');
        if (!cabecera) return;
        const texto = cabecera.innerText;
        let m;
        let nuevo = null;
        if ((m = /^No search results for '(.*)'\.$/s.exec(texto))) {
            nuevo = `Ningún resultado para «${m[1]}».`;
        } else if ((m = /^1 search result for '(.*)':$/s.exec(texto))) {
            nuevo = `1 resultado para «${m[1]}»:`;
        } else if ((m = /^(\d+) search results for '(.*)':$/s.exec(texto))) {
            nuevo = `${m[1]} resultados para «${m[2]}»:`;
        }
        if (nuevo !== null) cabecera.innerText = nuevo;
    }

    function traducirTodo() {
        if (document.title.startsWith('Page not found')) {
            document.title = document.title.replace('Page not found', 'Página no encontrada');
        }
        traducirAtributos(document.body);
        traducirTextos();
        traducirCabeceraBusqueda();
    }

    traducirTodo();

    let pendiente = false;
    const observador = new MutationObserver(() => {
        if (pendiente) return;
        pendiente = true;
        // Una sola pasada por tanda de cambios, cuando book.js o searcher.js han terminado.
        queueMicrotask(() => {
            pendiente = false;
            observador.disconnect();
            traducirTodo();
            observar();
        });
    });
    function observar() {
        observador.observe(document.body, {
            subtree: true,
            childList: true,
            characterData: true,
            attributes: true,
            attributeFilter: ['title', 'aria-label', 'placeholder'],
        });
    }
    observar();
})();
