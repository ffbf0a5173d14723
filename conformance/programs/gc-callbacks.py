# gc.callbacks: each is called with a phase ('start' or 'stop') and an info dict.
import gc

events = []


def on_gc(phase, info):
    events.append((phase, info['generation'], info['collected'], info['uncollectable']))


gc.collect()
gc.callbacks.append(on_gc)
gc.disable()
lst = []
lst.append(lst)
del lst
print('collect(1) returned', gc.collect(1))
a = []
b = [a]
a.append(b)
del a, b
print('collect() returned', gc.collect())
gc.callbacks.remove(on_gc)
gc.collect()
for event in events:
    print(event)
print('keys:', sorted(gc.get_stats()[0].keys()))
print('generations in stats:', len(gc.get_stats()))
