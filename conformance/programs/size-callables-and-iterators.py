# Sizes of functions, bound methods, iterators and generators.
import sys


def plain():
    return 1


def gen_no_locals():
    yield 1


def gen_five_locals():
    a = b = c = d = e = 0
    yield a


class K:
    def meth(self):
        return 1


print('function', sys.getsizeof(plain))
print('lambda', sys.getsizeof(lambda: 0))
print('bound method', sys.getsizeof(K().meth))
print('list iterator', sys.getsizeof(iter([1, 2])))
print('tuple iterator', sys.getsizeof(iter((1, 2))))
print('range iterator', sys.getsizeof(iter(range(3))))
print('generator, no locals', sys.getsizeof(gen_no_locals()))
print('generator, five locals', sys.getsizeof(gen_five_locals()))
print('generator expression', sys.getsizeof(x for x in range(3)))
print('enumerate', sys.getsizeof(enumerate([])))
print('zip', sys.getsizeof(zip([], [])))
print('map', sys.getsizeof(map(abs, [])))
