# Automatic collections counted by a callback while a loop allocates containers.
import gc

starts = []


def on_gc(phase, info):
    if phase == 'start':
        starts.append(info['generation'])


def allocate(n):
    kept = []
    for i in range(n):
        kept.append([i])
    return kept


gc.collect()
gc.set_threshold(700, 10, 10)
gc.callbacks.append(on_gc)
data = allocate(20000)
gc.callbacks.remove(on_gc)
print('collections:', len(starts))
print('of generation 0:', starts.count(0))
print('of generation 1:', starts.count(1))
print('of generation 2:', starts.count(2))
print('lists kept:', len(data))
