import { spawnSync } from 'node:child_process';
import { verifyHeap } from '@pymm/core';
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
  'seeds of every kind': `import random
for s in [0, 1, -1, 2**32, 2**100 + 7, True, 1.5, -0.25, 'abc', '']:
    random.seed(s)
    print(repr(s), random.random(), random.getrandbits(70))
`,
  'draws and their errors': `import random
random.seed(9)
print(random.randrange(10), random.randrange(-5, 5), random.randrange(100, 0, -7), random.randint(-3, 3))
print(random.randrange(2**80), random.randrange(3.0), random.uniform(2.5, -1))
for call in [lambda: random.randrange(0), lambda: random.randrange(5, 5), lambda: random.randrange(1, 9, 0),
             lambda: random.randrange(1.5), lambda: random.getrandbits(-1), lambda: random.choice(''),
             lambda: random.sample([1, 2], 3), lambda: random.sample({1, 2}, 1), lambda: random.seed([1])]:
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
`,
  'sequences and instances': `import random
a = random.Random(123)
b = random.Random(123)
print(a.random() == b.random(), type(a).__name__)
xs = list('abcdefghij')
a.shuffle(xs)
print(xs, a.choice(xs), a.choice((1, 2, 3)), a.choice(range(10, 20)))
print(a.sample(range(1000), 8), a.sample(xs, k=4), a.sample(xs, 0))
random.seed(5)
print(random.random(), a.random())
`,
};

beforeAll(async () => {
  await loadParser();
});

describe.skipIf(skipWithoutCPython(python))('the random module prints what CPython 3.11 prints', () => {
  for (const [name, source] of Object.entries(PROGRAMS)) {
    it(name, () => {
      const expected = cpython(source);
      const r = runPythonSync(source, {});
      expect(r.stdout).toBe(expected.stdout);
      expect(r.exitCode).toBe(expected.status);
    });
  }
});

describe('the module shared instance', () => {
  it('is held once, by the module (found by the fuzzer: its creating reference leaked)', () => {
    const r = runPythonSync('import random\nprint(random.random() < 1)\n', {});
    expect(r.stdout).toBe('True\n');
    expect(verifyHeap(r.runtime!.heap).problems).toEqual([]);
  });
});
