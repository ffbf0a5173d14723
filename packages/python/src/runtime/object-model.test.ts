/**
 * Objects, classes and functions as CPython 3.11, 3.12 and 3.13 run them: `__dict__` and
 * `vars()`, a class's `__hash__`/`__eq__` in dict and set keys, `__slots__` and `__new__`,
 * `__closure__`, an instance's reference to its class, `gc.get_referents`, the `DEBUG_*` flags.
 * Each program runs under CPython of each version and under pymm's generational collector with
 * that version's profile; stdout must agree (and stderr, with addresses and timings masked).
 */
import { spawnSync } from 'node:child_process';
import { generational } from '@pymm/generational';
import { pythonExecutable } from '@pymm/testkit/run-cpython';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { runPythonSync } from '../run-python.js';

const VERSIONS = ['3.11', '3.12', '3.13'] as const;

const PROGRAMS: Record<string, string> = {
  'instance dict': `
import gc, sys
class P:
    """A point."""
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = P(1, [2])
print(gc.is_tracked(p), sorted(type(r).__name__ for r in gc.get_referents(p)))
print(vars(p), p.__dict__ is vars(p), gc.is_tracked(p.__dict__))
p.__dict__['z'] = 5
p.w = 9
del p.x
print(p.z, p.__dict__, hasattr(p, 'x'))
p.__dict__ = {'q': 1}
print(p.q, hasattr(p, 'y'), p.__dict__)
for bad in (3, [1]):
    try:
        p.__dict__ = bad
    except TypeError as e:
        print(e)
e = P(1, 2)
print(gc.is_tracked(e.__dict__), sys.getsizeof(e))
print(P.__doc__, P.__qualname__, P.__module__, '__qualname__' in P.__dict__, P.__dict__['__doc__'])
class Q(P):
    pass
print(Q.__doc__, Q.__mro__, Q.__bases__, Q.__base__, type(Q(1, 2)).__mro__ == (Q, P, object))
class A:
    pass
class B:
    def hello(self):
        return 'hello from ' + type(self).__name__
a = A()
a.v = 1
a.__class__ = B
print(a.hello(), a.v, vars(a))
try:
    vars(3)
except TypeError as e:
    print(e)
`,
  'keys by __hash__ and __eq__': `
calls = []
class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        calls.append(('hash', self.v))
        return hash(self.v)
    def __eq__(self, other):
        calls.append(('eq', self.v))
        return isinstance(other, K) and self.v == other.v
    def __repr__(self):
        return 'K(%r)' % self.v
d = {K(1): 'a', K(2): 'b'}
print(d[K(1)], K(2) in d, K(3) in d, d.get(K(3), 'none'))
s = {K(1), K(1), K(2)}
print(len(s), K(2) in s)
del d[K(2)]
print(d, calls)
print(hash(frozenset([1, 2, 3])), hash(frozenset()), hash(frozenset([(1, 2), 5])))
print({frozenset([1, 2]): 1}[frozenset([2, 1])], frozenset([3]) in {frozenset([3])})
print({3, 1, 2}, frozenset([2, 1]), set([10, 9, 3]), {8, 1, 16}, set(range(50, 0, -3)))
s = {x * 7 for x in range(20)}
s.discard(7)
s.add(1000)
print(s, list(s)[:5], frozenset({frozenset([1]), frozenset([2, 3])}))
class E:
    def __eq__(self, other):
        return True
class F(E):
    def __hash__(self):
        return 7
class G(F):
    def __eq__(self, other):
        return False
print(E.__hash__, hash(F()), F() in {F(): 1}, G.__hash__)
for cls in (E, G):
    try:
        {cls(): 1}
    except TypeError as e:
        print(e)
`,
  'slots, __new__ and __class__': `
class Point:
    __slots__ = ('y', 'x')
class Point3(Point):
    __slots__ = ('z',)
p = Point.__new__(Point)
try:
    p.x
except AttributeError as e:
    print(e)
try:
    p.w = 1
except AttributeError as e:
    print(e)
try:
    p.__dict__
except AttributeError as e:
    print(e)
q = object.__new__(Point3)
q.z = 3
print(q.z, type(q).__name__, q.__class__ is Point3)
class N:
    def __new__(cls, *args):
        inst = super().__new__(cls)
        inst.made = args
        return inst
print(N(1, 2).made)
try:
    object.__new__(N, 1)
except TypeError as e:
    print(e)
try:
    object.__new__(int)
except TypeError as e:
    print(e)
class Loud:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
class Slotted:
    __slots__ = ('b', 'a', 'c')
class Deeper(Slotted):
    __slots__ = ('e', 'd')
s = Deeper()
for n in 'abcde':
    setattr(s, n, Loud(n))
del s
`,
  'closures and functions': `
import gc
def outer(a, b=2, *, c=3):
    x = 1
    def inner():
        return x + a
    return inner
g = outer(1)
print(len(g.__closure__), g.__closure__[0].cell_contents, type(g.__closure__).__name__)
print(gc.is_tracked(g.__closure__), outer.__closure__, outer.__defaults__, outer.__kwdefaults__)
print(outer.__name__, g.__qualname__, g.__module__, g.__globals__ is globals())
gc.collect()
def recursive():
    def countdown(n):
        return 'done' if n == 0 else countdown(n - 1)
    return countdown
f = recursive()
print(f(3))
del f
print('function, cell, closure tuple:', gc.collect())
def counter():
    counter.calls += 1
    return counter.calls
counter.calls = 0
counter()
counter()
print(counter.calls, counter.__dict__)
counter.__name__ = 'renamed'
print(counter.__name__, counter.__qualname__)
try:
    counter.__name__ = 3
except TypeError as e:
    print(e)
class Base:
    pass
class A(Base):
    pass
class B(Base):
    pass
class C(A):
    pass
print(Base.__subclasses__(), A.__subclasses__(), C.__subclasses__())
`,
  'instances hold their class': `
import gc, sys
def main():
    class K:
        pass
    base = sys.getrefcount(K)
    instances = [K() for i in range(5)]
    print(sys.getrefcount(K) - base)
    instances.clear()
    print(sys.getrefcount(K) - base)
    class Sub(K):
        pass
    print(sys.getrefcount(K) - base)
    k = K()
    k.items = [1]
    print(sorted(type(r).__name__ for r in gc.get_referents(k)))
    print(sorted(type(r).__name__ for r in gc.get_referents({'a': [], 'b': ()})))
    print(sorted(type(r).__name__ for r in gc.get_referents({1: [], 'b': ()})))
main()
`,
  'gc debug flags': `
import gc
class X:
    pass
gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
x = X()
x.me = x
del x
print(gc.collect(), len(gc.garbage), type(gc.garbage[0]).__name__)
gc.set_debug(0)
gc.garbage.clear()
print(gc.collect(), gc.garbage, gc.get_debug())
gc.set_debug(gc.DEBUG_COLLECTABLE)
x = X()
x.me = x
del x
print(gc.collect())
gc.set_debug(0)
`,
};

/** Masks what no two runs share: addresses. */
const mask = (text: string) => text.replace(/0x[0-9a-f]+/g, '0x?');

beforeAll(async () => {
  await loadParser();
});

describe.each(VERSIONS)('objects, classes and functions as CPython %s', (version) => {
  for (const [name, source] of Object.entries(PROGRAMS)) {
    it(name, () => {
      const cpython = spawnSync(pythonExecutable(version), ['-c', source], { encoding: 'utf8' });
      const result = runPythonSync(source, {
        strategy: generational({ profile: `cpython-${version}` }),
        version,
        filename: '<string>',
      });
      expect(result.stdout).toBe(cpython.stdout);
      expect(mask(result.stderr)).toBe(mask(cpython.stderr));
      expect(result.exitCode).toBe(cpython.status);
    });
  }
});
