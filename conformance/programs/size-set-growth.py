# Sets grow their table by steps as well.
import sys

s = set()
changes = [(0, sys.getsizeof(s))]
for i in range(100):
    s.add(i)
    size = sys.getsizeof(s)
    if size != changes[-1][1]:
        changes.append((len(s), size))
print('add:', changes)
print('set()', sys.getsizeof(set()))
print('{1, 2, 3}', sys.getsizeof({1, 2, 3}))
print('frozenset({1})', sys.getsizeof(frozenset({1})))
print('frozenset(range(100))', sys.getsizeof(frozenset(range(100))))
