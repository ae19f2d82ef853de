"""Incrementos por segundo de un contador compartido con multiprocessing.Value y su cerrojo.

`cargo curso medir cerrojos` lo ejecuta si hay python3 y pone su resultado en la tabla del
libro, en los grupos «cerrojos_contador_1_hilo», «..._2_hilos» y «..._4_hilos». Cada
proceso hace su parte de los incrementos con `with contador.get_lock(): contador.value += 1`
y cronometra solo su bucle (no el arranque de los procesos): el caudal es el total de
incrementos entre el primer inicio y el último final.
"""
import json
import time
from multiprocessing import Barrier, Process, Queue, Value

# El lote de criterion es de 400 000 incrementos; Python hace menos y se escala al mismo lote.
INCREMENTOS = 100_000
LOTE = 400_000
GRUPOS = {1: "cerrojos_contador_1_hilo", 2: "cerrojos_contador_2_hilos", 4: "cerrojos_contador_4_hilos"}


def trabajar(contador, n, salida, tiempos):
    salida.wait()
    inicio = time.perf_counter()
    for _ in range(n):
        with contador.get_lock():
            contador.value += 1
    tiempos.put((inicio, time.perf_counter()))


def medir(procesos):
    contador = Value("q", 0)
    salida = Barrier(procesos)
    tiempos = Queue()
    n = INCREMENTOS // procesos
    hijos = [Process(target=trabajar, args=(contador, n, salida, tiempos)) for _ in range(procesos)]
    for p in hijos:
        p.start()
    marcas = [tiempos.get() for _ in hijos]
    for p in hijos:
        p.join()
    assert contador.value == n * procesos, "se perdieron incrementos"
    duracion = max(f for _, f in marcas) - min(i for i, _ in marcas)
    return duracion / (n * procesos) * LOTE


if __name__ == "__main__":
    for procesos, grupo in GRUPOS.items():
        # La mediana de tres repeticiones, como hace criterion con sus muestras.
        segundos = sorted(medir(procesos) for _ in range(3))[1]
        print(json.dumps({"grupo": grupo,
                          "funcion": f"Python Value.get_lock ({procesos} proceso{'s' if procesos > 1 else ''})",
                          "segundos": segundos}))
