# Objects in a cycle are finalized by the collector in the order they were
# created; __del__ of each runs before any is cleared.
import gc


class Loud:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


gc.collect()
a = Loud('A')
b = Loud('B')
c = Loud('C')
a.next = b
b.next = c
c.next = a
del a, b, c
print('collecting')
print('collected:', gc.collect())

x = Loud('X')
x.items = [Loud('in list 1'), Loud('in list 2')]
x.items.append(x)
del x
print('collecting a cycle that holds a list')
print('collected:', gc.collect())
