# Cycles of lists: each list in an unreachable cycle is one object freed by the collector.
import gc

gc.collect()

a = []
a.append(a)
del a
print('self-referencing list:', gc.collect())

a = []
b = []
a.append(b)
b.append(a)
del a, b
print('two lists:', gc.collect())

ring = [[] for i in range(10)]
for i in range(10):
    ring[i].append(ring[(i + 1) % 10])
del ring
print('ring of ten plus the outer list freed by refcount:', gc.collect())

lists = [[] for i in range(5)]
for i in range(5):
    lists[i].append(lists[(i + 1) % 5])
first = lists[0]
del lists
print('ring still referenced:', gc.collect())
del first
print('ring released:', gc.collect())
print('nothing left:', gc.collect())
