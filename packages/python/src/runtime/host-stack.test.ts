/**
 * Deep recursion stops with a `RecursionError` raised where a frame is entered, before the host
 * stack runs out: the traceback is complete, and no reference is leaked on the way out (found by
 * the program fuzzer, seed 111: a `__repr__` calling `repr(self)` leaked the `repr` built-in and
 * the instance when the host stack overflowed between an evaluation and its push).
 */
import { verifyHeap } from '@pymm/core';
import { generational } from '@pymm/generational';
import { refcount } from '@pymm/refcount';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../load-parser.js';
import { runPythonSync } from '../run-python.js';
import { hostStackAllows } from './host-stack.js';

beforeAll(async () => {
  await loadParser();
});

const PROGRAMS = {
  'a __repr__ calling repr(self)':
    'class A:\n    def __repr__(self):\n        return repr(self)\nprint(A())\n',
  'plain recursion past the host stack':
    'import sys\nsys.setrecursionlimit(100000)\ndef f(n):\n    return [f(n + 1)]\nf(0)\n',
  'a generator resuming itself deeper':
    'import sys\nsys.setrecursionlimit(100000)\ndef g(n):\n    yield next(g(n + 1))\nnext(g(0))\n',
};

/** Runs `run` below `pad` extra host frames, so the host stack is short at different points. */
function padded<T>(pad: number, run: () => T): T {
  const down = (n: number, a: number, b: number): T => (n === 0 ? run() : [down(n - 1, b, a + 1)][0]);
  return down(pad, 0, 1);
}

describe('the host stack', { timeout: 120_000 }, () => {
  for (const [name, source] of Object.entries(PROGRAMS)) {
    it(`${name}: a RecursionError with its traceback, and no leaked reference`, () => {
      for (const pad of [0, 37, 101, 263]) {
        for (const strategy of [refcount(), generational({ profile: 'cpython-3.13' })]) {
          const result = padded(pad, () =>
            runPythonSync(source, { strategy, filename: 'prog.py', version: '3.13' }),
          );
          expect(result.exitCode).toBe(1);
          expect(result.stderr).toMatch(/^Traceback \(most recent call last\):\n/);
          expect(result.stderr).toMatch(/\[Previous line repeated \d+ more times\]\n/);
          expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
            'RecursionError: maximum recursion depth exceeded',
          );
          expect(verifyHeap(result.runtime!.heap, 10, { reachableOnly: false }).problems).toEqual([]);
        }
      }
    });
  }

  it('is not checked at shallow depths, and leaves a reserve where it says no', () => {
    expect(hostStackAllows(0)).toBe(true);
    const more = (n: number): number => (n === 0 ? 0 : more(n - 1) + 1);
    let depth = 0;
    let reserve = 0;
    // Descend until the check says no; there, a thousand more small frames must still fit.
    const descend = (): number => {
      if (!hostStackAllows(48)) {
        reserve = more(1000);
        return 0;
      }
      depth++;
      return descend() + 1;
    };
    descend();
    expect(depth).toBeGreaterThan(0);
    expect(reserve).toBe(1000);
  });
});
