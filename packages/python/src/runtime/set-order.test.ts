import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generational } from '@pymm/generational';
import { pythonExecutable } from '@pymm/testkit/run-cpython';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { runPythonSync } from '../run-python.js';

const dir = mkdtempSync(join(tmpdir(), 'pymm-set-order-'));

/** What CPython prints for `source` with str hashing fixed (`PYTHONHASHSEED=0`, as pymm hashes). */
function cpython(python: string, source: string): string {
  writeFileSync(join(dir, 'prog.py'), source);
  const r = spawnSync(python, ['prog.py'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PYTHONHASHSEED: '0' },
  });
  return `${r.stdout}${r.stderr}`;
}

function pymm(source: string, version: '3.11' | '3.12' | '3.13'): string {
  const r = runPythonSync(source, { strategy: generational({ profile: `cpython-${version}` }), version });
  return `${r.stdout}${r.stderr}`;
}

const WORDS = 'the quick brown fox jumps over a lazy dog while seven pale kings watch from far hills'.split(
  ' ',
);

const PROGRAMS: Record<string, string> = {
  'small ints, negative ints, big ints and floats': `
print({3, 1, 2}, {-1, -2, -3, 0}, {10**20, 2**64, 0, -5})
print({1.5, 2.5, -1.0, 0.0, 1e100, float('inf')}, {0.1 * i for i in range(12)})
x = [-1, -2, -3, 10**20, 2**64, 0]
print(set(x), frozenset(x), {2**64, 2.0**64}, len({2**53, 2**53 + 1}))
print(set(range(20, 0, -1)), {i * 7 % 64 for i in range(40)})
`,
  'strs, bytes and tuples': `
words = ${JSON.stringify(WORDS)}
print(set(words), len(set(words)))
print({w[0] for w in words}, frozenset(words))
print(set('hello world'), {'é', '€', '😀', 'z'})
print({(1, 2), (3, 4), (0, 0), ('a', 1)}, {b'ab', b'cd', b'ef'}, b'ab' in {b'ab', b'cd'})
print(set(['x' * i for i in range(12)]))
print(hash('abc'), hash(b'abc'), hash(''), hash(('a', 1)))
`,
  'displays of constants, built from a frozenset constant': `
print({'red', 'green', 'blue'}, {'apple', 'banana', 'cherry', 'date'})
print({'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'})
print({'one', 'two', 'three', 'four', 'five'}, {1, 1.0, 2, 3})
print({'k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9', 'k10', 'k11'})
`,
  'merges: copy, set(a_set), union; and growth, discards, pop': `
import sys
a = {'red', 'green', 'blue'}
b = {'green', 'yellow'}
print(a | b, a & b, a - b, a ^ b, b | a)
print(set(a), a.copy(), frozenset(a) | b, set(dict.fromkeys(['x', 'y', 'z', 'w', 'v'])))
print(sys.getsizeof(a | b), sys.getsizeof(set(a)), sys.getsizeof({0, 1, 2, 3, 4}), sys.getsizeof(set({0, 1, 2, 3, 4})))
s = set(range(20, 0, -1))
s.discard(5); s.add(100); s.add(5)
print(s)
t = {'p', 'q', 'r', 's'}
print(t.pop(), t.pop(), t)
for x in {'k', 'l', 'm', 'n'}:
    print(x, end=' ')
print()
try:
    for x in t:
        t.add('new')
except RuntimeError as e:
    print(e)
print(sorted({'b', 'a'}), list(zip({'p', 'q'}, [1, 2])), dict.fromkeys({'x', 'y', 'z'}))
`,
};

beforeAll(async () => {
  await loadParser();
});

for (const version of ['3.11', '3.12', '3.13'] as const) {
  let python: string | null = null;
  try {
    python = pythonExecutable(version);
  } catch {
    python = null;
  }
  describe(`sets iterate in CPython ${version}'s order (PYTHONHASHSEED=0)`, () => {
    if (python === null) {
      it.skip(`CPython ${version} is not installed: install it (for example \`pyenv install ${version}\`) to run this comparison`, () => {});
      return;
    }
    for (const [name, source] of Object.entries(PROGRAMS)) {
      it(name, () => {
        expect(pymm(source, version)).toBe(cpython(python as string, source));
      });
    }
    if (version !== '3.11') {
      // 3.11 hashes None by its address, which differs from run to run.
      it('None hashes to a constant', () => {
        const source = "print({None, True, 3, 'x'}, hash(None))\n";
        expect(pymm(source, version)).toBe(cpython(python as string, source));
      });
    }
  });
}
