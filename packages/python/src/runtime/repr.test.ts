import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { cpython311, requireCPython, skipWithoutCPython } from '../python3.js';
import { runPythonSync } from '../run-python.js';

const python = cpython311();

beforeAll(async () => {
  await loadParser();
});

describe.skipIf(skipWithoutCPython(python))('str() of a huge int', () => {
  it('is refused past 4,300 digits, as CPython 3.11 does (found by the fuzzer: a loop printing 10**5000 ran for 20 s)', () => {
    const source =
      'for n in [10**4299, 10**4300, -10**4300 + 1, 10**5000]:\n    try:\n        print(len(str(n)), len(repr(n)))\n        print(n)\n    except ValueError as e:\n        print(e)\n';
    const expected = spawnSync(requireCPython(python), ['-c', source], { encoding: 'utf8' });
    expect(runPythonSync(source).stdout).toBe(expected.stdout);
  });
});
