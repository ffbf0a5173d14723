# In a collected cycle, every weakref callback runs before any __del__.
import gc
import weakref


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('__del__', self.name)


def report(ref):
    print('callback; referent is', ref())


gc.collect()
x = Node('X')
y = Node('Y')
z = Node('Z')
x.next = y
y.next = z
z.next = x
refs = [weakref.ref(n, report) for n in (x, y, z)]
del x, y, z
print('collected:', gc.collect())

s = Node('self')
s.me = s
r1 = weakref.ref(s, lambda ref: print('cb1'))
r2 = weakref.ref(s, lambda ref: print('cb2'))
del s
print('collected:', gc.collect())
