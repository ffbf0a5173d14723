import { spawnSync } from 'node:child_process';
import { verifyHeap } from '@pymm/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { cpython311, requireCPython, skipWithoutCPython } from '../python3.js';
import { runPythonSync } from '../run-python.js';

const python = cpython311();

beforeAll(async () => {
  await loadParser();
});

/** Each expression, caught: found by the fuzzer, these threw host RangeErrors or ran for minutes. */
const HUGE = `for make in [lambda: 'a' * 10**9, lambda: b'x' * 10**9, lambda: [0] * 10**9, lambda: (1,) * 10**9,
             lambda: bytearray(10**10), lambda: bytes(10**10), lambda: 10**10**8, lambda: 1 << 10**10,
             lambda: 'x'.center(10**10), lambda: '{:>10000000000}'.format(1)]:
    try:
        make()
        print('built')
    except MemoryError:
        print('MemoryError')
print('still running')
`;

describe('values too large to build', () => {
  it('raise a catchable MemoryError at once, past the heap limit, and leave the heap consistent', () => {
    const started = performance.now();
    const r = runPythonSync(HUGE, { heapLimit: 16 * 1024 * 1024 });
    expect(r.stdout).toBe(`${'MemoryError\n'.repeat(10)}still running\n`);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(verifyHeap(r.runtime!.heap).problems).toEqual([]);
  });

  it('raise MemoryError past what the host can hold, with no heap limit', () => {
    const r = runPythonSync("try:\n    s = 'ab' * 2**40\nexcept MemoryError:\n    print('MemoryError')\n");
    expect(r.stdout).toBe('MemoryError\n');
  });
});

describe.skipIf(skipWithoutCPython(python))('counts past PY_SSIZE_T_MAX, as CPython 3.11', () => {
  it("raise OverflowError: cannot fit 'int' into an index-sized integer", () => {
    const source = `for make in [lambda: 'a' * 10**20, lambda: [0] * 10**20, lambda: b'x' * 10**20, lambda: 'a' * -10**20]:
    try:
        print(repr(make()))
    except OverflowError as e:
        print('OverflowError', e)
`;
    const expected = spawnSync(requireCPython(python), ['-c', source], { encoding: 'utf8' });
    const r = runPythonSync(source);
    expect(r.stdout).toBe(expected.stdout);
  });
});
