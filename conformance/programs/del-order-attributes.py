# An instance releases its attributes in the order they were first set; an
# object's own __del__ runs before its attributes are released.
class Loud:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


class Slotted:
    __slots__ = ('b', 'a', 'c')


o = Loud('outer')
o.c = Loud('c')
o.a = Loud('a')
o.b = Loud('b')
print('instance:')
del o

s = Slotted()
s.b = Loud('slot b')
s.a = Loud('slot a')
s.c = Loud('slot c')
print('slots (released in sorted name order):')
del s


def scope():
    z = Loud('local z')
    a = Loud('local a')
    m = Loud('local m')
    print('returning')


scope()
print('after the call')


def params(p, q):
    r = Loud('local r')


params(Loud('arg p'), Loud('arg q'))
print('after the call with arguments')
