// Figuras a tamaño completo.
//
// Los diagramas y gráficos del libro miden de 520 a 900 px de ancho; en un teléfono se ven
// a menos de la mitad y su texto no se lee. Tocar (o pulsar) una figura reducida la abre en
// un visor a su tamaño natural, con desplazamiento lateral si no cabe; Esc, el botón
// «Cerrar» o tocarla otra vez la cierran. `.ci/libro` (book/navegador/figuras.js) comprueba
// que ningún texto queda por debajo de 11 px ni en la página ni en el visor.
(function () {
    'use strict';

    // La anchura de dibujo de un SVG (su viewBox o su atributo width), para abrirlo a
    // escala 1 aunque el archivo no declare anchura.
    const anchuras = new Map();
    function anchuraNatural(img) {
        const src = img.currentSrc || img.src;
        if (anchuras.has(src)) return Promise.resolve(anchuras.get(src));
        return fetch(src)
            .then(r => r.text())
            .then(texto => {
                const svg = (texto.match(/<svg[^>]*>/) || [''])[0];
                const ancho = /\swidth="([\d.]+)"/.exec(svg);
                const caja = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)/.exec(svg);
                const valor = ancho ? parseFloat(ancho[1]) : caja ? parseFloat(caja[1]) : img.naturalWidth;
                anchuras.set(src, valor);
                return valor;
            })
            .catch(() => img.naturalWidth);
    }

    let visor = null;
    let anterior = null;
    function cerrar() {
        if (!visor) return;
        visor.remove();
        visor = null;
        document.removeEventListener('keydown', alPulsar, true);
        if (anterior) anterior.focus();
    }
    function alPulsar(e) {
        if (e.key === 'Escape') {
            e.stopPropagation();
            e.preventDefault();
            cerrar();
        }
    }

    function abrir(img) {
        cerrar();
        anterior = img;
        visor = document.createElement('div');
        visor.className = 'visor-figura';
        visor.setAttribute('role', 'dialog');
        visor.setAttribute('aria-modal', 'true');
        visor.setAttribute('aria-label', img.alt || 'Figura');
        const titulo = document.createElement('p');
        titulo.textContent = 'Figura a tamaño completo: desplázala para verla entera.';
        const boton = document.createElement('button');
        boton.type = 'button';
        boton.textContent = 'Cerrar';
        boton.addEventListener('click', cerrar);
        const grande = document.createElement('img');
        grande.src = img.currentSrc || img.src;
        grande.alt = img.alt;
        grande.addEventListener('click', cerrar);
        visor.append(titulo, boton, grande);
        visor.addEventListener('click', e => { if (e.target === visor) cerrar(); });
        document.body.appendChild(visor);
        document.addEventListener('keydown', alPulsar, true);
        anchuraNatural(img).then(ancho => {
            if (visor && grande.isConnected) grande.style.width = `${ancho}px`;
            // En un teléfono no hace falta el aviso si la figura ya cabe.
            if (visor && ancho <= window.innerWidth) titulo.textContent = '';
        });
        boton.focus();
    }

    function preparar() {
        const imagenes = document.querySelectorAll('.content main img');
        for (const img of imagenes) {
            if (img.closest('a')) continue;
            img.classList.add('figura-ampliable');
            img.setAttribute('tabindex', '0');
            img.setAttribute('role', 'button');
            img.setAttribute('title', 'Ver la figura a tamaño completo');
            img.addEventListener('click', () => abrir(img));
            img.addEventListener('keydown', e => {
                if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    abrir(img);
                }
            });
        }
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', preparar);
    } else {
        preparar();
    }
})();
