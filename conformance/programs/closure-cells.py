# Closures keep their free variables in cells shared by every function that uses them.
import sys


def make_counter():
    count = 0

    def increment():
        nonlocal count
        count += 1
        return count

    def read():
        return count

    return increment, read


inc, read = make_counter()
inc()
inc()
print('shared cell:', read())
print('cells:', len(inc.__closure__), inc.__closure__[0].cell_contents)
print('same cell object:', inc.__closure__[0] is read.__closure__[0])
other_inc, other_read = make_counter()
other_inc()
print('independent counters:', read(), other_read())


def make_adders():
    adders = []
    for i in range(3):
        adders.append(lambda x: x + i)
    return adders


print('late binding:', [f(10) for f in make_adders()])


def make_adders_bound():
    return [lambda x, i=i: x + i for i in range(3)]


print('bound by default:', [f(10) for f in make_adders_bound()])


class Big:
    def __del__(self):
        print('del Big')


def hold():
    big = Big()

    def user():
        return big

    return user


keeper = hold()
print('the closure keeps big alive; refcount of the function:', sys.getrefcount(keeper))
del keeper
print('after del of the closure')
