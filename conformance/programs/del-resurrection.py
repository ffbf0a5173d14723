# __del__ may store self somewhere reachable: the object survives, and its
# __del__ never runs a second time.
import gc

graveyard = []


class Phoenix:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)
        graveyard.append(self)


p = Phoenix('refcount')
del p
print('resurrected:', [x.name for x in graveyard])
graveyard.clear()
print('second death is silent')

gc.collect()
a = Phoenix('cycle a')
b = Phoenix('cycle b')
a.other = b
b.other = a
del a, b
print('collected:', gc.collect())
print('resurrected:', sorted(x.name for x in graveyard))
graveyard.clear()
print('collected again:', gc.collect())
