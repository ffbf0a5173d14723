import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { skipWithoutCPython } from '../python3.js';
import { cpythonOf, cpythonOutput, pymmOutput, VERSIONS } from './version-oracle.js';

beforeAll(async () => {
  await loadParser();
});

/** Uncaught exceptions raised by each kind of instruction: their tracebacks' position markers. */
const SHAPES: Record<string, string> = {
  assert: `assert 1 == 2
`,
  attr: `x = None
y = x.foo
`,
  'attr stmt': `x = None
x.foo
`,
  binop: `a = 1
b = 0
c = a / b
`,
  'binop chain': `x = 1 + 2 + 'a'
`,
  'binop floordiv': `a = 1
c = a // 0
`,
  'binop paren': `a = 1
b = 0
c = (a + 1) / (b)
`,
  'binop pow': `a = 'x'
c = (a) ** 2
`,
  'binop stmt': `a = 1
b = 0
a / b
`,
  'builtin call': `x = int('a')
`,
  'builtin call stmt': `int('a')
`,
  'call arg': `def f(x):
    raise ValueError('v')
print(f(1))
`,
  'call assign': `def f():
    raise ValueError('v')
x = f()
`,
  'call aug': `def f():
    raise ValueError('v')
x = 1
x += f()
`,
  'call comment': `def f():
    raise ValueError('v')
f()  # comment
`,
  'call if': `def f():
    raise ValueError('v')
if f():
    pass
`,
  'call method': `class A:
    def m(self):
        raise ValueError('v')
a = A()
a.m()
`,
  'call method assign': `class A:
    def m(self):
        raise ValueError('v')
a = A()
x = a.m()
`,
  'call plus': `def f():
    raise ValueError('v')
x = f() + 1
`,
  'call ret': `def f():
    raise ValueError('v')
def g():
    return f()
g()
`,
  'call ret attr': `class A:
    def m(self):
        raise ValueError('v')
def g(a):
    return a.m()
g(A())
`,
  'call semicolon': `def f():
    raise ValueError('v')
x = 1; f()
`,
  'call stmt': `def f():
    raise ValueError('v')
f()
`,
  'call sub': `fs = [None]
x = fs[0]()
`,
  compare: `x = 1 < 'a'
`,
  'div in call': `print(1 / 0)
`,
  kwcall: `def f(a):
    raise ValueError
x = f(a=1)
`,
  'lambda call': `f = lambda: 1 / 0
f()
`,
  'len call': `x = len(5)
`,
  name: `print(undefined_name)
`,
  'name stmt': `undefined_name
`,
  'nested call': `def f():
    raise ValueError
print(str(f()))
`,
  'raise from': `try:
    1/0
except ZeroDivisionError as e:
    raise ValueError('x') from e
`,
  'raise indent': `def f():
    if True:
        raise KeyError('k')
f()
`,
  'ret builtin': `def g():
    return int('z')
g()
`,
  'store sub': `d = []
d[0] = 1
`,
  'sub assign': `d = {}
v = d['x']
`,
  'sub call': `def f():
    return {}
x = f()['k']
`,
  'sub nested': `d = {'a': {}}
v = d['a']['b']
`,
  'sub ret': `def f(d):
    return d['x']
f({})
`,
  'sub space': `d = {}
v = d [ 'x' ] 
`,
  'sub stmt': `d = {}
d['x']
`,
  'tab utf8': `s = 'é'
x = s + 1
`,
  unary: `x = -'a'
`,
  unpack: `a, b = [1]
`,
};

for (const version of VERSIONS) {
  const python = cpythonOf(version);
  describe.skipIf(skipWithoutCPython(python))(`tracebacks mark positions as CPython ${version}`, () => {
    for (const [name, source] of Object.entries(SHAPES)) {
      it(name, () => {
        expect(pymmOutput(source, version)).toBe(cpythonOutput(source, python!));
      });
    }
  });
}
