// Búsqueda en español para el libro del curso.
//
// `cargo curso libro` rehace el índice de búsqueda de mdBook con una tubería española
// (curso/src/buscador.rs) y lo marca con estos tres nombres. Este archivo registra las
// mismas funciones en elasticlunr.js, que las aplica a la consulta al cargar el índice:
//
//   trimmer-es         quita tildes y diéresis (la «ñ» se queda) y los signos de los bordes
//   stopWordFilter-es  descarta las palabras vacías (la lista viaja en el propio índice)
//   stemmer-es         el lematizador Snowball del español
//
// Así «semaforo» encuentra «semáforo», «interbloqueos» encuentra «interbloqueo» y
// «esperando» encuentra «esperar». El lematizador es una implementación propia del
// algoritmo publicado en https://snowballstem.org/algorithms/spanish/stemmer.html;
// .ci/libro comprueba que da las mismas raíces que el crate rust-stemmers en todo el
// vocabulario del libro.
(function () {
    'use strict';

    const PLEGADO = {
        'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a',
        'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
        'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i',
        'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o',
        'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u',
    };

    function plegar(texto) {
        return texto.replace(/[áàâäéèêëíìîïóòôöúùûü]/g, c => PLEGADO[c]);
    }

    function recortar(texto) {
        return texto
            .replace(/^[^\p{Alphabetic}\p{N}_]+/u, '')
            .replace(/[^\p{Alphabetic}\p{N}_]+$/u, '');
    }

    // ----- El algoritmo Snowball del español -----

    const VOCALES = 'aeiouáéíóúü';
    const esVocal = c => c !== undefined && VOCALES.includes(c);

    // Las regiones RV, R1 y R2 (posiciones en las que empiezan).
    function regiones(p) {
        const n = p.length;
        let rv = n;
        if (n >= 2) {
            if (esVocal(p[0]) === esVocal(p[1]) && esVocal(p[0])) {
                for (let i = 2; i < n; i++) {
                    if (!esVocal(p[i])) { rv = i + 1; break; }
                }
            } else if (!esVocal(p[1])) {
                for (let i = 2; i < n; i++) {
                    if (esVocal(p[i])) { rv = i + 1; break; }
                }
            } else if (n >= 3) {
                rv = 3;
            }
        }
        const tras = desde => {
            let i = desde;
            while (i < n && !esVocal(p[i])) i++;
            while (i < n && esVocal(p[i])) i++;
            return i < n ? i + 1 : n;
        };
        const r1 = tras(0);
        const r2 = tras(r1);
        return { rv, r1, r2 };
    }

    // El sufijo más largo de `lista` con el que termina `p` (y que empieza en `desde` o
    // después), o null.
    function sufijo(p, lista, desde = 0) {
        let mejor = null;
        for (const s of lista) {
            if (p.endsWith(s) && p.length - s.length >= desde &&
                (mejor === null || s.length > mejor.length)) {
                mejor = s;
            }
        }
        return mejor;
    }

    const PRONOMBRES = ['me', 'se', 'sela', 'selo', 'selas', 'selos', 'la', 'le', 'lo',
        'las', 'les', 'los', 'nos'];
    const ANTES_DEL_PRONOMBRE = {
        'iéndo': 'iendo', 'ándo': 'ando', 'ár': 'ar', 'ér': 'er', 'ír': 'ir',
        'ando': '', 'iendo': '', 'ar': '', 'er': '', 'ir': '', 'yendo': '',
    };

    const ESTANDAR = [
        [['anza', 'anzas', 'ico', 'ica', 'icos', 'icas', 'ismo', 'ismos', 'able', 'ables',
            'ible', 'ibles', 'ista', 'istas', 'oso', 'osa', 'osos', 'osas', 'amiento',
            'amientos', 'imiento', 'imientos'], 'borrar'],
        [['adora', 'ador', 'ación', 'adoras', 'adores', 'aciones', 'ante', 'antes', 'ancia',
            'ancias'], 'borrar-ic'],
        [['logía', 'logías'], 'log'],
        [['ución', 'uciones'], 'u'],
        [['encia', 'encias'], 'ente'],
        [['amente'], 'amente'],
        [['mente'], 'mente'],
        [['idad', 'idades'], 'idad'],
        [['iva', 'ivo', 'ivas', 'ivos'], 'iva'],
    ];
    const TODOS_ESTANDAR = ESTANDAR.flatMap(([lista]) => lista);
    const REGLA_ESTANDAR = new Map(ESTANDAR.flatMap(([lista, regla]) =>
        lista.map(s => [s, regla])));

    const Y_VERBO = ['ya', 'ye', 'yan', 'yen', 'yeron', 'yendo', 'yo', 'yó', 'yas', 'yes',
        'yais', 'yamos'];
    const VERBO_GU = ['en', 'es', 'éis', 'emos'];
    const VERBO = VERBO_GU.concat([
        'arían', 'arías', 'arán', 'arás', 'aríais', 'aría', 'aréis', 'aríamos', 'aremos',
        'ará', 'aré', 'erían', 'erías', 'erán', 'erás', 'eríais', 'ería', 'eréis',
        'eríamos', 'eremos', 'erá', 'eré', 'irían', 'irías', 'irán', 'irás', 'iríais',
        'iría', 'iréis', 'iríamos', 'iremos', 'irá', 'iré', 'aba', 'ada', 'ida', 'ía',
        'ara', 'iera', 'ad', 'ed', 'id', 'ase', 'iese', 'aste', 'iste', 'an', 'aban', 'ían',
        'aran', 'ieran', 'asen', 'iesen', 'aron', 'ieron', 'ado', 'ido', 'ando', 'iendo',
        'ió', 'ar', 'er', 'ir', 'as', 'abas', 'adas', 'idas', 'ías', 'aras', 'ieras', 'ases',
        'ieses', 'ís', 'áis', 'abais', 'íais', 'arais', 'ierais', 'aseis', 'ieseis',
        'asteis', 'isteis', 'ados', 'idos', 'amos', 'ábamos', 'íamos', 'imos', 'áramos',
        'iéramos', 'iésemos', 'ásemos',
    ]);
    const RESIDUAL = ['os', 'a', 'o', 'á', 'í', 'ó', 'e', 'é'];

    const quitar = (p, s) => p.slice(0, p.length - s.length);

    function pronombre(p, rv) {
        const pro = sufijo(p, PRONOMBRES);
        if (pro === null) return p;
        const base = quitar(p, pro);
        const verbo = sufijo(base, Object.keys(ANTES_DEL_PRONOMBRE));
        if (verbo === null || base.length - verbo.length < rv) return p;
        if (verbo === 'yendo') {
            return quitar(base, verbo).endsWith('u') ? base : p;
        }
        const nuevo = ANTES_DEL_PRONOMBRE[verbo];
        return nuevo === '' ? base : quitar(base, verbo) + nuevo;
    }

    // Devuelve la palabra sin el sufijo, o null si la regla no se aplica.
    function estandar(p, { r1, r2 }) {
        const s = sufijo(p, TODOS_ESTANDAR);
        if (s === null) return null;
        const inicio = p.length - s.length;
        const regla = REGLA_ESTANDAR.get(s);
        const enR2 = (q, t) => q.endsWith(t) && q.length - t.length >= r2;
        let q = quitar(p, s);
        switch (regla) {
        case 'borrar':
            return inicio >= r2 ? q : null;
        case 'borrar-ic':
            if (inicio < r2) return null;
            return enR2(q, 'ic') ? quitar(q, 'ic') : q;
        case 'log':
            return inicio >= r2 ? q + 'log' : null;
        case 'u':
            return inicio >= r2 ? q + 'u' : null;
        case 'ente':
            return inicio >= r2 ? q + 'ente' : null;
        case 'amente': {
            if (inicio < r1) return null;
            const t = sufijo(q, ['iv', 'os', 'ic', 'ad']);
            if (t !== null && q.length - t.length >= r2) {
                q = quitar(q, t);
                if (t === 'iv' && enR2(q, 'at')) q = quitar(q, 'at');
            }
            return q;
        }
        case 'mente': {
            if (inicio < r2) return null;
            const t = sufijo(q, ['ante', 'able', 'ible']);
            return t !== null && q.length - t.length >= r2 ? quitar(q, t) : q;
        }
        case 'idad': {
            if (inicio < r2) return null;
            const t = sufijo(q, ['abil', 'ic', 'iv']);
            return t !== null && q.length - t.length >= r2 ? quitar(q, t) : q;
        }
        case 'iva':
            if (inicio < r2) return null;
            return enR2(q, 'at') ? quitar(q, 'at') : q;
        }
        return null;
    }

    function yVerbo(p, rv) {
        const s = sufijo(p, Y_VERBO, rv);
        if (s === null) return null;
        const q = quitar(p, s);
        return q.endsWith('u') ? q : null;
    }

    function verbo(p, rv) {
        const s = sufijo(p, VERBO, rv);
        if (s === null) return null;
        let q = quitar(p, s);
        if (VERBO_GU.includes(s) && q.endsWith('gu')) q = q.slice(0, -1);
        return q;
    }

    function residual(p, rv) {
        const s = sufijo(p, RESIDUAL);
        if (s === null || p.length - s.length < rv) return p;
        let q = quitar(p, s);
        if ((s === 'e' || s === 'é') && q.endsWith('gu') && q.length - 1 >= rv) {
            q = q.slice(0, -1);
        }
        return q;
    }

    const SIN_TILDE = { 'á': 'a', 'é': 'e', 'í': 'i', 'ó': 'o', 'ú': 'u' };

    function lematizar(palabra) {
        const reg = regiones(palabra);
        let p = pronombre(palabra, reg.rv);
        p = estandar(p, reg) ?? yVerbo(p, reg.rv) ?? verbo(p, reg.rv) ?? p;
        p = residual(p, reg.rv);
        return p.replace(/[áéíóú]/g, c => SIN_TILDE[c]);
    }

    // ----- La tubería de elasticlunr -----

    let vacias = null;
    function esVacia(palabra) {
        if (vacias === null) {
            const lista = (typeof window !== 'undefined' && window.search &&
                window.search.palabras_vacias) || [];
            if (lista.length === 0) return false; // aún no se ha cargado el índice
            vacias = new Set(lista);
        }
        return vacias.has(palabra);
    }

    function recortador(trozo) {
        const limpio = recortar(plegar(trozo));
        return limpio === '' ? undefined : limpio;
    }
    function filtroVacias(trozo) {
        return esVacia(trozo) ? undefined : trozo;
    }
    function lematizador(trozo) {
        return lematizar(trozo);
    }

    const api = { plegar, recortar, lematizar, recortador, filtroVacias, lematizador };
    if (typeof module !== 'undefined' && module.exports) {
        // Para comprobarlo en Node contra el lematizador de Rust.
        module.exports = api;
    }
    if (typeof elasticlunr === 'undefined') return;

    elasticlunr.Pipeline.registerFunction(recortador, 'trimmer-es');
    elasticlunr.Pipeline.registerFunction(filtroVacias, 'stopWordFilter-es');
    elasticlunr.Pipeline.registerFunction(lematizador, 'stemmer-es');
    // Para resaltar hace falta saber si una palabra es vacía antes de que se cargue el
    // índice (que trae la lista completa): mientras tanto valen las más frecuentes, todas
    // de esa lista.
    const VACIAS_FRECUENTES = new Set(['a', 'al', 'de', 'del', 'e', 'el', 'en', 'la', 'las',
        'lo', 'los', 'o', 'u', 'y', 'un', 'una', 'unos', 'unas', 'por', 'para', 'con', 'que',
        'se', 'su', 'sus', 'es', 'son', 'sin', 'sobre', 'entre', 'como']);
    function noSeResalta(trozo) {
        const limpio = recortador(trozo.toLowerCase());
        if (limpio === undefined) return true;
        return esVacia(limpio) || VACIAS_FRECUENTES.has(limpio);
    }

    // searcher.js resalta en el extracto las palabras que comparten raíz con la consulta
    // llamando a `elasticlunr.stemmer`: que lo haga también en español, y que una palabra
    // vacía («de», «del») no se resalte, ni resalte todo lo que empieza igual («desde»).
    let distinta = 0;
    elasticlunr.stemmer = trozo => {
        if (noSeResalta(trozo)) return `\u0000${distinta++}`;
        return lematizar(recortador(trozo.toLowerCase()));
    };

    // Al llegar desde un resultado (`?highlight=…`), mark.js ya ha marcado en la página
    // cada palabra de la consulta, también dentro de otras palabras: se quitan las marcas
    // de las palabras vacías.
    function desmarcarVacias() {
        for (const marca of document.querySelectorAll('main mark')) {
            if (noSeResalta(marca.textContent)) {
                const padre = marca.parentNode;
                marca.replaceWith(document.createTextNode(marca.textContent));
                padre.normalize();
            }
        }
    }
    desmarcarVacias();
    if (typeof document !== 'undefined') document.addEventListener('DOMContentLoaded', desmarcarVacias);
})();
