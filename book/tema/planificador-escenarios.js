// Los escenarios de «Tú eres el planificador» (book/tema/planificador.js los dibuja).
//
// Cada escenario es un error clásico del libro con dos versiones: la que tiene el error y
// la corregida. Una versión describe sus hilos como listas de pasos pequeños (el código
// de la propia página, partido por donde otro hilo puede colarse) y su estado compartido
// como un objeto JSON, para que el motor pueda copiarlo y explorar todos los órdenes:
//   nombres  los hilos, en el orden de sus carriles;
//   codigo   por hilo, las líneas que se resaltan;
//   inicial  el estado de partida; `pc[h]` es la línea siguiente del hilo h (-1: terminó);
//   bloqueo  (e, h) → por qué el hilo h no puede avanzar ahora, o null;
//   paso     (e, h) → da el paso del hilo h sobre e (ya copiado) y dice qué pasó;
//   roto     (e) → el invariante roto, en español, o null;
//   vista    (e) → las filas del estado compartido que se enseñan.
// Si todos los hilos que quedan están bloqueados, el motor lo da por roto (interbloqueo);
// `atasco` (e), si existe, lo explica. Los pasos deben ser deterministas: la exploración
// del motor calcula con ellos el camino más corto al error y demuestra que la versión
// corregida no tiene ninguno.
(function () {
    'use strict';
    const E = (window.PLANIFICADOR_ESCENARIOS = window.PLANIFICADOR_ESCENARIOS || {});

    // --- El contador del tutorial (cerrojos/original.md) ----------------------------------
    // `contador.value += 1` sobre un multiprocessing.Value son tres pasos; con dos procesos
    // que leen el mismo valor, un incremento se pierde.
    const procesos = ['proceso 1', 'proceso 2'];
    function pasoContador(e, h, base) {
        const quien = procesos[h];
        const linea = e.pc[h] - base;
        if (linea === 0) {
            e.v[h] = e.contador;
            e.leido[h] = e.contador;
            e.pc[h] += 1;
            return `El ${quien} lee contador.value: ${e.contador}.`;
        }
        if (linea === 1) {
            e.v[h] += 1;
            e.pc[h] += 1;
            return `El ${quien} suma uno en su copia: v = ${e.v[h]}.`;
        }
        const antes = e.contador;
        e.contador = e.v[h];
        e.sumas += 1;
        if (antes !== e.leido[h]) e.perdido = { h, antes, escrito: e.v[h] };
        e.pc[h] += 1;
        return `El ${quien} escribe contador.value = ${e.v[h]}` +
            (antes !== e.leido[h] ? `, encima del ${antes} que no llegó a leer.` : '.');
    }
    function rotoContador(e) {
        if (!e.perdido) return null;
        const otro = procesos[1 - e.perdido.h];
        return `Se perdió un incremento: el ${procesos[e.perdido.h]} leyó el valor antes de que ` +
            `el ${otro} escribiera el suyo, y lo ha pisado. contador.value vale ${e.contador} ` +
            `después de ${e.sumas} sumas.`;
    }
    const vistaContador = e => [
        ['contador.value', String(e.contador)],
        ['v del proceso 1', e.v[0] === null ? '—' : String(e.v[0])],
        ['v del proceso 2', e.v[1] === null ? '—' : String(e.v[1])],
    ];
    const pasosContador = [
        'v = contador.value    # leer',
        'v = v + 1             # sumar',
        'contador.value = v    # escribir',
    ];
    E.contador = {
        titulo: 'El contador del tutorial',
        objetivo: 'Haz que se pierda un incremento: tras las dos sumas, contador.value debería valer 2.',
        erronea: {
            etiqueta: 'contador.value += 1 sin cerrojo',
            nombres: procesos,
            codigo: [pasosContador, pasosContador],
            inicial: { pc: [0, 0], contador: 0, v: [null, null], leido: [null, null], sumas: 0, perdido: null },
            bloqueo: () => null,
            paso: (e, h) => {
                const texto = pasoContador(e, h, 0);
                if (e.pc[h] === 3) e.pc[h] = -1;
                return texto;
            },
            roto: rotoContador,
            vista: vistaContador,
        },
        corregida: {
            etiqueta: 'con contador.get_lock()',
            explicacion: 'Con el cerrojo, leer, sumar y escribir son una sola sección crítica: ' +
                'el otro proceso espera en el with hasta que el primero ha escrito.',
            nombres: procesos,
            codigo: [0, 1].map(() => ['with contador.get_lock():',
                ...pasosContador.map(l => '    ' + l), '# fin del with: suelta el cerrojo']),
            inicial: { pc: [0, 0], contador: 0, v: [null, null], leido: [null, null], sumas: 0, perdido: null, cerrojo: null },
            bloqueo: (e, h) => (e.pc[h] === 0 && e.cerrojo !== null
                ? `espera el cerrojo, que tiene el ${procesos[e.cerrojo]}` : null),
            paso: (e, h) => {
                if (e.pc[h] === 0) {
                    e.cerrojo = h;
                    e.pc[h] = 1;
                    return `El ${procesos[h]} adquiere el cerrojo.`;
                }
                if (e.pc[h] === 4) {
                    e.cerrojo = null;
                    e.pc[h] = -1;
                    return `El ${procesos[h]} sale del with y suelta el cerrojo.`;
                }
                return pasoContador(e, h, 1);
            },
            roto: rotoContador,
            vista: e => [...vistaContador(e),
                ['cerrojo', e.cerrojo === null ? 'libre' : `lo tiene el ${procesos[e.cerrojo]}`]],
        },
    };

    // --- Comprobar y actuar: las reservas (cerrojos/carreras.md) -----------------------
    // Dos clientes y una plaza. «¿Queda sitio?» y «me la quedo» ocurren en dos secciones
    // críticas; entre las dos, el cerrojo está libre y el otro cliente comprueba lo mismo.
    const clientes = ['cliente Ana', 'cliente Luis'];
    const nombresPasajeros = ['Ana', 'Luis'];
    function reservas(unaGuarda) {
        const codigo = unaGuarda
            ? ['let mut estado = self.estado.adquirir();',
                'if estado.pasajeros.len() >= estado.plazas {\n    return None; // suelta el cerrojo\n}',
                'estado.pasajeros.push(cliente.to_string());',
                'Some(estado.pasajeros.len()) // suelta el cerrojo']
            : ['let hay_sitio = {\n    let estado = self.estado.adquirir();\n' +
                '    estado.pasajeros.len() < estado.plazas\n}; // el cerrojo queda libre',
            'if !hay_sitio { return None; }',
            'let mut estado = self.estado.adquirir();',
            'estado.pasajeros.push(cliente.to_string());',
            'Some(estado.pasajeros.len()) // suelta el cerrojo'];
        // Las líneas que adquieren el cerrojo, y la que lo suelta al terminar.
        const adquiere = unaGuarda ? [0] : [0, 2];
        const meter = unaGuarda ? 2 : 3;
        return {
            etiqueta: unaGuarda ? 'una sola guarda para comprobar y actuar' : 'comprobar y actuar con dos guardas',
            explicacion: unaGuarda
                ? 'Con una sola guarda, nadie puede comprobar entre la comprobación y la reserva ' +
                  'de otro: el segundo cliente ve el vuelo lleno.'
                : undefined,
            nombres: clientes,
            codigo: [codigo, codigo],
            inicial: { pc: [0, 0], plazas: 1, pasajeros: [], cerrojo: null, hay_sitio: [null, null] },
            bloqueo: (e, h) => (adquiere.includes(e.pc[h]) && e.cerrojo !== null && e.cerrojo !== h
                ? `espera el cerrojo, que tiene el ${clientes[e.cerrojo]}` : null),
            paso: (e, h) => {
                const quien = clientes[h];
                const pc = e.pc[h];
                if (!unaGuarda && pc === 0) {
                    e.hay_sitio[h] = e.pasajeros.length < e.plazas;
                    e.pc[h] = 1;
                    return `El ${quien} adquiere el cerrojo, ve ${e.pasajeros.length} de ${e.plazas} ` +
                        `plazas ocupadas y lo suelta: hay_sitio = ${e.hay_sitio[h]}.`;
                }
                if (adquiere.includes(pc)) {
                    e.cerrojo = h;
                    e.pc[h] += 1;
                    return `El ${quien} adquiere el cerrojo.`;
                }
                if (pc === 1) {
                    const lleno = unaGuarda ? e.pasajeros.length >= e.plazas : !e.hay_sitio[h];
                    if (lleno) {
                        if (unaGuarda) e.cerrojo = null;
                        e.pc[h] = -1;
                        return `El ${quien} ve el vuelo lleno y se va sin plaza.`;
                    }
                    e.pc[h] += 1;
                    return unaGuarda ? `El ${quien} ve que queda sitio, con el cerrojo en la mano.`
                        : `El ${quien} sigue: cuando miró, quedaba sitio.`;
                }
                if (pc === meter) {
                    e.pasajeros.push(nombresPasajeros[h]);
                    e.pc[h] += 1;
                    return `El ${quien} se queda la plaza ${e.pasajeros.length}.`;
                }
                e.cerrojo = null;
                e.pc[h] = -1;
                return `El ${quien} suelta el cerrojo con su reserva hecha.`;
            },
            roto: e => (e.pasajeros.length <= e.plazas ? null
                : `${e.pasajeros.length} pasajeros (${e.pasajeros.join(' y ')}) en un vuelo de ` +
                  `${e.plazas} plaza: los dos comprobaron que quedaba sitio antes de que ninguno ` +
                  'reservara, y entre comprobar y reservar el cerrojo estaba libre.'),
            vista: e => [
                ['plazas', String(e.plazas)],
                ['pasajeros', e.pasajeros.length ? `[${e.pasajeros.join(', ')}]` : '[]'],
                ['cerrojo', e.cerrojo === null ? 'libre' : `lo tiene el ${clientes[e.cerrojo]}`],
                ...(unaGuarda ? [] : clientes.map((c, h) => [`hay_sitio (${nombresPasajeros[h]})`,
                    e.hay_sitio[h] === null ? '—' : String(e.hay_sitio[h])])),
            ],
        };
    }
    E.reservas = {
        titulo: 'La última plaza',
        objetivo: 'Haz que se vendan dos plazas en un vuelo que solo tiene una.',
        erronea: reservas(false),
        corregida: reservas(true),
    };

    // --- if en lugar de while alrededor de wait (semaforos/condvar.md) ------------------
    // A y B adquieren, C y D liberan un permiso cada uno. Con `if`, A despierta por el
    // aviso de C, pero B se lleva el permiso antes de que A recupere el cerrojo, y A resta
    // de cero sin volver a mirar.
    const hilosSemaforo = ['hilo A', 'hilo B', 'hilo C', 'hilo D'];
    function semaforo(conWhile) {
        const adquirir = [
            'let mut p = permisos.lock().unwrap();',
            conWhile ? 'while *p == 0 {' : 'if *p == 0 {',
            '    p = cambio.wait(p).unwrap();',
            '}',
            '*p -= 1;',
            'drop(p); // entra con su permiso',
        ];
        const liberar = [
            'let mut p = permisos.lock().unwrap();',
            '*p += 1;',
            'cambio.notify_one();',
            'drop(p);',
        ];
        const esAdquirir = h => h < 2;
        return {
            etiqueta: conWhile ? 'while alrededor de wait' : 'if alrededor de wait',
            explicacion: conWhile
                ? 'Con while, quien despierta vuelve a mirar los permisos con el cerrojo ' +
                  'adquirido: si otro se le adelantó, se duerme otra vez.'
                : undefined,
            nombres: hilosSemaforo,
            codigo: [adquirir, adquirir, liberar, liberar],
            // dormidos: la cola de la Condvar; avisado[h]: despertó y debe recuperar el cerrojo.
            inicial: { pc: [0, 0, 0, 0], permisos: 0, cerrojo: null, dormidos: [],
                avisado: [false, false, false, false], negativo: null },
            bloqueo: (e, h) => {
                const ocupado = e.cerrojo !== null && e.cerrojo !== h;
                if (esAdquirir(h) && e.pc[h] === 2 && e.dormidos.includes(h)) {
                    return 'duerme en cambio.wait: espera un notify_one';
                }
                if ((e.pc[h] === 0 || e.avisado[h]) && ocupado) {
                    return `${e.avisado[h] ? 'despertó; ' : ''}espera el cerrojo, que tiene el ` +
                        hilosSemaforo[e.cerrojo];
                }
                return null;
            },
            paso: (e, h) => {
                const quien = hilosSemaforo[h];
                const pc = e.pc[h];
                if (pc === 0) {
                    e.cerrojo = h;
                    e.pc[h] = 1;
                    return `El ${quien} adquiere el cerrojo.`;
                }
                if (!esAdquirir(h)) {
                    if (pc === 1) {
                        e.permisos += 1;
                        e.pc[h] = 2;
                        return `El ${quien} suma un permiso: quedan ${e.permisos}.`;
                    }
                    if (pc === 2) {
                        e.pc[h] = 3;
                        const despierto = e.dormidos.shift();
                        if (despierto === undefined) return `El ${quien} avisa, pero no duerme nadie: el aviso se pierde.`;
                        e.avisado[despierto] = true;
                        return `El ${quien} avisa con notify_one y despierta al ${hilosSemaforo[despierto]}.`;
                    }
                    e.cerrojo = null;
                    e.pc[h] = -1;
                    return `El ${quien} suelta el cerrojo y termina.`;
                }
                if (pc === 1) {
                    e.pc[h] = e.permisos === 0 ? 2 : 4;
                    return `El ${quien} mira los permisos: ${e.permisos}` +
                        (e.permisos === 0 ? ', tiene que esperar.' : ', no espera.');
                }
                if (pc === 2 && !e.avisado[h]) {
                    e.dormidos.push(h);
                    e.cerrojo = null;
                    return `El ${quien} se duerme en wait y suelta el cerrojo.`;
                }
                if (pc === 2) {
                    e.avisado[h] = false;
                    e.cerrojo = h;
                    e.pc[h] = conWhile ? 1 : 4;
                    return `El ${quien} sale de wait con el cerrojo` +
                        (conWhile ? ' y vuelve a mirar los permisos.' : ' y, con if, no vuelve a mirar.');
                }
                if (pc === 4) {
                    if (e.permisos === 0) {
                        // Se queda en la línea que rompe el invariante, resaltada.
                        e.negativo = h;
                        return `El ${quien} resta un permiso de 0.`;
                    }
                    e.permisos -= 1;
                    e.pc[h] = 5;
                    return `El ${quien} toma un permiso: quedan ${e.permisos}.`;
                }
                e.cerrojo = null;
                e.pc[h] = -1;
                return `El ${quien} suelta el cerrojo y entra.`;
            },
            roto: e => (e.negativo === null ? null
                : `El ${hilosSemaforo[e.negativo]} ha restado un permiso de 0: con usize, un pánico ` +
                  'por desbordamiento (o un número enorme de permisos en modo optimizado). ' +
                  'Despertó por un aviso, pero otro hilo se llevó el permiso antes de que ' +
                  'recuperara el cerrojo, y el if no volvió a mirar.'),
            vista: e => [
                ['permisos', String(e.permisos)],
                ['cerrojo', e.cerrojo === null ? 'libre' : `lo tiene el ${hilosSemaforo[e.cerrojo]}`],
                ['duermen en cambio', e.dormidos.length ? e.dormidos.map(d => hilosSemaforo[d]).join(', ') : 'nadie'],
            ],
            nota: (e, h) => (esAdquirir(h) && e.pc[h] === 2 && e.avisado[h]
                ? 'despertó: recupera el cerrojo al volver de wait' : null),
        };
    }
    E.espera = {
        titulo: 'if en lugar de while',
        objetivo: 'Haz que un hilo reste un permiso que no existe. Los hilos A y B adquieren; ' +
            'C y D liberan uno cada uno.',
        erronea: semaforo(false),
        corregida: semaforo(true),
    };
    // --- Los filósofos (filosofos/interbloqueo.md y orden.md) ----------------------------
    // Cinco filósofos, cinco tenedores; cada uno come una vez. Si los cinco toman el
    // izquierdo antes de que ninguno tome el derecho, el ciclo se cierra.
    const N = 5;
    const filosofos = [0, 1, 2, 3, 4].map(f => `filósofo ${f}`);
    function mesa(enOrden) {
        const tenedoresDe = f => {
            const a = f;
            const b = (f + 1) % N;
            return enOrden ? [Math.min(a, b), Math.max(a, b)] : [a, b];
        };
        const codigo = enOrden
            ? ['let mut primero = tenedores[menor].lock().unwrap();',
                'let mut segundo = tenedores[mayor].lock().unwrap();',
                '// come; los dos se sueltan al salir']
            : ['let _izquierdo = tenedores[f].lock().unwrap();',
                'let _derecho = tenedores[(f + 1) % N].lock().unwrap();',
                '// come; los dos se sueltan al salir'];
        return {
            etiqueta: enOrden ? 'un orden global: primero el menor' : 'primero el izquierdo',
            explicacion: enOrden
                ? 'Cada filósofo toma primero el tenedor de número menor: el 4 empieza por el 0, ' +
                  'compite por él con el 0, y el ciclo no puede cerrarse.'
                : undefined,
            nombres: filosofos,
            codigo: filosofos.map(() => codigo),
            detalle: f => {
                const [x, y] = tenedoresDe(f);
                return enOrden ? `menor = ${x}, mayor = ${y}` : `f = ${f}: tenedores ${x} y ${y}`;
            },
            inicial: { pc: [0, 0, 0, 0, 0], dueno: [null, null, null, null, null], comidas: 0 },
            bloqueo: (e, f) => {
                if (e.pc[f] > 1) return null;
                const t = tenedoresDe(f)[e.pc[f]];
                return e.dueno[t] === null ? null
                    : `espera el tenedor ${t}, que tiene el filósofo ${e.dueno[t]}`;
            },
            paso: (e, f) => {
                const [x, y] = tenedoresDe(f);
                if (e.pc[f] < 2) {
                    const t = e.pc[f] === 0 ? x : y;
                    e.dueno[t] = f;
                    e.pc[f] += 1;
                    return `El filósofo ${f} toma el tenedor ${t}.`;
                }
                e.dueno[x] = null;
                e.dueno[y] = null;
                e.comidas += 1;
                e.pc[f] = -1;
                return `El filósofo ${f} come y suelta los tenedores ${x} y ${y}.`;
            },
            roto: () => null,
            atasco: e => 'Interbloqueo: ' + filosofos
                .map((_, f) => f)
                .filter(f => e.pc[f] >= 0)
                .map(f => {
                    const t = tenedoresDe(f)[e.pc[f]];
                    return `el filósofo ${f} espera el tenedor ${t}, que tiene el filósofo ${e.dueno[t]}`;
                })
                .join('; ') + '. Es un ciclo de esperas: nadie soltará nada nunca.',
            vista: e => [
                ...e.dueno.map((d, t) => [`tenedor ${t}`, d === null ? 'libre' : `filósofo ${d}`]),
                ['han comido', `${e.comidas} de ${N}`],
            ],
        };
    }
    E.filosofos = {
        titulo: 'Los cinco filósofos',
        objetivo: 'Haz que la cena se quede parada para siempre: que nadie pueda dar un paso más.',
        erronea: mesa(false),
        corregida: mesa(true),
    };

    // --- La inanición del escritor (lectores-escritores/politicas.md) -------------------
    // Dos lectores que entran y salen sin parar y un escritor. Con preferencia por los
    // lectores, si siempre queda alguno dentro, el escritor no entra nunca.
    const ADELANTOS = 3;
    const personas = ['lector 1', 'lector 2', 'escritor'];
    function sala(prefiereEscritores) {
        const lector = prefiereEscritores
            ? ['entrar(); // espera si hay un escritor dentro o esperando',
                'salir();  // lectores -= 1; el último avisa']
            : ['entrar(); // espera solo si hay un escritor dentro',
                'salir();  // lectores -= 1; el último avisa'];
        const escritor = [
            prefiereEscritores ? 'escritores_esperando += 1; // cierra la puerta'
                : 'quiere_escribir(); // llega a la puerta',
            'entrar(); // espera mientras haya alguien dentro',
            'salir();  // el escritor deja la sala',
        ];
        return {
            etiqueta: prefiereEscritores ? 'preferencia por los escritores' : 'preferencia por los lectores',
            explicacion: prefiereEscritores
                ? 'Un escritor que espera cierra la puerta a los lectores nuevos: los de dentro ' +
                  'salen, la sala se vacía y el escritor entra.'
                : undefined,
            nombres: personas,
            codigo: [lector, lector, escritor],
            inicial: { pc: [0, 0, 0], lectores: 0, escritor: false, esperando: false, adelantos: 0, pasos: 0 },
            bloqueo: (e, h) => {
                if (h < 2 && e.pc[h] === 0) {
                    if (e.escritor) return 'espera: hay un escritor dentro';
                    if (prefiereEscritores && e.esperando) return 'espera: hay un escritor esperando';
                    return null;
                }
                if (h === 2 && e.pc[h] === 1 && e.lectores > 0) {
                    return `espera: hay ${e.lectores === 1 ? 'un lector' : `${e.lectores} lectores`} dentro`;
                }
                return null;
            },
            paso: (e, h) => {
                if (h < 2) {
                    if (e.pc[h] === 0) {
                        e.lectores += 1;
                        e.pc[h] = 1;
                        if (e.esperando) e.adelantos += 1;
                        return `El ${personas[h]} entra: ${e.lectores} dentro` +
                            (e.esperando ? `, y el escritor sigue esperando (${e.adelantos} por delante).` : '.');
                    }
                    e.lectores -= 1;
                    e.pc[h] = 0;
                    // La sala vacía: el escritor ya puede entrar; lo que pasara antes no cuenta.
                    if (e.lectores === 0) e.adelantos = 0;
                    return `El ${personas[h]} sale: ${e.lectores} dentro` +
                        (e.lectores === 0 ? '; la sala se ha vaciado.' : '.');
                }
                if (e.pc[h] === 0) {
                    e.esperando = true;
                    e.pc[h] = 1;
                    return 'El escritor llega y quiere entrar.';
                }
                if (e.pc[h] === 1) {
                    e.esperando = false;
                    e.escritor = true;
                    e.adelantos = 0;
                    e.pc[h] = 2;
                    return 'El escritor entra: la sala es suya.';
                }
                e.escritor = false;
                e.pc[h] = -1;
                return 'El escritor termina y sale.';
            },
            roto: e => (e.adelantos < ADELANTOS ? null
                : `Inanición: el escritor espera y ya han entrado ${e.adelantos} lectores por delante ` +
                  'sin que la sala se vacíe nunca. Con preferencia por los lectores, nada impide ' +
                  'que los lectores se releven así para siempre.'),
            vista: e => [
                ['lectores dentro', String(e.lectores)],
                ['escritor', e.escritor ? 'dentro' : e.esperando ? 'esperando' : e.pc[2] === -1 ? 'ya escribió' : 'aún no ha llegado'],
                ['lectores por delante del escritor', String(e.adelantos)],
            ],
        };
    }
    E.escritor = {
        titulo: 'La inanición del escritor',
        objetivo: `Haz que, con el escritor esperando, entren ${ADELANTOS} lectores por delante ` +
            'sin que la sala llegue a vaciarse.',
        erronea: sala(false),
        corregida: sala(true),
    };
})();
