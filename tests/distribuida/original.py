"""El mismo trabajo que tests/distribuida/bench.rs, con multiprocessing.Pool.

`cargo curso medir distribuida` lo ejecuta si hay python3 e incluye sus tiempos en la tabla
del libro. Imprime una línea JSON {"grupo", "funcion", "segundos"} por medida (la mediana).
Como en las medidas de Rust, el Pool se crea una vez, fuera del cronómetro: se mide el
reparto, no el arranque de los procesos.
"""
import json
import statistics
import time
from multiprocessing import Pool

try:
    import numpy as np
except ImportError:  # Sin numpy se omite el grupo de matrices.
    np = None


def doble(x):
    return 2 * x


def sumar(trozo):
    return sum(trozo)


def multiplicar_fila(matriz_a, matriz_b, fila):
    # La función del tutorial original: cada tarea recibe A y B enteras.
    return np.dot(matriz_a[fila], matriz_b)


def numeros(n):
    return [(i * 2654435761) % (1 << 64) >> 16 for i in range(n)]


def medir(f, repeticiones):
    tiempos = []
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        f()
        tiempos.append(time.perf_counter() - inicio)
    return statistics.median(tiempos)


def informar(grupo, funcion, segundos):
    print(json.dumps({"grupo": grupo, "funcion": funcion, "segundos": segundos}), flush=True)


def trozos(datos, n):
    base, resto = divmod(len(datos), n)
    inicio = 0
    for i in range(n):
        fin = inicio + base + (1 if i < resto else 0)
        yield datos[inicio:fin]
        inicio = fin


if __name__ == "__main__":
    with Pool(processes=1) as uno:
        uno.apply(doble, (1,))
        # Una ida y vuelta: medir 200 y dividir, porque una sola es demasiado corta.
        segundos = medir(lambda: [uno.apply(doble, (21,)) for _ in range(200)], 7) / 200
        informar("distribuida_latencia", "Python Pool.apply (ida y vuelta)", segundos)

        datos = numeros(1 << 20)
        assert uno.apply(sumar, (datos,)) == sum(datos)
        informar("distribuida_ancho_de_banda", "Python Pool.apply(sum, lista de 1 Mi enteros)",
                 medir(lambda: uno.apply(sumar, (datos,)), 7))

    with Pool(processes=2) as dos:
        dos.map(doble, range(10))
        datos = numeros(2000)
        informar("distribuida_mensajes", "Python Pool.map con chunksize=1 (2 procesos)",
                 medir(lambda: dos.map(doble, datos, chunksize=1), 7))

        datos = numeros(4_000_000)
        partes = list(trozos(datos, 8))
        assert sum(dos.map(sumar, partes)) == sum(datos)
        informar("distribuida_suma", "Python sum (1 proceso)", medir(lambda: sum(datos), 5))
        informar("distribuida_suma", "Python Pool.map (2 procesos, 8 trozos)",
                 medir(lambda: sum(dos.map(sumar, partes)), 5))

        if np is not None:
            n = 768
            a = np.arange(n * n, dtype=np.float64).reshape(n, n) % 1000 / 1000
            b = (np.arange(n * n, dtype=np.float64).reshape(n, n) + 2) % 1000 / 1000

            def original():
                filas = dos.starmap(multiplicar_fila, [(a, b, fila) for fila in range(n)])
                return np.vstack(filas)

            assert np.allclose(original(), a @ b)
            informar("distribuida_matrices", "Python Pool.starmap por filas (el original, 2 procesos)",
                     medir(original, 5))
            informar("distribuida_matrices", "Python numpy a @ b (BLAS)",
                     medir(lambda: a @ b, 7))
