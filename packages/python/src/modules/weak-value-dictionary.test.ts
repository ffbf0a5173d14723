import { describePrintsAsCPython311 } from '../testing/prints-as-cpython.js';

const PROGRAMS: Record<string, string> = {
  // Found by the fuzzer: the KeyError's key was leaked.
  'a missing key raises KeyError with the key': `import weakref
c = weakref.WeakValueDictionary()
u = 'abc' + str(1)
for op in [lambda: c[u], lambda: c.__delitem__(u)]:
    try:
        op()
    except KeyError as e:
        print(repr(e))
`,
  'entries leave when their values die': `import weakref, gc
class V:
    def __init__(self, n):
        self.n = n
d = weakref.WeakValueDictionary()
vs = [V(i) for i in range(4)]
for v in vs:
    d[v.n] = v
print(len(d), 2 in d, 9 in d, d[3].n, d.get(1).n, d.get(9), d.get(9, 'x'))
vs.pop()
print(len(d), 3 in d, sorted(d.keys()), sorted(v.n for v in d.values()), sorted(d))
old = vs[0]
d[0] = V(100)
print(len(d), 0 in d)
del old, vs[0]
print(len(d), sorted(d.keys()))
a, b = V('a'), V('b')
a.b, b.a = b, a
d['a'] = a
del a, b
print(len(d), gc.collect() > 0, len(d))
del d[1]
print(sorted(d.keys()), type(d).__name__)
e = weakref.WeakValueDictionary({'k': d.get(2)})
print(len(e))
`,
  errors: `import weakref
d = weakref.WeakValueDictionary()
for call in [lambda: d.__setitem__('x', 1), lambda: d['missing'], lambda: d.__delitem__('missing'),
             lambda: d.__setitem__([], d)]:
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
`,
};

describePrintsAsCPython311('weakref.WeakValueDictionary prints what CPython 3.11 prints', PROGRAMS);
