// El tiempo de lectura de cada página, bajo su título: las palabras de la prosa (sin el
// código) a unas 200 por minuto, más medio minuto por cada bloque de código. Es una
// orientación para planificar una sesión, no una promesa.
(function () {
    'use strict';
    const main = document.querySelector('.content main');
    const titulo = main && main.querySelector('h1');
    // print.html junta todas las páginas: allí no tiene sentido.
    if (!titulo || document.querySelectorAll('.content main h1').length > 1) return;
    let palabras = 0;
    const recorrer = nodo => {
        for (const hijo of nodo.childNodes) {
            if (hijo.nodeType === Node.TEXT_NODE) {
                palabras += (hijo.nodeValue.match(/[\p{L}\p{N}]+/gu) || []).length;
            } else if (hijo.nodeType === Node.ELEMENT_NODE && !['PRE', 'SCRIPT', 'STYLE'].includes(hijo.tagName)) {
                recorrer(hijo);
            }
        }
    };
    recorrer(main);
    const bloques = main.querySelectorAll('pre').length;
    const minutos = Math.max(1, Math.round(palabras / 200 + bloques * 0.5));
    const nota = document.createElement('p');
    nota.className = 'tiempo-de-lectura';
    nota.textContent = minutos === 1 ? 'Lectura: 1 minuto' : `Lectura: unos ${minutos} minutos`;
    titulo.insertAdjacentElement('afterend', nota);
})();
