"""El mismo trabajo que tests/paso_de_mensajes/medir.rs, con mpi4py (el enfoque de Python).

Lo lanza el programa de medidas, si python3 puede importar mpi4py y numpy:

    mpirun -n 2 python3 original_mpi4py.py pares
    mpirun -n 3 python3 original_mpi4py.py cola

El rango 0 imprime una línea JSON {"grupo", "variante", "segundos"} por medida (la mediana).
Los mensajes pequeños van con send/recv en minúscula (objetos de Python con pickle), como en
el original; los grandes, con Send/Recv en mayúscula (búferes de numpy, sin pickle).
"""
import json
import statistics
import sys
import time

import numpy as np
from mpi4py import MPI

IDAS = 1000
MEGA = 1 << 20
TAREA, RESULTADO, PARADA = 1, 2, 3


def mediana(veces, f):
    f()
    tiempos = []
    for _ in range(veces):
        inicio = time.perf_counter()
        f()
        tiempos.append(time.perf_counter() - inicio)
    return statistics.median(tiempos)


def numeros(n):
    i = np.arange(n, dtype=np.uint64)
    return (i * np.uint64(2654435761)) >> np.uint64(16)


def informar(grupo, variante, segundos):
    print(json.dumps({"grupo": grupo, "variante": variante, "segundos": segundos}), flush=True)


def pares(comm):
    yo = comm.Get_rank()
    otro = 1 - yo

    def ida_y_vuelta():
        for i in range(IDAS):
            if yo == 0:
                comm.send(i, dest=otro)
                comm.recv(source=otro)
            else:
                x = comm.recv(source=otro)
                comm.send(2 * x, dest=otro)

    s = mediana(7, ida_y_vuelta)
    if yo == 0:
        informar("paso_de_mensajes_latencia", "mpi4py send/recv (pickle)", s / IDAS)

    datos = numeros(MEGA)
    recibidos = np.empty(MEGA, dtype=np.uint64)

    def ancho():
        if yo == 0:
            comm.Send(datos, dest=otro)
            comm.recv(source=otro)
        else:
            comm.Recv(recibidos, source=otro)
            comm.send(int(recibidos.sum()), dest=otro)

    s = mediana(7, ancho)
    if yo == 0:
        informar("paso_de_mensajes_ancho_de_banda", "mpi4py Send de 8 MB (numpy)", s)

    n, tamano = 4_000_000, comm.Get_size()
    grandes = numeros(n) if yo == 0 else None
    cuentas = [n // tamano + (1 if r < n % tamano else 0) for r in range(tamano)]
    trozo = np.empty(cuentas[yo], dtype=np.uint64)

    def suma():
        comm.Scatterv([grandes, cuentas] if yo == 0 else None, trozo, root=0)
        return comm.reduce(int(trozo.sum()), op=MPI.SUM, root=0)

    s = mediana(5, suma)
    if yo == 0:
        informar("paso_de_mensajes_suma", "mpi4py Scatterv + reduce (2 rangos)", s)


def cola(comm):
    yo, tamano = comm.Get_rank(), comm.Get_size()
    tareas = [int(x) for x in numeros(2000)]

    def coordinar():
        if yo != 0:
            estado = MPI.Status()
            while True:
                tarea = comm.recv(source=0, tag=MPI.ANY_TAG, status=estado)
                if estado.Get_tag() == PARADA:
                    return
                comm.send((tarea[0], 2 * tarea[1]), dest=0, tag=RESULTADO)
        resultados = [None] * len(tareas)
        siguiente = en_vuelo = 0
        for r in range(1, tamano):
            comm.send((siguiente, tareas[siguiente]), dest=r, tag=TAREA)
            siguiente += 1
            en_vuelo += 1
        estado = MPI.Status()
        while en_vuelo:
            i, valor = comm.recv(source=MPI.ANY_SOURCE, tag=RESULTADO, status=estado)
            resultados[i] = valor
            en_vuelo -= 1
            if siguiente < len(tareas):
                comm.send((siguiente, tareas[siguiente]), dest=estado.Get_source(), tag=TAREA)
                siguiente += 1
                en_vuelo += 1
        for r in range(1, tamano):
            comm.send(None, dest=r, tag=PARADA)

    s = mediana(7, coordinar)
    if yo == 0:
        informar("paso_de_mensajes_mensajes", "mpi4py cola dinámica (2 trabajadores)", s)


if __name__ == "__main__":
    {"pares": pares, "cola": cola}[sys.argv[1]](MPI.COMM_WORLD)
