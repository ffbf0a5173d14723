# An instance with a __dict__ versus one with __slots__.
import sys


class Plain:
    def __init__(self):
        self.a = 1
        self.b = 2


class Slotted:
    __slots__ = ('a', 'b')

    def __init__(self):
        self.a = 1
        self.b = 2


class Empty:
    pass


print('empty instance', sys.getsizeof(Empty()))
print('two attributes', sys.getsizeof(Plain()))
print('two slots', sys.getsizeof(Slotted()))
p = Plain()
for i in range(10):
    setattr(p, 'extra' + str(i), i)
print('twelve attributes', sys.getsizeof(p))
print('slotted has no __dict__:', hasattr(Slotted(), '__dict__'))
print('1000 plain instances in a list, the list:', sys.getsizeof([Plain() for i in range(1000)]))
