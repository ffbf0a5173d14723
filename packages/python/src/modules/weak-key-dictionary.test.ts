import { describePrintsAsCPython311 } from '../testing/prints-as-cpython.js';

const PROGRAMS: Record<string, string> = {
  'entries leave when their keys die': `import weakref, gc
class K:
    pass
def f():
    pass
d = weakref.WeakKeyDictionary()
ks = [K() for i in range(4)]
for i, k in enumerate(ks):
    d[k] = i
d[f] = 'f'
d[K] = 'class'
print(len(d), ks[2] in d, K() in d, d[ks[3]], d.get(ks[1]), d.get(K()), d.get(K(), 'x'), d[f], d[K])
d[ks[0]] = 100
print(len(d), d[ks[0]])
ks.pop()
print(len(d), sorted(d[k] for k in d if isinstance(k, K)))
del d[ks[1]]
a, b = K(), K()
a.b, b.a = b, a
d[a] = 'cycle'
del a, b
print(len(d), gc.collect() > 0, len(d))
ks.clear()
print(len(d), type(d).__name__)
held = K()
for call in [lambda: d.__setitem__(1, 1), lambda: d[held], lambda: d.__delitem__(held)]:
    try:
        call()
    except KeyError as e:
        print('KeyError', e.args[0]() is held)
    except Exception as e:
        print(type(e).__name__, e)
`,
};

describePrintsAsCPython311('weakref.WeakKeyDictionary prints what CPython 3.11 prints', PROGRAMS);
