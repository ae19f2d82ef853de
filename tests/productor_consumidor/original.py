"""Elementos por segundo a través de multiprocessing.Queue(maxsize=capacidad).

`cargo curso medir productor_consumidor` lo ejecuta si hay python3 y pone sus resultados en
la tabla del libro, en los grupos «productor_consumidor_<p>a<c>_cap<n>». Es el búfer del
tutorial original, con un final: cada productor, al terminar, deja un `None` (una «píldora
venenosa»), y cada consumidor para al recibir uno; así hay tantas píldoras como
consumidores. Cada proceso cronometra solo su bucle (no el arranque de los procesos): el
caudal es el total de elementos entre el primer inicio y el último final. Se repite cada
medida tres veces y se da la mediana.
"""
import json
import statistics
import time
from multiprocessing import Barrier, Process, Queue


def elementos(capacidad):
    # Los mismos lotes que tests/productor_consumidor/bench.rs.
    return 20_000 if capacidad <= 5 else 200_000


def producir(cola, salida, tiempos, productor, cuantos):
    salida.wait()
    inicio = time.perf_counter()
    for secuencia in range(cuantos):
        cola.put((productor, secuencia))
    cola.put(None)
    tiempos.put((inicio, time.perf_counter()))


def consumir(cola, salida, tiempos):
    salida.wait()
    inicio = time.perf_counter()
    recibidos = 0
    while cola.get() is not None:
        recibidos += 1
    tiempos.put((inicio, time.perf_counter()))


def una_medida(hilos, capacidad):
    total = elementos(capacidad)
    cola = Queue(maxsize=capacidad)
    salida = Barrier(2 * hilos)
    tiempos = Queue()
    procesos = [Process(target=producir, args=(cola, salida, tiempos, p, total // hilos))
                for p in range(hilos)]
    procesos += [Process(target=consumir, args=(cola, salida, tiempos)) for _ in range(hilos)]
    for p in procesos:
        p.start()
    marcas = [tiempos.get() for _ in procesos]
    for p in procesos:
        p.join()
    return max(f for _, f in marcas) - min(i for i, _ in marcas)


if __name__ == "__main__":
    for hilos in (1, 4):
        for capacidad in (5, 1024):
            segundos = statistics.median(una_medida(hilos, capacidad) for _ in range(3))
            print(json.dumps({
                "grupo": f"productor_consumidor_{hilos}a{hilos}_cap{capacidad}",
                "funcion": f"Python multiprocessing.Queue ({hilos}+{hilos} procesos)",
                "segundos": segundos,
            }), flush=True)
