import { describePrintsAsCPython311 } from '../testing/prints-as-cpython.js';

const PROGRAMS: Record<string, string> = {
  'members leave when they die': `import weakref, gc
class A: pass
s = weakref.WeakSet()
a = A()
s.add(a)
s.add(a)
print(len(s), a in s, A() in s)
del a
print(len(s))
b = [A() for i in range(5)]
t = weakref.WeakSet(b)
print(len(t), sorted(id(x) for x in t) == sorted(id(x) for x in b))
b.pop()
t.discard(b[0])
t.remove(b[1])
print(len(t))
c = [A(), A()]
c[0].other = c[1]
c[1].other = c[0]
t.add(c[0])
del c
print(len(t), gc.collect() > 0, len(t))
t.clear()
print(len(t), type(t).__name__)
`,
  errors: `import weakref
s = weakref.WeakSet()
class A: pass
held = A()
for call in [lambda: s.add(1), lambda: s.remove(held), lambda: weakref.WeakSet([[]])]:
    try:
        call()
    except KeyError as e:
        print('KeyError', e.args[0]() is held)
    except Exception as e:
        print(type(e).__name__, e)
`,
};

describePrintsAsCPython311('weakref.WeakSet prints what CPython 3.11 prints', PROGRAMS);
