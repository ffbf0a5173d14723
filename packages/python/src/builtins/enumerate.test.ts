/**
 * `enumerate` counts with an int of any size (found by the program fuzzer, seed 11:
 * `enumerate(xs, start=10**4400)` let a host `RangeError` escape).
 */
import { spawnSync } from 'node:child_process';
import { pythonExecutable } from '@pymm/testkit/run-cpython';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { runPythonSync } from '../run-python.js';

beforeAll(async () => {
  await loadParser();
});

const SOURCE = `
print(list(enumerate(['a', 'b'], start=10**4400))[1][0] - 10**4400)
print(list(enumerate('ab', 2**53 - 1)))
print(list(enumerate('ab', -2**70)))
print(list(enumerate('ab', start=True)))
`;

describe('enumerate', () => {
  it('counts from a start of any size, as CPython 3.11 does', () => {
    const cpython = spawnSync(pythonExecutable('3.11'), ['-c', SOURCE], { encoding: 'utf8' });
    const result = runPythonSync(SOURCE, { filename: '<string>' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(cpython.stdout);
  }, 30_000);
});
