# A weakref callback runs when its referent dies; newest callback first, after __del__.
import weakref


class Target:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('__del__', self.name)


def callback_named(label):
    def callback(ref):
        print('callback', label, 'ref() is', ref())

    return callback


t = Target('t')
r1 = weakref.ref(t, callback_named('first'))
r2 = weakref.ref(t, callback_named('second'))
print('alive:', r1() is t, r2() is t)
print('refs without callbacks are shared:', weakref.ref(t) is weakref.ref(t))
print('count:', weakref.getweakrefcount(t))
del t
print('dead:', r1(), r2())

u = Target('u')
r3 = weakref.ref(u, callback_named('dropped ref'))
del r3
del u
print('a dropped weakref never calls back')
