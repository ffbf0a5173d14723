# Defaults, keyword-only arguments, recursion and first-class functions.
def greet(name, greeting='hello', *, punct='!'):
    return greeting + ', ' + name + punct


print(greet('ann'), greet('bob', 'hi'), greet('cy', punct='?'))


def append_to(item, bucket=[]):
    bucket.append(item)
    return bucket


print(append_to(1), append_to(2))


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print([fib(i) for i in range(15)])


def compose(f, g):
    return lambda x: f(g(x))


inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5), list(map(inc_then_double, range(3))))
try:
    greet('x', 'y', '!')
except TypeError as e:
    print('TypeError:', e)
try:
    greet()
except TypeError as e:
    print('TypeError:', e)
print(greet.__name__, (lambda: 0).__name__)


def deep(n):
    if n == 0:
        return 0
    return 1 + deep(n - 1)


print(deep(500))
