import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pythonExecutable } from '@pymm/testkit/run-cpython';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionDef, Node } from '../ast-nodes.js';
import { loadParser } from '../load-parser.js';
import { parsePythonSync } from '../parse-python.js';
import { type CodeVersion, nlocalsPlus, stackDepth } from './stack-depth.js';
import { type Scope, SymbolTable } from './symtable.js';

const PROGRAMS = join(dirname(fileURLToPath(import.meta.url)), '../../../../conformance/programs');

/** Constructs beyond the corpus: each snippet is a module whose code objects are all compared. */
const SNIPPETS: string[] = [
  'def f(a, b):\n    return a + b * (a - b) / (a + 1)\n',
  'def f(x):\n    return x and x.y or not x\n',
  'def f(x):\n    if x and x.a or x.b:\n        return 1\n    return 2\n',
  'def f(a, b, c):\n    return a < b < c\n',
  'def f(a, b, c, d):\n    if a < b <= c < d:\n        return a\n',
  'def f(o):\n    return o.m(1, 2, 3), o.n(k=1)\n',
  'def f(g):\n    return g(1, 2, x=3, y=4)\n',
  'def f(g, a, k):\n    return g(*a), g(*a, **k), g(1, *a, 2), g(**k), g(a=1, **k)\n',
  'def f(a):\n    return [1, 2, 3, 4], (1, 2), {1, 2, 3}, [a, a, a], (a, a), {a: 1, "b": 2}, {"x": a, "y": a}\n',
  'def f(a):\n    return {a: a, a: 1}, {**a}, {"k": 1, **a}, [*a], (*a, 1), {*a, 2}\n',
  'def f(a):\n    return f"{a} and {a!r:>10} {a:{a}}"\n',
  'def f(a):\n    return a[1], a[1:2], a[::2], a[a:a:a], a[:]\n',
  'def f(a):\n    a[1] = 2\n    a.b = 3\n    a[1:2] = []\n    del a[0], a.b\n',
  'def f(a):\n    a += 1\n    a.x += 2\n    a[0] += 3\n    a[1:2] += [4]\n',
  'def f(a):\n    x, y = a\n    (p, q), r = a\n    first, *rest = a\n    a.x, a[0] = 1, 2\n    x = y = a\n',
  'def f(n):\n    for i in range(n):\n        for j in range(i):\n            if j:\n                break\n        else:\n            continue\n    while n:\n        n -= 1\n',
  'def f(n):\n    for i in n:\n        return i\n',
  'def f(n):\n    try:\n        return n[0]\n    except IndexError:\n        return None\n    except (KeyError, TypeError) as e:\n        raise ValueError(n) from e\n    else:\n        pass\n',
  'def f(n):\n    try:\n        n()\n    finally:\n        n.close()\n',
  'def f(n):\n    try:\n        return n()\n    except Exception:\n        pass\n    finally:\n        print(n)\n',
  'def f(n):\n    for x in n:\n        try:\n            return x\n        finally:\n            print(x)\n',
  'def f(p):\n    with open(p) as fh:\n        return fh.read()\n',
  'def f(p):\n    with open(p) as a, open(p) as b:\n        print(a, b)\n',
  'def f(p):\n    for x in p:\n        with x:\n            break\n',
  'def f(n):\n    return [x * y for x in range(n) for y in range(x) if x if y]\n',
  'def f(n):\n    return {x: x * x for x in range(n)}, {x for x in n}, sum(x for x in n)\n',
  'def f(n):\n    return [[y for y in x] for x in n]\n',
  'def f(n):\n    return lambda a, b=1, *c, d=2, **e: a + b + n\n',
  'def f(n):\n    def g(a=n, *, b=n):\n        return a + b + n\n    return g\n',
  'def f(n):\n    @staticmethod\n    @n.deco(1)\n    def g():\n        pass\n    return g\n',
  'class C:\n    x = 1\n    def m(self):\n        return self.x\n    @property\n    def p(self):\n        return 2\n',
  'class D(object, metaclass=type):\n    pass\n',
  'def f():\n    class E(Exception):\n        def __init__(self, a):\n            super().__init__(a)\n    return E\n',
  'def gen(n):\n    x = yield n\n    y = yield\n    yield from range(x)\n    return y\n',
  'def gen(n):\n    for i in range(n):\n        yield i * i\n',
  'def gen(p):\n    with open(p) as f:\n        for line in f:\n            yield line\n',
  'def gen(n):\n    try:\n        yield 1\n    except GeneratorExit:\n        yield 2\n    finally:\n        yield 3\n',
  'def gen(n):\n    yield n, (yield n), [(yield)]\n',
  'def f(n):\n    assert n, "message"\n    assert n > 0\n    import os\n    import os.path as p\n    from sys import getsizeof, intern\n    global G\n    G = n\n    return p\n',
  'def f(n):\n    if (m := n + 1) > 2:\n        return m\n    return [y := 5, y ** 2]\n',
  'def f(n):\n    return n if n else -n, not n, ~n, -1, 1 + 2, "a" * 2, (1, (2, 3))\n',
  'def f(a, b):\n    a, b = b, a\n    a, b, c = b, a, 1\n    return a\n',
  'def f():\n    pass\n',
  'def f():\n    return\n',
  'def f(a):\n    print(a, sep="", end="")\n    print(*a)\n    return a.b.c.d(a.e(a.f(1)))\n',
  'x = 1\nfor i in range(3):\n    x += i\nprint(x)\n',
  'def outer():\n    v = 1\n    def inner():\n        nonlocal v\n        v += 1\n        return v\n    return inner\n',
  'def cells(a, b):\n    def g():\n        return a + c\n    c = 1\n    return g\n',
  'def f(n):\n    while True:\n        try:\n            n.pop()\n        except IndexError:\n            break\n        except KeyError:\n            continue\n',
  'def f(n):\n    try:\n        pass\n    except:\n        raise\n',
  `def g1(x):
    try:
        yield x
    finally:
        x.close()
def g2(x):
    with x:
        yield 1
def g3(x):
    try:
        pass
    except ValueError as e:
        yield e
def g4(x):
    yield from x
    return (yield from x)
def g5(x):
    for i in x:
        try:
            yield i
        except Exception:
            pass
def f1(x):
    try:
        x()
    except:
        pass
def f2(x):
    try:
        x()
    except ValueError:
        pass
    except TypeError as e:
        print(e)
    else:
        print(1)
    finally:
        print(2)
def f3(x):
    while x:
        with x as (a, b):
            continue
def f4(x):
    return {k: v for k, v in x.items() if v}, [i for i in range(3) if i % 2 == 0]
def f5(x):
    del x
    x = 1
    return x
def f6(x):
    a = b = c = x
    a.b.c = x[1] = 2
def f7(x):
    return x[1][2][3], x(1)(2)(3), x.a(1).b(2)
def f8(a, b):
    assert isinstance(a, int), f"bad {a!r}"
    raise ValueError("x") from None
def f9(*args, **kwargs):
    return args, kwargs, len(args) + len(kwargs)
def f10(a, /, b, *, c):
    return lambda: a + b + c
class K:
    def __init__(self):
        self.x = [1, 2, 3]
    def __iter__(self):
        yield from self.x
    def __repr__(self):
        return f'K({self.x})'
    @classmethod
    def make(cls):
        return cls()
def f11(n):
    total = 0
    for i in range(n):
        if i % 3 == 0 and i % 5 == 0:
            total += i
        elif i % 3 == 0 or i > 100:
            total -= 1
        else:
            continue
    return total
def f12(x):
    return x if x > 0 else (-x if x < 0 else 0)
def f13(s):
    return s.upper().lower().split(',')[0].strip()
def f14(d):
    for k, v in sorted(d.items(), key=lambda kv: kv[1], reverse=True):
        print(k, v, sep=': ')
def f15(x):
    global G
    G += 1
    try:
        return x / 0
    except ZeroDivisionError:
        return float('inf')
def f16(x):
    with open(x) as f, open(x) as g, open(x) as h:
        return f.read() + g.read() + h.read()
def f17(x):
    try:
        try:
            x()
        finally:
            x()
    except Exception as e:
        try:
            raise
        except:
            pass
def f18(items):
    return sum(i * i for i in items if i), max((len(s) for s in items), default=0)
def f19(x):
    x[0], x[1] = x[1], x[0]
    (a, b), c = x
    return a
def f20(x):
    print(*x, sep=', ', end='\\n', file=None)
def f21():
    return [(i, j) for i in range(3) for j in range(i) if (i + j) % 2]
def f22(x):
    return x @ x, x ** 2, x // 3, x % 4, x << 1, x >> 1, x & 1, x | 2, x ^ 3
def f23(x):
    return x is None, x is not None, x in [1, 2], x not in (1, 2), not x
def f24(x):
    if not x:
        return
    for i in x:
        pass
    else:
        return i
x = [1, 2, 3][1:]
y = {'a': [1, 2], 'b': (3, 4)}['a'][0]
import os, sys
from os import path as p, sep
z = sys.getsizeof([]) + sys.getsizeof({})
print(f'{z:>10}', f'{z!s}', f'{"a"}{z}{"b"}')
w = [1, 2, 3] * 2 + [4]
`,
  `f(**k)
f(a, **k)
f(*a, **k)
f(x=1, **k)
f(**k, x=1)
f(x=1, **k, y=2, z=3)
f(**k, **j)
f(1, *a)
f(1, *a, 2, 3)
f(*a, *b)
f(*[1, 2, 3, 4], c=5, d=6, e=7)
f(**{'a': 'A', 'b': 'B', 'z': 'Z'})
o.m(*a)
o.m(x=1)
print(1 < 2 < 3, 1 < 3 < 2, not 0, 0 or 'default', 'a' and 'b', None or 0)
print(x or 0, x and y or z)
[*a, 1, 2]
[1, 2, *a]
(1, *a, 3)
{*a, 1}
{'a': 1, **k}
{**k, 'a': 1, 'b': 2}
print(f'{a} and {a!r:>10} {a:{a}}')
`,
  `def a1(x):
    while x > 0 and x.y < 3 or not x.z:
        x -= 1
        if x in (1, 2, 3):
            break
    else:
        return -1
    return x
def a2(items):
    out = {}
    for i, (k, v) in enumerate(items):
        out.setdefault(k, []).append((i, v))
    return out
def a3(s):
    t = s[::-1] + s[1:-1] + s[:2]
    s[0:2] = t
    del s[::2]
    return s[len(s) // 2]
def a4(n):
    result = []
    for i in range(n):
        try:
            if i % 2:
                continue
            result.append(i)
        except ValueError:
            break
        finally:
            result.append(-i)
    return result
def a5(path):
    with open(path) as f:
        for line in f:
            if not line:
                continue
            with open(line) as g:
                yield g.read()
def a6(*args, key=None, **kw):
    return sorted(args, key=key, **kw)[0] if args else None
def a7(obj):
    return [getattr(obj, name)() for name in dir(obj) if not name.startswith('_') and callable(getattr(obj, name))]
def a8(x):
    global counter
    counter = counter + 1 if 'counter' in globals() else 0
    return {**x, 'count': counter, **{'a': 1}}
def a9(n):
    fns = []
    for i in range(n):
        def f(j=i):
            return j * n
        fns.append(f)
    return [f() for f in fns]
def b1(x):
    assert x, 'x must be truthy: %s' % (x,)
    return '%d-%s' % (x, x), '{} {}'.format(x, x), f'{x=}'
def b2(m):
    return m[0][1] + m[1][0] * m[2][2] - (m[0][0] or 1) // (m[1][1] and 2)
def b3(x):
    try:
        return int(x)
    except (TypeError, ValueError) as exc:
        raise RuntimeError(f'bad {x!r}') from exc
    finally:
        del x
def b4(it):
    first, *middle, last = it
    (a, *b), c = it, 1
    return first, middle, last, a, b, c
def b5(n):
    x = y = z = 0
    x, y = y, x
    x, y, z = z, y, x
    x += y * z
    return x if x else y if y else z
def b6(d):
    for k in list(d):
        if d[k] is None:
            del d[k]
        elif isinstance(d[k], dict):
            b6(d[k])
    return len(d) > 0 and all(v is not None for v in d.values())
class B7:
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]
    def __init__(self, *args):
        super().__init__()
        self.args = args
    def __eq__(self, other):
        return isinstance(other, B7) and self.args == other.args
    def __hash__(self):
        return hash(self.args)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return False
def b8(n):
    def inner(k):
        def innermost():
            return n + k
        return innermost
    return inner(n)()
def b9(gen):
    total = 0
    for x in gen:
        total += yield x
    return total
def c1(x):
    return lambda y: lambda z: x + y + z
def c2(n):
    return {i: [j for j in range(i)] for i in range(n)}, {frozenset([i]) for i in range(n)}
def c3(data):
    return max(data, key=lambda p: (p[1], -p[0])), min(data, default=None), sum(data, start=())
def c4(a, b):
    if a is None or b is None:
        raise TypeError
    elif a < b:
        return -1
    elif a > b:
        return 1
    return 0
def c5(x):
    while True:
        x = x.next
        if x is None:
            return
def c6(fs):
    for f in fs:
        with f:
            try:
                yield from f
            except StopIteration:
                return
import gc as _gc, sys as _sys
if _sys.version_info >= (3, 11):
    VALUE = [_gc.isenabled(), _sys.getsizeof([]) * 2, -_sys.maxsize - 1]
else:
    VALUE = None
for _i in range(3):
    for _j in range(_i):
        print(_i, _j, sep='-', end=' ' if _j else '\\n')
while VALUE:
    VALUE.pop()
try:
    import os
except ImportError:
    os = None
finally:
    pass
with open(_p) as _f, open(_p) as _g:
    _h = [line for line in _f if line.strip()][:3]
`,
  `def d1(n):
    return [lambda: i for i in range(n)]
def d2(n):
    fs = [lambda x, i=i: x + i for i in range(n)]
    return {k: (lambda: k) for k in 'ab'}
def d3(rows):
    return sorted({(r, c) for r in rows for c in r if c}, key=lambda rc: (rc[1], len(rc[0])))
def d4(x):
    try:
        with x:
            for i in x:
                try:
                    yield i
                finally:
                    del i
    except Exception:
        raise
def d5(a, b):
    return (a, *b), [*a, *b], {**a, **b}, print(*a, *b, sep='')
def d6(o):
    o.a.b[0] += 1
    o[0].x -= 2
    o[1][2] *= 3
def d7(n):
    i = 0
    while i < n:
        i += 1
        if i == 5:
            continue
        yield i
    return i
def d8(s):
    return ''.join(c.upper() if c.islower() else c.lower() for c in s if c.isalpha())
def d9(x):
    match = x.get('a') or x.get('b') or x.get('c', {}).get('d')
    return not (match is None or match == 0)
def e1(items):
    counts = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return max(counts, key=counts.get) if counts else None
def e2():
    x = 1
    def g():
        nonlocal x
        x = [x for _ in range(3)]
        return [y for y in x if (z := y)] + [z]
    return g()
def e3(f):
    try:
        pass
    finally:
        try:
            f()
        except Exception as e:
            print(e)
def e4(x):
    with x as a, x as b:
        pass
    with x:
        return [a, b]
class E5(dict):
    __slots__ = ()
    def __missing__(self, key):
        value = self[key] = type(self)()
        return value
@staticmethod
def e6(*, a, b=2):
    return a ** b
def e7(n):
    return (yield from (i for i in range(n)))
def e8(lst):
    lst[:] = [x for x in lst if x]
    lst[1:3], lst[0] = [9, 9], 0
    return lst
`,
  `fs = [lambda: i for i in range(3)]
gs = {n: [m for m in range(n)] for n in range(3)}
big = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, fs]
bigd = {'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6, 'g': 7, 'h': 8, 'i': 9, 'j': 10, 'k': 11, 'l': 12, 'm': 13, 'n': 14, 'o': 15, 'p': 16, 'q': 17, 'r': big}
print(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, sep='')
t = (big, bigd, [x for x in big if x], (1, 2, (3, big)))
for a, *b in [(1, 2, 3)]:
    print(a, b)
for (k,) in [(1,)]:
    pass
s = 'a' + 'b' + str(1) + 'c' * 3 + f'{t!r:.{3}}'
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        return super().__new__(mcls, name, bases, ns)
class P(object, metaclass=Meta, flag=True):
    x: int = 3
    y = [i for i in range(3)]
    z = (lambda self: self.x)
def h1(n, /, *args, k=1, **kw):
    if args and kw or not n:
        return [a for a in args if a not in kw]
    return n < k <= len(args) < 10
def h2(a):
    a.b.c.d = a.e.f = a[0][1] = None
    del a.b, a[0], a[1:2]
    return a
def h4(x):
    for i in x:
        for j in i:
            with j:
                try:
                    continue
                finally:
                    break
def h5(x):
    return [y for y in x if y if not y] or (x and [z for z in x])
def h6(seq):
    it = iter(seq)
    while (item := next(it, None)) is not None:
        yield item
def h7(x):
    assert x
    raise
def h8():
    return {1, 2, 3}, {'x': 1}, frozenset(), [[]], ((),), {(): []}
`,
];

const VERSIONS: CodeVersion[] = ['3.11', '3.12', '3.13'];

/** Every code object of a module, in `co_consts` order: `name@firstline stacksize nlocalsplus`. */
const DUMP = `
import json, sys, types
out = []
for path in sys.argv[1:]:
    def walk(co):
        yield co
        for c in co.co_consts:
            if isinstance(c, types.CodeType):
                yield from walk(c)
    codes = []
    for co in walk(compile(open(path).read(), path, 'exec')):
        n = len(co.co_varnames) + len(co.co_cellvars) + len(co.co_freevars) - len(set(co.co_cellvars) & set(co.co_varnames))
        codes.append(f'{co.co_name}@{co.co_firstlineno} {co.co_stacksize} {n}')
    out.append(sorted(codes))
print(json.dumps(out))
`;

function firstLine(node: Node): number {
  if (node._type === 'Module') return 1;
  const decorators = (node as FunctionDef).decorator_list;
  if (decorators && decorators.length > 0) return decorators[0].lineno;
  return (node as { lineno: number }).lineno;
}

/** pymm's view of the same code objects. */
function pymmCodes(source: string, version: CodeVersion): string[] {
  const parsed = parsePythonSync(source);
  if (!parsed.ok) throw parsed.error;
  const table = new SymbolTable(parsed.module);
  const codes: string[] = [];
  const late = version !== '3.11';
  const visit = (scope: Scope): void => {
    const t = scope.node._type;
    const inlined = late && (t === 'ListComp' || t === 'SetComp' || t === 'DictComp');
    if (!inlined) {
      codes.push(
        `${scope.name}@${firstLine(scope.node)} ${stackDepth(table, scope.node, version)} ${nlocalsPlus(scope, version)}`,
      );
    }
    for (const child of scope.children) visit(child);
  };
  visit(table.top);
  return codes.sort();
}

describe('co_stacksize and co_nlocalsplus against CPython', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pymm-stack-depth-'));
  const files: string[] = [];
  beforeAll(async () => {
    await loadParser();
    for (const name of readdirSync(PROGRAMS)
      .filter((n) => n.endsWith('.py'))
      .sort())
      files.push(join(PROGRAMS, name));
    SNIPPETS.forEach((s, i) => {
      const path = join(dir, `snippet-${i}.py`);
      writeFileSync(path, s);
      files.push(path);
    });
  });

  for (const version of VERSIONS) {
    it(`every code object of the corpus and the snippets, CPython ${version}`, () => {
      const run = spawnSync(pythonExecutable(version), ['-c', DUMP, ...files], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const expected = JSON.parse(run.stdout) as string[][];
      const mismatches: string[] = [];
      files.forEach((path, i) => {
        const got = pymmCodes(readFileSync(path, 'utf8'), version);
        const want = expected[i];
        const wrong = want.filter((w) => !got.includes(w));
        if (wrong.length > 0)
          mismatches.push(
            `${path.split('/').pop()}: CPython ${wrong.join(', ')}; pymm ${got.filter((g) => !want.includes(g)).join(', ')}`,
          );
      });
      expect(mismatches).toEqual([]);
    }, 120_000);
  }
});
