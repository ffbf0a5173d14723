# Cycles through closures: a function that refers to itself through its cell.
import gc

gc.collect()


def make_recursive():
    def countdown(n):
        if n == 0:
            return 'done'
        return countdown(n - 1)

    return countdown


f = make_recursive()
print(f(5))
del f
print('function, cell, closure tuple:', gc.collect())


def make_pair():
    state = {}

    def get():
        return state['value']

    state['getter'] = get
    state['value'] = 42
    return get


g = make_pair()
print(g())
del g
print('function, cell, closure tuple, dict:', gc.collect())


class Holder:
    pass


def attach(h):
    def callback():
        return h

    h.callback = callback


h = Holder()
attach(h)
del h
print('instance, function, cell, closure tuple:', gc.collect())
