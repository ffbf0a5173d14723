# Unpacking, starred targets and starred arguments.
a, b = 1, 2
a, b = b, a
print(a, b)
first, *middle, last = range(6)
print(first, middle, last)
*init, tail = 'abc'
print(init, tail)
(x, y), z = (1, 2), 3
print(x, y, z)
for i, (k, v) in enumerate({'p': 1, 'q': 2}.items()):
    print(i, k, v)


def f(a, b, *args, c=10, **kwargs):
    return a, b, args, c, sorted(kwargs.items())


print(f(1, 2))
print(f(*[1, 2, 3, 4], c=5, d=6, e=7))
print(f(**{'a': 'A', 'b': 'B', 'z': 'Z'}))
print([*range(3), *'ab'], {**{'a': 1}, 'b': 2}, (*[1], 2))
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print('ValueError:', e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print('ValueError:', e)
