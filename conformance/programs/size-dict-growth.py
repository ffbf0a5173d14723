# A dict grows its table in steps; str keys and other keys use different layouts.
import sys


def steps(make_key, n):
    d = {}
    changes = [(0, sys.getsizeof(d))]
    for i in range(n):
        d[make_key(i)] = i
        size = sys.getsizeof(d)
        if size != changes[-1][1]:
            changes.append((len(d), size))
    return changes


def str_key(i):
    return 'k' + str(i)


def int_key(i):
    return i


print('str keys:', steps(str_key, 100))
print('int keys:', steps(int_key, 100))
print('{}', sys.getsizeof({}))
print("{'a': 1}", sys.getsizeof({'a': 1}))
print('{1: 1}', sys.getsizeof({1: 1}))
print('dict(a=1)', sys.getsizeof(dict(a=1)))
d = {str_key(i): i for i in range(50)}
for i in range(50):
    del d[str_key(i)]
print('emptied by del keeps its table:', len(d), sys.getsizeof(d))
d.clear()
print('after clear():', sys.getsizeof(d))
