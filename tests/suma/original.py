"""El ejemplo de Pool.map del tutorial original, cronometrado.

`cargo curso medir suma` lo ejecuta si hay python3 e incluye su tiempo en la tabla del
libro, en el grupo «suma_original». Imprime una línea JSON por medida.
"""
import json
import statistics
import time
from multiprocessing import Pool


def calcular_suma(n):
    # Una función con nombre (def): Pool.map envía la función a los procesos con pickle, y
    # una lambda no se puede serializar así.
    return sum(range(1, n + 1))


def medir(repeticiones=7):
    numeros = [100000, 200000, 300000, 400000]
    tiempos = []
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        with Pool(processes=4) as pool:
            resultados = pool.map(calcular_suma, numeros)
        tiempos.append(time.perf_counter() - inicio)
    assert resultados == [n * (n + 1) // 2 for n in numeros]
    return tiempos


if __name__ == "__main__":
    tiempos = medir()
    print(json.dumps({"grupo": "suma_original", "funcion": "Python Pool.map (4 procesos)",
                      "segundos": statistics.median(tiempos)}))
