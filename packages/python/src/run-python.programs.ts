/**
 * Programs the interpreter's tests run on pymm and on CPython, comparing the output byte for byte.
 * Their output does not depend on the collector, so every strategy must print the same.
 *
 * @module
 */

/** Programs by name. */
export const PROGRAMS: Record<string, string> = {
  // Found by fuzzing: the value of a return that waited for a finally which raised was leaked.
  'a finally that raises after a return': `def returns():
    try:
        return 'from ' + 'try'
    finally:
        print(10**5000)
try:
    returns()
except ValueError:
    print('ValueError')
def g():
    try:
        yield 1
        return 'r' * 2
    finally:
        raise KeyError('k')
try:
    list(g())
except KeyError:
    print('KeyError')
`,
  // Found by fuzzing: an int too large for a double (10**400) as a key.
  'ints of any size as dict and set keys': `big = 10**400
d = {big: 'a', 2**64: 'b', 2.0**64: 'c', -big: 'd'}
print(len(d), d[10**400], d[2**64], d[-(10**400)], big in {big}, big + 1 in {big}, float('inf') in {big})
print(sorted({2**53, 2**53 + 1, 2**53 + 2}) == [2**53, 2**53 + 1, 2**53 + 2])
`,
  // Found by fuzzing: the set being built leaked when a member's __hash__ raised.
  "a member's __hash__ raising while a set is built": `class H:
    def __hash__(self):
        return 'x'
class T:
    def __hash__(self):
        return (1, 2)
for build in [lambda: {H()}, lambda: {1, H()}, lambda: set([H()]), lambda: {1, 2, 3} | {H()}, lambda: {T()}, lambda: hash(T())]:
    try:
        build()
    except TypeError as e:
        print(e)
`,
  'a recursive traceback prints three entries, then counts the rest': `import sys
sys.setrecursionlimit(60)
def f(n):
    return f(n + 1)
def g():
    yield from g()
try:
    f(0)
except RecursionError as e:
    print('caught', e)
list(g())
`,
  'exception arguments through super().__init__': `class CodeError(Exception):
    def __init__(self, code):
        super().__init__(f'code {code}')
        self.code = code
class Quiet(Exception):
    def __init__(self, n):
        self.n = n
try:
    raise CodeError(42)
except Exception as e:
    print(type(e).__name__, e, e.args, e.code, repr(e))
print(Quiet(5).args, repr(Quiet(5)), ValueError(1, 2).args)
e = Exception('a')
Exception.__init__(e, 'b', 'c')
print(e.args, str(e))
try:
    Exception.__init__(e, x=1)
except TypeError as t:
    print(t)
raise CodeError(7)
`,
  basics: `print(1/3, 2**100, 1e16, -0.0, [1, 'a'], {'k': (1,)})
x = 5
y = x * 2 + 1
print(x, y, x // 2, x % 3, -7 // 2, -7 % 3, 7 / 2, 2 ** -1, 10 ** 20, -2 ** 63)
print(0.1 + 0.2, 1e-5, 123456789.0, 1.5e300 * 1e10, float('nan'), 3.0, -1e22, 1e15)
s = 'hello'
print(s + ' world', len(s), s[1:3], s[::-1], s * 2, 'l' in s, s.upper(), s.find('l'))
print(repr("it's"), repr('say "hi"'), repr('tab\\tnew\\n'), str(12), int('42') + 1, float('2.5'))
print(True + 1, 7 // 2.0, 7 % -3, divmod(17, 5), abs(-3), round(2.5), round(3.5), round(2.675, 2))
`,
  control: `for i in range(10):
    if i == 2:
        continue
    if i == 6:
        break
    print(i, end=' ')
else:
    print('no')
print()
n = 0
while n < 3:
    n += 1
else:
    print('while else', n)
for x in []:
    pass
else:
    print('empty else')
print([i * i for i in range(5) if i % 2 == 0], {k: v for k, v in [('a', 1)]}, {c for c in 'aab'} == {'a', 'b'})
a, *rest = [1, 2, 3, 4]
print(a, rest)
first, (second, third) = 1, (2, 3)
print(first, second, third, 1 if first else 2, first and second, 0 or 'x', not first)
print(1 < 2 < 3, 1 < 3 < 2, 'a' < 'b', [1, 2] < [1, 3], (1, 2) == (1, 2), None is None)
`,
  containers: `xs = [3, 1, 2]
xs.append(5)
xs.extend([7, 8])
xs.insert(0, 9)
print(xs, xs.pop(), xs.pop(0), xs, xs.index(2), xs.count(1))
xs.sort()
print(xs, sorted(xs, reverse=True), list(reversed(xs)), xs[1:-1], xs[::2])
xs[1:3] = ['a', 'b', 'c']
del xs[0]
print(xs, len(xs))
d = {'b': 2, 'a': 1}
d['c'] = 3
del d['b']
print(d, d.get('z', 0), d.pop('a'), d, list(d.keys()), list(d.values()), d.setdefault('q', []))
for k, v in {'x': 1, 'y': 2}.items():
    print(k, v)
t = (1, 'two', 3.0)
print(t, t[1], len(t), t + (4,), t * 2, t.index(3.0))
s = {1, 2, 3}
s.add(4)
s.discard(1)
print(sorted(s), 2 in s, len(s), sorted(s | {9}), sorted(s & {2, 3}), sorted(s - {2}))
print(list(range(2, 10, 3)), list(enumerate('ab')), list(zip([1, 2], 'xy')), list(map(str, [1, 2])))
print(list(filter(None, [0, 1, 2])), sum([1, 2, 3]), max([1, 5, 2]), min('bca'), any([0, 1]), all([]))
print(dict(a=1), dict([('x', 1)]), list('abc'), tuple([1]), set(), frozenset(), str(), ' '.join(['a', 'b']))
print('a,b,,c'.split(','), ' x y '.split(), '  pad '.strip(), 'abc'.replace('b', 'B'), 'x'.center(5, '*'))
print('%d items at %.2f each: %s' % (3, 1.5, 'ok'), '{} and {:>4}'.format('a', 'b'), f"{'nested'!r:>10}")
`,
  functions: `def add(a, b=10, *args, c=3, **kw):
    return a + b + c + sum(args) + sum(kw.values())

print(add(1), add(1, 2), add(1, 2, 3, 4), add(1, c=0), add(1, d=100), add(*[1, 2], **{'c': 1}))

def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc

c = counter()
c()
c()
print(c())
total = 0
def bump():
    global total
    total += 5
bump()
print(total, (lambda x, y=2: x * y)(4))

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20), fact(30))

def make_adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in make_adders()])

def deep(n):
    return deep(n + 1)
try:
    deep(0)
except RecursionError as e:
    print('RecursionError', e)

def kwonly(*, a):
    return a
try:
    kwonly(1)
except TypeError as e:
    print(e)
try:
    add()
except TypeError as e:
    print(e)
print(add.__name__, fact.__qualname__, counter().__qualname__)
`,
  exceptions: `class MyError(ValueError):
    pass

def risky(n):
    if n == 0:
        raise MyError('zero')
    return 10 / n

for n in [2, 0]:
    try:
        print(risky(n))
    except MyError as e:
        print('caught', type(e).__name__, e, e.args, isinstance(e, ValueError))
    else:
        print('no error')
    finally:
        print('finally', n)

try:
    {}['missing']
except KeyError as e:
    print('KeyError', e, repr(e))
try:
    [][1]
except IndexError as e:
    print(e)
try:
    undefined_name
except NameError as e:
    print(e)
try:
    1 / 0
except (TypeError, ZeroDivisionError) as e:
    print(type(e).__name__, e)
try:
    try:
        raise ValueError('inner')
    except ValueError as e:
        raise RuntimeError('outer') from e
except RuntimeError as e:
    print(e, repr(e.__cause__), e.__suppress_context__)
try:
    try:
        int('x')
    except ValueError:
        raise TypeError('while handling')
except TypeError as e:
    print(e, type(e.__context__).__name__)

def f():
    try:
        return 'try'
    finally:
        print('cleanup')
print(f())

class Managed:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print('enter', self.name)
        return self
    def __exit__(self, kind, value, tb):
        print('exit', self.name, kind.__name__ if kind else None, value)
        return kind is KeyError

with Managed('a') as a, Managed('b') as b:
    print('body', a.name, b.name)
with Managed('c'):
    raise KeyError('swallowed')
print('after')
assert True, 'fine'
try:
    assert 1 == 2, 'math'
except AssertionError as e:
    print('assert', e)
`,
  uncaught: `def outer():
    inner()

def inner():
    x = {'a': 1}
    return x['b']

print('before')
outer()
`,
  classes: `class Animal:
    kind = 'animal'
    count = 0

    def __init__(self, name):
        self.name = name
        Animal.count += 1

    def speak(self):
        return f'{self.name} makes a sound'

    def __repr__(self):
        return f'Animal({self.name!r})'

class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed

    def speak(self):
        return super().speak() + ' (woof)'

    @staticmethod
    def legs():
        return 4

    @classmethod
    def create(cls, name):
        return cls(name, 'mutt')

    @property
    def label(self):
        return self.name.upper()

d = Dog.create('rex')
print(d.speak(), d.label, Dog.legs(), d.kind, Animal.count, repr(d), d)
print(isinstance(d, Animal), issubclass(Dog, Animal), type(d).__name__, Dog.__mro__)
m = d.speak
print(m(), getattr(d, 'breed'), hasattr(d, 'nope'), getattr(d, 'nope', 'default'))
setattr(d, 'age', 3)
print(d.age)

class Point:
    __slots__ = ('x', 'y')
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)
    def __str__(self):
        return f'({self.x}, {self.y})'
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __iter__(self):
        return iter((self.x, self.y))

p = Point(1, 2) + Point(3, 4)
print(p, p == Point(4, 6), p != Point(0, 0), len(p), p[0], list(p), hash(p) == hash((4, 6)))
try:
    p.z = 1
except AttributeError as e:
    print(e)

class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n
print(list(Countdown(3)))
`,
  generators: `import sys
def countdown(n):
    print('start')
    while n > 0:
        yield n
        n -= 1
    return 'done'

for x in countdown(3):
    print(x)
g = countdown(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print('stop', e.value)

def echo():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
e = echo()
next(e)
print(e.send(5), e.send(10))
def gen2():
    try:
        yield 1
        yield 2
    finally:
        print('cleanup')
g = gen2()
print(next(g))
g.close()
print(sum(x * x for x in range(10)), list(x for x in 'ab' if x != 'b'))
def inner():
    yield 1
    yield 2
    return 'r'
def outer():
    r = yield from inner()
    print('got', r)
    yield 3
print(list(outer()))
squares = (i * i for i in range(1000))
print(sys.getsizeof([i * i for i in range(1000)]), next(squares), next(squares))
def g3():
    yield from [1, 2]
print(list(g3()), list(zip(countdown(2), 'ab')))
print('end')
`,
  itertools: `import itertools
from itertools import count, islice, chain
print(list(islice(count(), 5)), list(islice(count(10, 2), 3)), list(islice('abcdefg', 1, 6, 2)))
print(list(chain([1, 2], 'ab', (3,))), list(chain.from_iterable([[1], [2, 3]])), list(itertools.islice(range(10), 3)))
c = count(5)
print(next(c), next(c))
`,
};

/**
 * Programs whose output depends on the collector (what `gc.collect()` finds, when `__del__` runs):
 * pymm's `generational` strategy with the 3.11 profile must print exactly what CPython 3.11 prints.
 */
export const GC_PROGRAMS: Record<string, string> = {
  tracemalloc: `import tracemalloc
tracemalloc.start()
data = [list(range(10)) for _ in range(100)]
current, peak = tracemalloc.get_traced_memory()
print(current > 50000, peak >= current, tracemalloc.is_tracing())
del data
tracemalloc.reset_peak()
c2, p2 = tracemalloc.get_traced_memory()
print(c2 < current, p2 == c2)
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
`,
  'identity, sizes and counts': `import sys, gc
a = 257
b = 257
print(a is b, 1000 + 1 == 1001)
class C:
    def m(self):
        pass
o = C()
print(sys.getrefcount(o), sys.getrefcount(C.m))
m1 = o.m
m2 = o.m
print(m1 is m2, m1 == m2, sys.getrefcount(o))
x = []
y = [x]
print(sys.getrefcount(x), gc.is_tracked(()), gc.is_tracked((1, 2)), gc.is_tracked({}), gc.is_tracked({'a': []}))
print(sys.getsizeof(()), sys.getsizeof((1, 2)), sys.getsizeof(o), sys.getsizeof(C), sys.getsizeof(m1), sys.getsizeof(iter([])))
gc.collect()
before = gc.get_count()
l = [[] for _ in range(10)]
print(before, gc.get_count())
`,
  'weak references': `import weakref, gc

class Thing:
    def __init__(self, name):
        self.name = name

def report(r):
    print('callback', r() is None)

t = Thing('a')
r = weakref.ref(t, report)
r2 = weakref.ref(t)
print(r() is t, r2() is t, weakref.getweakrefcount(t), weakref.ref(t) is r2)
del t
print(r(), r2())
a = Thing('cycle')
a.self = a
wr = weakref.ref(a, lambda ref: print('cycle gone'))
del a
print('before collect', wr() is not None)
print(gc.collect())
print(wr())
`,
  'generator finalizer': `def gen():
    try:
        yield 1
    finally:
        print('cleanup')
g = gen()
print(next(g))
del g
print('end')
`,
  'node cycle': `import gc, sys

class Node:
    def __init__(self, name):
        self.name = name
        self.ref = None
    def __del__(self):
        print('del', self.name)

a = Node('a')
b = Node('b')
a.ref = b
b.ref = a
print(sys.getrefcount(a), gc.is_tracked(a), gc.is_tracked(1), gc.is_tracked([]))
del a, b
print('collected', gc.collect())
x = 256
y = 256
print(x is y, sys.getsizeof([]), sys.getsizeof({}), sys.getsizeof(1), sys.getsizeof('abc'))
c = Node('c')
print(gc.get_threshold(), gc.isenabled())
def f():
    n = Node('local')
f()
print('end')
`,
};
