import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { skipWithoutCPython } from '../python3.js';
import { cpythonOf, cpythonOutput, pymmOutput, VERSIONS } from './version-oracle.js';

beforeAll(async () => {
  await loadParser();
});

/** `sys.getrefcount` of an argument inside the callee, for each way of calling. */
const PROGRAMS: Record<string, string> = {
  'positional, keyword, method and builtin calls': `import sys
class T:
    def m(self, x):
        return sys.getrefcount(x)
    def selfrc(self):
        return sys.getrefcount(self)
    @staticmethod
    def s(x):
        return sys.getrefcount(x)
    @classmethod
    def c(cls, x):
        return sys.getrefcount(x)
def f1(x):
    return sys.getrefcount(x)
def f2(a, x):
    return sys.getrefcount(x)
def fdef(x, y=None):
    return sys.getrefcount(x)
def fstar(*args):
    return sys.getrefcount(args[0])
def fkw(**kw):
    return sys.getrefcount(kw['x'])
def fkwonly(*, x):
    return sys.getrefcount(x)
def nested(x):
    return f1(x)
def after(x):
    y = x
    return sys.getrefcount(x)
def glob():
    return sys.getrefcount(g)
def main():
    t = T()
    o = T()
    print('module-ish local', sys.getrefcount(o))
    print('f1', f1(o))
    print('f2', f2(1, o))
    print('fdef', fdef(o))
    print('f1 kw', f1(x=o))
    print('fkwonly', fkwonly(x=o))
    print('fstar', fstar(o))
    print('fstar splat', fstar(*[o]))
    print('fkw', fkw(x=o))
    print('fkw splat', fkw(**{'x': o}))
    print('method', t.m(o))
    print('self', t.selfrc())
    b = t.m
    print('bound', b(o))
    print('static', T.s(o))
    print('static via inst', t.s(o))
    print('classm', T.c(o))
    print('unbound', T.m(t, o))
    print('nested', nested(o))
    print('after', after(o))
    print('lambda', (lambda x: sys.getrefcount(x))(o))
    print('list of', sys.getrefcount([o][0]))
    print('builtin id', len([o]))
    print('expr', f1(o) + f1(o))
    l = [o]
    print('after list', sys.getrefcount(o))
    print('in list arg', f1(l[0]))
    print('call fresh', f1(T()))
    print('call attr', f1(t.m))
    print('print', sys.getrefcount(o), f1(o))
g = T()
print('global', sys.getrefcount(g))
print('global f1', f1(g))
print('glob fn', glob())
x = T()
print('global x', sys.getrefcount(x))
main()
class K:
    def __init__(self, v):
        self.r = sys.getrefcount(v)
o2 = T()
print('init', K(o2).r)
def gen(x):
    yield sys.getrefcount(x)
print('gen', next(gen(o2)))
print('map', list(map(f1, [o2])))
print('sorted key', sorted([o2], key=f1) and 0)
`,
  'calls with * and **, and classes': `import sys
def f1(x):
    return sys.getrefcount(x)
def f2(x, y=0):
    return sys.getrefcount(x)
def fstar(*args):
    return sys.getrefcount(args[0])
def fkw(**kw):
    return sys.getrefcount(kw['x'])
class K:
    def __init__(self, v=None, w=None):
        self.r = sys.getrefcount(v)
    def m(self, x, y=0):
        return sys.getrefcount(x)
class N:
    def __new__(cls, v):
        print('new', sys.getrefcount(v))
        return object.__new__(cls)
def main():
    o = K()
    t = (o,)
    l = [o]
    d = {'x': o}
    print('f1 *t', f1(*t))
    print('f1 *l', f1(*l))
    print('f1 **d', f1(**d))
    print('fstar *t', fstar(*t))
    print('fkw **d', fkw(**d))
    print('f2 *t kw', f2(*t, y=1))
    print('f2 o *l', f2(o, *[]))
    print('K(o)', K(o).r)
    print('K(v=o)', K(v=o).r)
    print('K(*t)', K(*t).r)
    print('m *t', o.m(*t))
    print('m **d', o.m(**d))
    print('f1 kw+', f2(x=o, **{'y': 1}))
main()
`,
};

for (const version of VERSIONS) {
  const python = cpythonOf(version);
  describe.skipIf(skipWithoutCPython(python))(`calls count references as CPython ${version}`, () => {
    for (const [name, source] of Object.entries(PROGRAMS)) {
      it(name, () => {
        expect(pymmOutput(source, version)).toBe(cpythonOutput(source, python!));
      });
    }
  });
}
