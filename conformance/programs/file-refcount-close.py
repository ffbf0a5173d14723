# A file object that loses its last reference is closed at once by refcounting.
import gc
import sys

with open('data.txt', 'w') as f:
    f.write('payload\n')


def read_without_with():
    return open('data.txt').read()


print(read_without_with())
f = open('data.txt')
raw = f.buffer
print('buffer open:', not raw.closed)
del f
print('buffer closed once the file object is gone:', raw.closed)

gc.collect()
f = open('data.txt')
holder = [f]
holder.append(holder)
raw = f.buffer
del f, holder
print('in a cycle, still open:', not raw.closed)
gc.collect()
print('closed by the collector:', raw.closed)
