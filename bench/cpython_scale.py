"""CPython's own full collection on the scale benchmark's graph: python3 bench/cpython_scale.py 10000000"""
import gc, time, sys
n = int(sys.argv[1])
gc.disable()
lists = [None] * n
prev = lists[0] = []
seed = 1
for i in range(1, n):
    x = []
    prev.append(x)
    lists[i] = x
    prev = x
for i in range(n):
    seed = (seed * 1103515245 + 12345) & 0xFFFFFFFF
    lists[i].append(lists[seed % (i + 1)])
root = lists[0]
del lists, prev, x
t = time.perf_counter()
n_found = gc.collect()
print(f"CPython {sys.version.split()[0]}: {n} lists, 2 refs each; gc.collect() = {n_found} in {time.perf_counter() - t:.3f} s")
t = time.perf_counter()
gc.collect()
print(f"second full collection {time.perf_counter() - t:.3f} s")
