import { spawnSync } from 'node:child_process';
import { verifyHeap } from '@pymm/core';
import { generational } from '@pymm/generational';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { cpython311, requireCPython, skipWithoutCPython } from '../python3.js';
import { runPythonSync } from '../run-python.js';

const python = cpython311();

/** CPython 3.11's stdout and exit code for `source`. */
function cpython(source: string): { stdout: string; status: number } {
  const r = spawnSync(requireCPython(python), ['-c', source], { encoding: 'utf8' });
  return { stdout: r.stdout, status: r.status ?? -1 };
}

const PROGRAMS: Record<string, string> = {
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

beforeAll(async () => {
  await loadParser();
});

describe.skipIf(skipWithoutCPython(python))(
  'weakref.WeakValueDictionary prints what CPython 3.11 prints',
  () => {
    for (const [name, source] of Object.entries(PROGRAMS)) {
      it(name, () => {
        const expected = cpython(source);
        const r = runPythonSync(source, { strategy: generational({ profile: 'cpython-3.11' }) });
        expect(r.stdout).toBe(expected.stdout);
        expect(r.exitCode).toBe(expected.status);
      });
    }
  },
);

describe.skipIf(skipWithoutCPython(python))('a missing key', () => {
  it('raises KeyError with the key, which is not leaked (found by the fuzzer)', () => {
    const source =
      "import weakref\nc = weakref.WeakValueDictionary()\nu = 'abc' + str(1)\nfor op in [lambda: c[u], lambda: c.__delitem__(u)]:\n    try:\n        op()\n    except KeyError as e:\n        print(repr(e))\n";
    const r = runPythonSync(source, { strategy: generational({ profile: 'cpython-3.11' }) });
    expect(r.stdout).toBe(cpython(source).stdout);
    expect(verifyHeap(r.runtime!.heap).problems).toEqual([]);
  });
});
