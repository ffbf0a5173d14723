import { describePrintsAsCPython311 } from '../testing/prints-as-cpython.js';

const PROGRAMS: Record<string, string> = {
  'forwards operations and dies': `import weakref, sys, gc
class A:
    def __init__(self):
        self.v = [1, 2, 3]
    def __len__(self):
        return len(self.v)
    def __iter__(self):
        return iter(self.v)
    def __add__(self, o):
        return 'add'
    def __radd__(self, o):
        return 'radd'
    def __eq__(self, o):
        return 'eq'
    def __lt__(self, o):
        return 'lt'
    def __getitem__(self, k):
        return k * 2
    def __setitem__(self, k, v):
        print('set', k, v)
    def __delitem__(self, k):
        print('del', k)
    def __contains__(self, x):
        return x == 5
    def __neg__(self):
        return 'neg'
    def __str__(self):
        return 'an A'
    def __call__(self, *a, **k):
        return (a, k)
a = A()
p = weakref.proxy(a)
print(p + 1, 1 + p, p == 1, p < 1, len(p), list(p), p[3], 5 in p, 4 in p, -p, str(p), bool(p))
p[1] = 2
del p[4]
print(p(1, x=2), type(p).__name__ if False else type(p), callable(p))
print(int(repr(p).split()[2], 16) == id(p), int(repr(p).split()[5][:-1], 16) == id(a))
print(sys.getsizeof(p), sys.getrefcount(p), gc.is_tracked(p))
try:
    hash(p)
except TypeError as e:
    print(e)
try:
    {p: 1}
except TypeError as e:
    print(e)
p.w = 5
print(a.w, p.w, hasattr(p, 'w'))
del p.w
print(hasattr(a, 'w'))
try:
    del p.zz
except AttributeError as e:
    print(e)
try:
    p.zz
except AttributeError as e:
    print(e)
print(weakref.proxy(a) is p, p.__class__, isinstance(p, weakref.ProxyTypes))
def f(x):
    return x + 1
q = weakref.proxy(f)
print(q(1), type(q), callable(q))
class B:
    pass
b = B()
pb = weakref.proxy(b)
try:
    pb()
except TypeError as e:
    print(type(e).__name__)
try:
    pb + 1
except TypeError as e:
    print(e)
del a
for op in [lambda: p.v, lambda: str(p), lambda: p + 1, lambda: len(p), lambda: p == 1, lambda: bool(p)]:
    try:
        op()
    except ReferenceError as e:
        print('ReferenceError', e)
print(repr(p).split()[4], int(repr(p).split()[5][:-1], 16) == id(None))
print(weakref.getweakrefcount(b), weakref.getweakrefs(b)[0] is pb)
print(type(pb).__name__, type(q).__name__, weakref.ProxyType, weakref.CallableProxyType.__name__)
`,
  'callbacks run in list order with references': `import weakref, gc
class A:
    def __del__(self):
        print('del A')
a = A()
def cb(name):
    return lambda r: print('callback', name, type(r) is weakref.ProxyType)
p1 = weakref.proxy(a, cb('p1'))
r1 = weakref.ref(a, cb('r1'))
p0 = weakref.proxy(a)
r0 = weakref.ref(a)
p2 = weakref.proxy(a, cb('p2'))
f = weakref.finalize(a, print, 'finalizer')
print([type(w) is weakref.ref for w in weakref.getweakrefs(a)])
print(weakref.getweakrefs(a)[0] is r0, weakref.getweakrefs(a)[1] is p0, weakref.getweakrefcount(a))
del a
print('after')
`,
  'errors, proxies of classes, finalizer keywords': `import weakref, gc, sys
class A:
    pass
for call in [lambda: weakref.ProxyType(), lambda: weakref.CallableProxyType(1), lambda: weakref.proxy(1), lambda: weakref.proxy(), lambda: weakref.finalize(A())]:
    try:
        call()
    except TypeError as e:
        print('TypeError', e)
pa = weakref.proxy(A)
print(pa.__name__, pa().__class__.__name__, type(pa).__name__)
a = A()
p = weakref.proxy(a)
print(len(gc.get_referents(p)), gc.get_referents(p) == [])
print(sys.getrefcount(a))
def cb(r):
    print('cb', r is q)
q = weakref.proxy(a, cb)
class C:
    pass
x = A()
f = weakref.finalize(x, print, 'bye', sep='!')
print(f.peek()[3])
x2 = A()
print(weakref.finalize(x2, lambda: 1)() , 'call')
del x2
del a
print(p.__class__ if False else 'dead ok')
`,
};

describePrintsAsCPython311('weakref.proxy prints what CPython 3.11 prints', PROGRAMS);
