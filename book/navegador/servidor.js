// Un servidor de archivos estáticos mínimo para book/html, solo en 127.0.0.1.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const TIPOS = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.ico': 'image/x-icon',
    '.woff': 'font/woff',
    '.woff2': 'font/woff2',
    '.ttf': 'font/ttf',
    '.txt': 'text/plain; charset=utf-8',
    '.zip': 'application/zip',
};

/** Sirve `carpeta` en un puerto libre de 127.0.0.1; devuelve { url, cerrar }. */
function servir(carpeta) {
    const servidor = http.createServer((peticion, respuesta) => {
        let ruta = decodeURIComponent(new URL(peticion.url, 'http://127.0.0.1').pathname);
        let archivo = path.join(carpeta, path.normalize(ruta));
        if (!archivo.startsWith(carpeta)) {
            respuesta.writeHead(403).end();
            return;
        }
        if (fs.existsSync(archivo) && fs.statSync(archivo).isDirectory()) {
            archivo = path.join(archivo, 'index.html');
        }
        let estado = 200;
        if (!fs.existsSync(archivo)) {
            estado = 404;
            archivo = path.join(carpeta, '404.html');
        }
        const tipo = TIPOS[path.extname(archivo)] || 'application/octet-stream';
        respuesta.writeHead(estado, { 'Content-Type': tipo });
        fs.createReadStream(archivo).pipe(respuesta);
    });
    return new Promise(resolver => {
        servidor.listen(0, '127.0.0.1', () => {
            resolver({
                url: `http://127.0.0.1:${servidor.address().port}/`,
                cerrar: () => new Promise(r => servidor.close(r)),
            });
        });
    });
}

module.exports = { servir };
