# A list holds every item at once; a generator produces one at a time.
import sys


def squares(n):
    for i in range(n):
        yield i * i


for n in [10, 1000, 100000]:
    as_list = [i * i for i in range(n)]
    as_gen = squares(n)
    print(n, 'list', sys.getsizeof(as_list), 'generator', sys.getsizeof(as_gen))
    print('  same total:', sum(as_list) == sum(as_gen))
g = squares(3)
print(next(g), next(g), next(g))
try:
    next(g)
except StopIteration:
    print('exhausted')
print('a second pass over an exhausted generator:', list(g))
