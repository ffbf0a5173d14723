# Passing an object to a function adds the parameter's reference while the call runs.
import sys


class Thing:
    pass


def inside(x):
    return sys.getrefcount(x)


def nested(x):
    return inside(x)


def keep(x, store):
    store.append(x)


def main():
    t = Thing()
    print('before the call:', sys.getrefcount(t))
    print('inside one call:', inside(t))
    print('inside two calls:', nested(t))
    print('after the calls:', sys.getrefcount(t))
    store = []
    keep(t, store)
    print('stored by the callee:', sys.getrefcount(t))
    f = lambda: t
    print('captured by a closure:', sys.getrefcount(t))


main()
