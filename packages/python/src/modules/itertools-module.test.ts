import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CPythonVersion, verifyHeap } from '@pymm/core';
import { generational } from '@pymm/generational';
import { pythonExecutable } from '@pymm/testkit/run-cpython';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { runPythonSync } from '../run-python.js';

/** Every itertools iterator: values, sizes (with the combinatoric index arrays), GC tracking, type names. */
const PROGRAMS: Record<string, string> = {
  'itertools iterators': `import itertools, sys, gc
print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.accumulate([3, 1, 4], max)), list(itertools.accumulate([1, 2], initial=10)), list(itertools.accumulate([])))
print(list(itertools.repeat('x', 3)), list(itertools.islice(itertools.repeat(7), 2)), list(itertools.repeat(1, -1)))
print(list(itertools.islice(itertools.cycle('abc'), 7)), list(itertools.cycle([])))
print(list(itertools.takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(itertools.dropwhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(itertools.zip_longest([1, 2, 3], 'a', fillvalue='-')), list(itertools.zip_longest('ab', 'xyz')), list(itertools.zip_longest()))
print(list(itertools.product('ab', repeat=2)), list(itertools.product([1, 2], 'xy')), list(itertools.product()), list(itertools.product([], [1])))
print(list(itertools.permutations([1, 2, 3], 2)), list(itertools.permutations('abc')), list(itertools.permutations([1], 2)))
print(list(itertools.combinations('abcd', 2)), list(itertools.combinations(range(4), 3)), list(itertools.combinations([], 0)), list(itertools.combinations([1], 2)))
print([(k, len(list(g))) for k, g in itertools.groupby('aaabbc')], [(k, list(g)) for k, g in itertools.groupby([1, 3, 2, 4, 5], key=lambda v: v % 2)])
groups = itertools.groupby('aabbb')
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2))
a, b = itertools.tee([1, 2, 3])
print(next(a), list(b), list(a), len(itertools.tee('x', 3)))
print(list(itertools.starmap(pow, [(2, 3), (3, 2)])), list(itertools.pairwise('abcd')), list(itertools.pairwise('a')))
print(sys.getsizeof(itertools.accumulate([])), sys.getsizeof(itertools.repeat(1)), sys.getsizeof(itertools.cycle('ab')))
print(sys.getsizeof(itertools.product('ab', repeat=3)), sys.getsizeof(itertools.product('ab', 'cd')), sys.getsizeof(itertools.permutations('abcd', 2)), sys.getsizeof(itertools.combinations('abcde', 3)))
print(sys.getsizeof(itertools.groupby('ab')), sys.getsizeof(itertools.zip_longest('a', 'b')), sys.getsizeof(itertools.tee('a')[0]), sys.getsizeof(itertools.pairwise('ab')), sys.getsizeof(itertools.starmap(pow, [])))
print(gc.is_tracked(itertools.repeat(1)), gc.is_tracked(itertools.product('a')), type(itertools.groupby('a')).__name__, type(next(itertools.groupby('a'))[1]).__name__, type(itertools.tee('a')[0]).__name__)
print(type(itertools.accumulate([])), type(itertools.product()))
`,
};

const VERSIONS: CPythonVersion[] = ['3.11', '3.12', '3.13'];

/** Addresses differ between runs; CPython 3.11+ marks the failing expression (`~~^^`), which pymm does not draw. */
function normalize(stderr: string, path: string): string {
  return stderr
    .replaceAll(path, 'prog.py')
    .replace(/0x[0-9a-f]+/g, '0x')
    .split('\n')
    .filter((line) => !/^\s+[~^]+\s*$/.test(line))
    .join('\n');
}

beforeAll(async () => {
  await loadParser();
});

describe('itertools prints what CPython prints', () => {
  for (const [name, source] of Object.entries(PROGRAMS)) {
    for (const version of VERSIONS) {
      it(`${name} (${version})`, () => {
        const dir = mkdtempSync(join(tmpdir(), 'pymm-itertools-'));
        const path = join(dir, 'prog.py');
        writeFileSync(path, source);
        const expected = spawnSync(pythonExecutable(version), ['prog.py'], { cwd: dir, encoding: 'utf8' });
        const result = runPythonSync(source, {
          strategy: generational({ profile: `cpython-${version}` }),
          version,
          filename: 'prog.py',
        });
        expect(result.stdout).toBe(expected.stdout);
        expect(normalize(result.stderr, path)).toBe(normalize(expected.stderr, path));
        expect(verifyHeap(result.runtime!.heap).problems).toEqual([]);
      }, 60_000);
    }
  }
});
