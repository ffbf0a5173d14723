# Lesson (tuples versus lists): tuples are smaller, and the collector stops
# tracking tuples that hold only atoms.
import gc
import sys

gc.collect()
n = 1000
records = [(i, f'user{i}', i * 1.5) for i in range(n)]
print('tuple record size:', sys.getsizeof(records[0]))
print('tracked before the explicit collect (automatic collections ran while building):', sum(1 for r in records if gc.is_tracked(r)))
gc.collect()
print('tracked after collect:', sum(1 for r in records if gc.is_tracked(r)))
del records
records = [[i, f'user{i}', i * 1.5] for i in range(n)]
print('list record size:', sys.getsizeof(records[0]))
gc.collect()
gc.collect()
print('lists still tracked:', sum(1 for r in records if gc.is_tracked(r)))
del records
