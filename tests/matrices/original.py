"""La multiplicación de matrices del tutorial original (Pool.starmap), cronometrada.

`cargo curso medir matrices` lo ejecuta si hay python3 y numpy, e incluye sus tiempos en
la tabla del libro, en el grupo «matrices_1000» (el mismo n = 1000 que criterion). Imprime
una línea JSON por medida. Sin numpy no imprime nada: las pruebas no lo necesitan.
"""
import json
import os
import pickle
import statistics
import subprocess
import sys
import time

try:
    import numpy as np
except ImportError:
    print("(sin numpy: se omite el original en Python)", file=sys.stderr)
    sys.exit(0)

from multiprocessing import Pool

N = 1000
UN_HILO_DE_OPENBLAS = "--un-hilo-de-openblas"


def multiplicar_fila(matriz_a, matriz_b, fila):
    resultado = np.dot(matriz_a[fila], matriz_b)
    return resultado


def original(matriz_a, matriz_b):
    """El programa del tutorial, tal cual: un Pool nuevo y una tarea por fila."""
    filas = range(matriz_a.shape[0])
    with Pool() as pool:
        resultados = pool.starmap(multiplicar_fila, [(matriz_a, matriz_b, fila) for fila in filas])
    return np.vstack(resultados)


def filas_en_un_proceso(matriz_a, matriz_b):
    """Lo mismo, fila a fila, sin Pool: sin copias entre procesos."""
    return np.vstack([multiplicar_fila(matriz_a, matriz_b, fila) for fila in range(matriz_a.shape[0])])


def producto_numpy(matriz_a, matriz_b):
    """El producto de numpy de una vez (OpenBLAS, con sus propios hilos)."""
    return matriz_a @ matriz_b


def medir(funcion, a, b, repeticiones):
    tiempos = []
    for _ in range(repeticiones):
        inicio = time.perf_counter()
        c = funcion(a, b)
        tiempos.append(time.perf_counter() - inicio)
    assert np.allclose(c, a @ b)
    return statistics.median(tiempos)


def lote_de_starmap(a, b, procesos):
    """Bytes de un lote de starmap: el tamaño de trozo por defecto y un lote serializado."""
    tareas = [(a, b, fila) for fila in range(N)]
    trozo, resto = divmod(len(tareas), procesos * 4)
    if resto:
        trozo += 1
    return trozo, len(pickle.dumps(tareas[:trozo]))


if __name__ == "__main__":
    rng = np.random.default_rng(2024)
    matriz_a = rng.random((N, N))
    matriz_b = rng.random((N, N))
    if UN_HILO_DE_OPENBLAS in sys.argv:
        medidas = [("Python Pool.starmap, OpenBLAS con 1 hilo por proceso", original, 5)]
    else:
        medidas = [
            ("Python Pool.starmap (el original)", original, 5),
            ("Python np.dot fila a fila, 1 proceso", filas_en_un_proceso, 5),
            ("Python numpy A @ B", producto_numpy, 15),
        ]
    for nombre, funcion, repeticiones in medidas:
        segundos = medir(funcion, matriz_a, matriz_b, repeticiones)
        print(json.dumps({"grupo": "matrices_1000", "funcion": nombre, "segundos": segundos}),
              flush=True)
    if UN_HILO_DE_OPENBLAS not in sys.argv:
        # El original otra vez, con OpenBLAS limitado a un hilo en cada proceso. Por defecto,
        # cada proceso del Pool arranca tantos hilos de OpenBLAS como núcleos hay: con dos
        # procesos en dos núcleos son cuatro hilos que se quitan la CPU, y el tiempo del
        # original salta de una ejecución a otra. La variable se lee al importar numpy, así
        # que hace falta un proceso nuevo.
        entorno = dict(os.environ, OPENBLAS_NUM_THREADS="1")
        subprocess.run([sys.executable, __file__, UN_HILO_DE_OPENBLAS], env=entorno, check=True)
    if "--lotes" in sys.argv:
        import os
        procesos = os.cpu_count()
        trozo, tam = lote_de_starmap(matriz_a, matriz_b, procesos)
        lotes = -(-N // trozo)
        print(f"{procesos} procesos: {lotes} lotes de {trozo} filas; "
              f"cada lote ocupa {tam / 1e6:.1f} MB serializado; "
              f"en total viajan {lotes * tam / 1e6:.0f} MB hacia los procesos")
