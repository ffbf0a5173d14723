/**
 * The subset check, construct by construct: each construct outside pymm's subset is refused with
 * the documented message (`prog.py:LINE:COL: CONSTRUCT is not supported by pymm (see
 * docs/guides/python-subset.md)`), and each construct of the supported list passes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkProgramSync } from './check-program.js';
import { loadParser } from './load-parser.js';
import { SUBSET_GUIDE, SubsetError } from './subset-check.js';

beforeAll(() => loadParser());

/** The refusal `checkProgramSync` gives, as one line, or `'ok'`. */
function refusal(source: string): string {
  const result = checkProgramSync(source, { filename: 'prog.py' });
  if (result.ok) return 'ok';
  expect(result.error).toBeInstanceOf(SubsetError);
  return result.error.toString();
}

const refused: [construct: string, source: string, line: number, column: number][] = [
  ["'async def'", 'import gc\n\nasync def main():\n    pass\n', 3, 1],
  ["'match'", 'x = 1\nmatch x:\n    case 1:\n        pass\n', 2, 1],
  ["'except*'", 'try:\n    pass\nexcept* ValueError:\n    pass\n', 1, 1],
  ["':=' (assignment expression)", 'if (n := len(a)) > 1:\n    pass\n', 1, 5],
  ['multiple inheritance', 'class A: pass\nclass B: pass\nclass C(A, B): pass\n', 3, 12],
  ['class keywords (metaclass=...)', 'class C(metaclass=M):\n    pass\n', 1, 9],
  ["module 'os'", 'import gc, os\n', 1, 12],
  ["module 'os.path'", 'from os.path import join\n', 1, 1],
  ['relative import', 'from . import sibling\n', 1, 1],
  ["'import *'", 'from gc import *\n', 1, 1],
  ['complex numbers', 'z = 2j\n', 1, 5],
];

describe('constructs outside the subset are refused before anything runs', () => {
  for (const [construct, source, line, column] of refused) {
    it(`${construct} at ${line}:${column}`, () => {
      expect(refusal(source)).toBe(
        `prog.py:${line}:${column}: ${construct} is not supported by pymm (see ${SUBSET_GUIDE})`,
      );
    });
  }

  it('counts columns in characters, as the documented message does', () => {
    expect(refusal("s = 'é'; z = 1j\n")).toBe(
      `prog.py:1:14: complex numbers is not supported by pymm (see ${SUBSET_GUIDE})`,
    );
  });

  it("names the enclosing 'async def' first for 'await', 'async for', 'async with' and async comprehensions", () => {
    // Outside an `async def` these are CPython syntax errors, so the `async def` always comes first.
    for (const body of [
      'await g()',
      'async for x in y:\n        pass',
      'async with a:\n        pass',
      'return [x async for x in y]',
    ])
      expect(refusal(`x = 1\nasync def f():\n    ${body}\n`)).toBe(
        `prog.py:2:1: 'async def' is not supported by pymm (see ${SUBSET_GUIDE})`,
      );
  });

  it('reports the first refused construct in source order', () => {
    expect(refusal('import os\nasync def f():\n    pass\n')).toMatch(/^prog\.py:1:8: module 'os'/);
  });
});

/** One program per item of the supported list (docs/guides/python-subset.md, "Supported"). */
const supported: [item: string, source: string][] = [
  ['module code', 'x = 1\nprint(x)\n'],
  [
    'def with defaults, *args, **kwargs and keyword arguments',
    'def f(a, b=2, *args, c, d=4, **kw):\n    return a\nf(1, c=3, e=5)\n',
  ],
  [
    'closures, global and nonlocal',
    'n = 0\ndef outer():\n    global n\n    m = 1\n    def inner():\n        nonlocal m\n        m += 1\n    return inner\n',
  ],
  ['lambda', 'key = lambda item: item[1]\n'],
  [
    'class: single inheritance, attributes, methods, super(), __init__, __del__, __slots__',
    'class A:\n    pass\nclass B(A):\n    __slots__ = ("x",)\n    kind = "b"\n    def __init__(self, x):\n        super().__init__()\n        self.x = x\n    def __del__(self):\n        print("bye")\n',
  ],
  [
    '__enter__/__exit__, __repr__/__str__, __eq__/__hash__',
    'class R:\n    def __enter__(self):\n        return self\n    def __exit__(self, *exc):\n        return False\n    def __repr__(self):\n        return "R()"\n    def __str__(self):\n        return "r"\n    def __eq__(self, other):\n        return True\n    def __hash__(self):\n        return 0\n',
  ],
  ['if/elif/else', 'x = 1\nif x:\n    pass\nelif x > 1:\n    pass\nelse:\n    pass\n'],
  [
    'for and while with break/continue/else',
    'for i in range(3):\n    if i:\n        continue\n    break\nelse:\n    pass\nwhile False:\n    break\nelse:\n    pass\n',
  ],
  [
    'try/except/else/finally, raise, raise ... from',
    'try:\n    raise ValueError("v")\nexcept (ValueError, KeyError) as e:\n    raise RuntimeError() from e\nelse:\n    pass\nfinally:\n    pass\n',
  ],
  ['with, several items', 'with open("a") as f, open("b", "w") as g:\n    g.write(f.read())\n'],
  ['yield and yield from', 'def gen():\n    yield 1\n    yield from range(3)\n'],
  ['return', 'def f():\n    return\n'],
  [
    'del of names, items, slices and attributes',
    'a = [1, 2, 3]\ndel a[0], a[1:], a\nclass C:\n    pass\nc = C()\nc.x = 1\ndel c.x\n',
  ],
  ['assert and pass', 'assert True, "message"\npass\n'],
  [
    'import and from ... import of the supported modules',
    'import gc, sys, weakref, tracemalloc, random, itertools, io\nfrom weakref import ref, WeakValueDictionary\nimport itertools as it\n',
  ],
  ['annotations', 'x: int = 1\ndef f(a: int) -> str:\n    return str(a)\n'],
  [
    'literals: big ints, floats, str, bytes',
    'n = 2**100 + 123456789012345678901234567890\nf = 1.5e3\ns = "s"\nb = b"\\x00"\n',
  ],
  ['f-strings', 'x = 1\ns = f"{x!r:>4} and {x + 1}"\n'],
  ['unpacking, including starred', 'a, *rest = [1, 2, 3]\nprint(*rest, **{})\nt = (*rest, 4)\n'],
  [
    'comprehensions and generator expressions',
    'a = [x for x in range(3) if x]\nb = {x: x for x in a}\nc = {x for x in a}\nd = sum(x for x in a)\n',
  ],
  [
    'conditional expressions, and/or/not, is/in, comparisons',
    'x = 1\ny = x if x else None\nz = x and not y or x is None or x in [1] or 0 < x <= 2\n',
  ],
  [
    'arithmetic and slicing',
    'a = (1 + 2 * 3 - 4 / 5 // 6 % 7) ** 2 << 1 >> 1 | 1 & 3 ^ 2\nb = [1, 2, 3][::2]\nm = memoryview(b"abc")[1:]\n',
  ],
  [
    '@staticmethod, @classmethod, @property',
    'class C:\n    @staticmethod\n    def s():\n        pass\n    @classmethod\n    def c(cls):\n        pass\n    @property\n    def p(self):\n        return 1\n',
  ],
  [
    'decorators: any expression, on functions and classes',
    'import unittest\ndef d(c):\n    return c\n@d\nclass C:\n    @unittest.skipIf(True, "why")\n    @d\n    def f(self):\n        pass\n',
  ],
  [
    'the builtins of the list',
    'print(len(range(3)), list(), dict(), tuple(), set(), frozenset(), str(1), repr(1), int("1"), float(1), bool(1), bytes(1), bytearray(1), object(), type(1), isinstance(1, int), issubclass(int, object), id(1), hash(1), next(iter([1])), list(enumerate([1])), list(zip([1], [2])), list(map(abs, [1])), list(filter(None, [1])), sum([1]), min(1, 2), max(1, 2), sorted([2, 1]), list(reversed([1])), any([1]), all([1]), getattr(1, "real"), hasattr(1, "real"), file=sys.stderr)\n',
  ],
];

describe('constructs of the supported list pass', () => {
  for (const [item, source] of supported) {
    it(item, () => {
      expect(refusal(source)).toBe('ok');
    });
  }
});

describe("the program's own modules", () => {
  it('are importable when `localModule` says the directory holds them, and only then', () => {
    const source = 'import helpers\nfrom tools import f\n';
    const local = (name: string) => name === 'helpers' || name === 'tools';
    expect(checkProgramSync(source, { filename: 'prog.py', localModule: local }).ok).toBe(true);
    const refused = checkProgramSync(source, {
      filename: 'prog.py',
      localModule: (name) => name === 'helpers',
    });
    expect(refused.ok ? 'ok' : refused.error.toString()).toBe(
      `prog.py:2:1: module 'tools' is not supported by pymm (see ${SUBSET_GUIDE})`,
    );
  });
});
