// La prosa de las páginas del libro (sin bloques de código, código en línea, direcciones,
// etiquetas HTML ni directivas de mdBook), línea a línea: la leen ortografia.js y estilo.js.
'use strict';
const fs = require('fs');
const path = require('path');

function archivos(carpeta) {
    const lista = [];
    for (const e of fs.readdirSync(carpeta, { withFileTypes: true })) {
        const ruta = path.join(carpeta, e.name);
        if (e.isDirectory()) lista.push(...archivos(ruta));
        else if (e.name.endsWith('.md')) lista.push(ruta);
    }
    return lista.sort();
}

// Sustituye lo que casa con `patron` por espacios, conservando los saltos de línea (para
// que los números de línea de los avisos sigan siendo los del archivo).
const borrar = (texto, patron) => texto.replace(patron, m => m.replace(/[^\n]/g, ' '));

/** La prosa de un archivo Markdown, línea a línea (lo quitado queda en blanco). */
function prosa(texto) {
    let valla = null;
    const sinBloques = texto.split('\n').map(linea => {
        const apertura = linea.match(/^\s*(`{3,}|~{3,})/);
        if (valla !== null) {
            if (apertura && apertura[1][0] === valla[0] && apertura[1].length >= valla.length) valla = null;
            return '';
        }
        if (apertura) {
            valla = apertura[1];
            return '';
        }
        return linea;
    }).join('\n');
    let t = borrar(sinBloques, /<!--[\s\S]*?-->/g); // comentarios
    t = borrar(t, /(`+)[\s\S]*?\1/g); // código en línea, aunque ocupe varias líneas
    t = borrar(t, /<code>[\s\S]*?<\/code>/g); // código dentro de HTML
    t = borrar(t, /\]\([^)]*\)/g); // destino de un enlace o de una imagen
    return t.split('\n').map(l => l
        .replace(/\{\{#[^}]*\}\}/g, ' ') // {{#include …}}
        .replace(/^\s*\[[^\]]+\]:\s*\S+.*$/g, ' ') // definición de enlace
        .replace(/<[^>]+>/g, ' ') // etiquetas HTML
        .replace(/\b(?:https?|ftp):\/\/\S+/g, ' ') // direcciones sueltas
        .replace(/&[a-z]+;|&#\d+;/g, ' ') // entidades
        .replace(/\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]/g, ' ') // avisos
        .replace(/\b[\w.-]+\/[\w./-]+/g, ' ') // rutas como book/src/x.md
        .replace(/\b[\w-]+\.(rs|md|py|toml|json|svg|html|js|txt|lock|sh)\b/g, ' '));
}

module.exports = { archivos, prosa };
