import { createRuntime } from '@pymm/core';
import { runCPython } from '@pymm/testkit/run-cpython';
import { describe, expect, it } from 'vitest';
import { refcount } from './refcount-strategy.js';
import { floatRepr, pythonRepr, referenceLabel, strRepr } from './reference-labels.js';

const STRINGS = [
  'plain',
  "it's",
  'say "hi"',
  `both ' and "`,
  'back\\slash',
  'tab\tnew\nline\rcr',
  '\u0001\u007f',
  'é→😀',
  '',
];
const FLOATS = [
  0,
  -0,
  1,
  -2.5,
  0.1,
  1e16,
  1.5e16,
  123456789012345680000,
  1e-4,
  0.00001,
  1.25e-7,
  1 / 3,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

describe('Python reprs of keys', () => {
  it('quotes strings as CPython does', () => {
    const expected = runCPython(
      `import json\nprint(json.dumps([repr(s) for s in ${JSON.stringify(STRINGS)}]))`,
    );
    expect(STRINGS.map(strRepr)).toEqual(expected);
  });

  it('writes floats as CPython does', () => {
    const literals = FLOATS.map(
      (x) => `float('${Object.is(x, -0) ? '-0.0' : String(x).replace('Infinity', 'inf')}')`,
    );
    const expected = runCPython(
      `import json\nprint(json.dumps([repr(x) for x in [${literals.join(', ')}]]))`,
    );
    expect(FLOATS.map(floatRepr)).toEqual(expected);
  });

  it('writes tuple keys one level deep, and other objects by type and handle', () => {
    const py = createRuntime({ strategy: refcount() });
    const slot = (h: number) => py.heap.store.slotOf(h, 'test');
    const Key = py.class('Key');
    py.locals.k = Key.new();
    expect(pythonRepr(py.heap, slot(py.tuple([py.int(1)])))).toBe('(1,)');
    expect(pythonRepr(py.heap, slot(py.tuple([py.tuple([py.int(1)]), py.tuple([]), py.None, py.True])))).toBe(
      '((...), (), None, True)',
    );
    expect(pythonRepr(py.heap, slot(py.int(2n ** 70n)))).toBe('1180591620717411303424');
    expect(pythonRepr(py.heap, slot(py.locals.k))).toBe(`<Key object #${py.locals.k}>`);
  });
});

describe('referenceLabel', () => {
  it('names dict values by their key and the key reference itself "key"', () => {
    const py = createRuntime({ strategy: refcount() });
    py.locals.d = py.dict([
      [{ str: 'a' }, py.None],
      [{ int: 3 }, py.None],
      [py.tuple([py.int(1), py.str('x')]), py.None],
      [py.float(0.5), py.None],
    ]);
    const d = py.heap.store.slotOf(py.locals.d, 'test');
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((cell) => referenceLabel(py.heap, d, cell))).toEqual([
      'key',
      "['a']",
      'key',
      '[3]',
      'key',
      "[(1, 'x')]",
      'key',
      '[0.5]',
    ]);
  });
});
