"""Pares adquirir/liberar por segundo con multiprocessing.Semaphore(2) y 4 procesos.

`cargo curso medir semaforos` lo ejecuta si hay python3 y pone su resultado en la tabla del
libro, en el grupo «semaforos_pares». Cada proceso cronometra solo su bucle (no el
arranque de los procesos): el caudal es el total de pares entre el primer inicio y el
último final.
"""
import json
import time
from multiprocessing import Barrier, Process, Queue, Semaphore

PROCESOS = 4
PARES = 200_000


def trabajar(semaforo, salida, tiempos):
    salida.wait()
    inicio = time.perf_counter()
    for _ in range(PARES):
        semaforo.acquire()
        semaforo.release()
    tiempos.put((inicio, time.perf_counter()))


if __name__ == "__main__":
    semaforo = Semaphore(2)
    salida = Barrier(PROCESOS)
    tiempos = Queue()
    procesos = [Process(target=trabajar, args=(semaforo, salida, tiempos)) for _ in range(PROCESOS)]
    for p in procesos:
        p.start()
    marcas = [tiempos.get() for _ in procesos]
    for p in procesos:
        p.join()
    duracion = max(f for _, f in marcas) - min(i for i, _ in marcas)
    # La misma unidad que criterion: segundos para el lote de 4 hilos x 20 000 pares.
    segundos_por_lote = duracion / (PROCESOS * PARES) * (4 * 20_000)
    print(json.dumps({"grupo": "semaforos_pares",
                      "funcion": "Python multiprocessing.Semaphore (4 procesos)",
                      "segundos": segundos_por_lote}))
