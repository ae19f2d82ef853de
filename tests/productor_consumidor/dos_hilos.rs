//! Dos hilos con hilos reales.

use super::*;

pub(crate) fn con_un_hueco_el_productor_espera_al_consumidor() {
    con_limite("con un hueco, el productor espera", || {
        let b = Buffer::new(1);
        let recibidos = std::thread::scope(|s| {
            let consumidor = s.spawn(|| {
                let mut v = Vec::new();
                while let Some(x) = b.recibir() {
                    comprobar_ocupacion(&b, "el consumidor");
                    v.push(x);
                }
                v
            });
            for i in 0..2000 {
                comprobar_igual(b.enviar(i), Ok(()), "enviar en un búfer abierto");
                comprobar_ocupacion(&b, "el productor");
            }
            b.cerrar();
            arnes::relanzar(consumidor.join())
        });
        comprobar(recibidos == (0..2000).collect::<Vec<_>>(), || {
            let primero_mal = recibidos
                .iter()
                .enumerate()
                .find(|(i, x)| *i != **x)
                .map(|(i, x)| format!("en la posición {i} llegó {x}"))
                .unwrap_or_else(|| format!("llegaron {} de 2000", recibidos.len()));
            format!(
                "un productor envió 0..2000 por un búfer de capacidad 1 y el consumidor no los \
                 recibió todos y en orden: {primero_mal}."
            )
        });
    });
}

pub(crate) fn cerrar_despierta_a_un_consumidor_dormido() {
    con_limite("cerrar despierta a un consumidor dormido", || {
        let b = Buffer::<u32>::new(2);
        std::thread::scope(|s| {
            let consumidor = s.spawn(|| b.recibir());
            // Se da tiempo a que el consumidor se duerma; si aún no lo hizo, la prueba vale
            // igual (verá el búfer cerrado al llegar).
            std::thread::sleep(Duration::from_millis(20));
            b.cerrar();
            comprobar_igual(
                arnes::relanzar(consumidor.join()),
                None,
                "recibir en un búfer vacío que se cierra",
            );
        });
    });
}

pub(crate) fn cerrar_despierta_a_un_productor_que_espera_sitio() {
    con_limite("cerrar despierta a un productor que espera", || {
        let b = Buffer::new(1);
        comprobar_igual(b.enviar(1u32), Ok(()), "enviar en un búfer vacío");
        std::thread::scope(|s| {
            let productor = s.spawn(|| b.enviar(2));
            std::thread::sleep(Duration::from_millis(20));
            b.cerrar();
            comprobar_igual(
                arnes::relanzar(productor.join()),
                Err(ErrorEnvio(2)),
                "un productor que esperaba sitio cuando se cerró el búfer debe recibir su \
                 elemento de vuelta",
            );
        });
        comprobar_igual(b.recibir(), Some(1), "lo que estaba dentro al cerrar");
        comprobar_igual(b.recibir(), None, "recibir en un búfer cerrado y vacío");
    });
}
