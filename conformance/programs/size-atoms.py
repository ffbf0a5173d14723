# sys.getsizeof of ints, floats and the other atoms.
import sys

print('None', sys.getsizeof(None))
print('True', sys.getsizeof(True))
for n in [0, 1, 255, 2 ** 30 - 1, 2 ** 30, 2 ** 60, 2 ** 90, -1, -(2 ** 40)]:
    print('int', n, sys.getsizeof(n))
print('float', sys.getsizeof(1.5))
print('object()', sys.getsizeof(object()))
print('range(10)', sys.getsizeof(range(10)))
print('range(10 ** 30)', sys.getsizeof(range(10 ** 30)))
