import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyHeap } from '@pymm/core';
import { configuration, type Pressure } from '@pymm/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from './load-parser.js';
import { cpython311, PYTHON3_MISSING, requireCPython, skipWithoutCPython } from './python3.js';
import { runPythonSync } from './run-python.js';
import { GC_PROGRAMS, PROGRAMS } from './run-python.programs.js';

const python = cpython311();
const dir = mkdtempSync(join(tmpdir(), 'pymm-run-'));

/** CPython's stdout, stderr and exit code for a program saved as prog.py. */
function cpython(source: string): { stdout: string; stderr: string; status: number } {
  writeFileSync(join(dir, 'prog.py'), source);
  const r = spawnSync(requireCPython(python), ['prog.py'], { cwd: dir, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

/** CPython's stderr as pymm prints it: the script's path as it was given (`prog.py`). */
function withoutCarets(stderr: string): string {
  return stderr.replaceAll(`File "${join(dir, 'prog.py')}"`, 'File "prog.py"');
}

beforeAll(async () => {
  await loadParser();
});

const STRATEGIES = ['generational cpython-3.11', 'refcount', 'mark-sweep default', 'mark-sweep incremental'];

/**
 * Tiny budgets and thresholds, so that collections run in the middle of expressions, calls and
 * compilation: a value the interpreter holds without a root would be freed under it.
 */
const STRESS: Pressure = {
  stress: true,
  thresholds: [5, 2, 2],
  minimumBudgetBytes: 256,
  stepBudget: 4,
  lazySweepSlots: 4,
};

describe.skipIf(skipWithoutCPython(python))('runPython prints what CPython 3.11 prints', () => {
  for (const [name, source] of Object.entries(PROGRAMS)) {
    it(name, () => {
      const expected = cpython(source);
      for (const label of STRATEGIES) {
        const config = configuration(label);
        const result = runPythonSync(source, {
          strategy: config.create(STRESS),
          filename: 'prog.py',
          maxSteps: 10_000_000,
        });
        expect(result.stdout, label).toBe(expected.stdout);
        expect(result.exitCode, label).toBe(expected.status);
        if (expected.status !== 0) expect(result.stderr, label).toBe(withoutCarets(expected.stderr));
        const verification = verifyHeap(result.runtime!.heap);
        expect(verification.problems, label).toEqual([]);
      }
    });
  }
});

describe.skipIf(skipWithoutCPython(python))(
  'runPython on generational cpython-3.11 matches CPython 3.11 exactly',
  () => {
    for (const [name, source] of Object.entries(GC_PROGRAMS)) {
      it(name, () => {
        const expected = cpython(source);
        const result = runPythonSync(source, {
          strategy: configuration('generational cpython-3.11').create(),
          filename: 'prog.py',
        });
        expect(result.stdout).toBe(expected.stdout);
        expect(result.exitCode).toBe(expected.status);
        expect(verifyHeap(result.runtime!.heap).problems).toEqual([]);
      });
    }
  },
);

if (skipWithoutCPython(python)) it.skip(PYTHON3_MISSING, () => {});

describe('runPython stops cleanly', () => {
  it('releases the traceback it passed to an __exit__ that raises (found by fuzzing: it leaked)', () => {
    const source =
      "class M:\n    def __enter__(self):\n        return self\n    def __exit__(self, t, e, tb):\n        raise KeyError('x')\n" +
      "def f():\n    with M():\n        raise ValueError(1)\ntry:\n    f()\nexcept KeyError:\n    print('caught')\n";
    const result = runPythonSync(source, { strategy: configuration('generational cpython-3.11').create() });
    expect([result.exitCode, result.stdout]).toEqual([0, 'caught\n']);
    expect(verifyHeap(result.runtime!.heap).problems).toEqual([]);
  });

  it('says MemoryError when the heap limit is below what start-up allocates, and runs nothing', () => {
    // Found by the heap-size sweep's bisection: core's MemoryError escaped runPythonSync.
    const result = runPythonSync('print("ran")\n', { heapLimit: 1000 });
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^MemoryError: allocating \d+ bytes would exceed the heap limit .*before the program ran\)\n$/,
    );
    expect([result.exitCode, result.stopped, result.steps]).toEqual([1, 'exception', 0]);
    expect(runPythonSync('print("ran")\n').stdout).toBe('ran\n');
  });

  it('refuses a program outside the subset before running it', () => {
    const r = runPythonSync('async def f():\n    pass\n', { filename: 'prog.py' });
    expect(r.exitCode).toBe(1);
    expect(r.stopped).toBe('refused');
    expect(r.stderr).toContain("'async def' is not supported by pymm");
  });

  it('refuses a construct the compiler meets with no runtime left half-built (found by the fuzzer)', () => {
    const r = runPythonSync('x = "abc"\nf = lambda: (yield)\n', { filename: 'prog.py' });
    expect([r.exitCode, r.stopped, r.runtime]).toEqual([1, 'refused', null]);
    expect(r.stderr).toMatch(/^prog\.py:2: .* is not supported by pymm/);
  });

  it('drops the exception when `raise X from cause` refuses its cause (found by the fuzzer: it leaked)', () => {
    const r = runPythonSync(
      'for c in [3, int]:\n    try:\n        raise ValueError from c\n    except TypeError as e:\n        print(e)\n',
    );
    expect(r.stdout).toBe('exception causes must derive from BaseException\n'.repeat(2));
    expect(verifyHeap(r.runtime!.heap).problems).toEqual([]);
  });

  it('counts items taken by built-in loops against the step limit (found by the fuzzer: sum(range(10**12)) ran on)', () => {
    const r = runPythonSync('print(sum(range(10**12)))\n', { maxSteps: 1000 });
    expect([r.exitCode, r.stopped]).toEqual([1, 'step-limit']);
  });

  it('stops a runaway loop at the step limit with a message, not a Python exception', () => {
    const r = runPythonSync(
      'try:\n    while True:\n        pass\nexcept BaseException:\n    print("caught")\n',
      { maxSteps: 1000 },
    );
    expect(r.stopped).toBe('step-limit');
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--max-steps');
  });

  it("starts the step-limit message on its own line after a partial one (found by the fuzzer: unittest's dots)", () => {
    const r = runPythonSync('import sys\nsys.stderr.write(".")\nwhile True:\n    pass\n', { maxSteps: 1000 });
    expect(r.stderr).toBe('.\npymm: the program was stopped after 1000 steps (the --max-steps limit)\n');
  });
});
