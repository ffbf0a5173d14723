/**
 * Fuzzing the whole interpreter: 2,000 programs mutated from the conformance corpus and the random
 * program generator (`testing/mutate-programs.ts`), from a fresh seed on every run (in the test's
 * name; `PYMM_FUZZ_PROGRAMS_SEED=<seed>` replays it), run through `runPythonSync` with a step limit
 * and a heap limit on the strategies in turn. Each must exit cleanly or fail as Python fails (a
 * CPython-style `SomethingError: message` last line, a `file:line: ...` refusal, or the step-limit
 * message), never let a host exception escape, never print a host stack trace, never take longer
 * than a bound, and leave a heap without corruption: no object referenced more often than its
 * count says, none referenced after it was freed, and none referenced less often (a reference
 * leaked, whether the program ended normally or by an exception: the error paths leaked none over
 * seeds 1 to 20 and 111 once the host-stack overflow below the recursion limit was fixed).
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type CPythonVersion, type StrategyFactory, verifyHeap } from '@pymm/core';
import { generational } from '@pymm/generational';
import { createMarkSweepStrategy } from '@pymm/mark-sweep';
import { refcount } from '@pymm/refcount';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from './load-parser.js';
import { runPythonSync } from './run-python.js';
import { type BaseProgram, mutatedPrograms } from './testing/mutate-programs.js';

const PROGRAMS = Number(process.env.PYMM_FUZZ_PROGRAMS ?? 2000);
const SEED = Number(process.env.PYMM_FUZZ_PROGRAMS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const MAX_STEPS = 10_000;
const HEAP_LIMIT = 8 * 1024 * 1024;
/** Far above what one program takes (a few milliseconds), so only a hang trips it, even on a loaded machine. */
const PROGRAM_MS = 5_000;
const CORPUS = join(import.meta.dirname, '../../../conformance/programs');

interface Configuration {
  readonly label: string;
  readonly strategy: () => StrategyFactory;
  readonly version: CPythonVersion;
  /** Whether garbage a tracing collector has not swept yet may point at freed garbage. */
  readonly reachableOnly: boolean;
}

const CONFIGURATIONS: readonly Configuration[] = [
  {
    label: 'generational:cpython-3.11',
    strategy: () => generational({ profile: 'cpython-3.11' }),
    version: '3.11',
    reachableOnly: false,
  },
  {
    label: 'generational:cpython-3.12',
    strategy: () => generational({ profile: 'cpython-3.12' }),
    version: '3.12',
    reachableOnly: false,
  },
  {
    label: 'generational:cpython-3.13',
    strategy: () => generational({ profile: 'cpython-3.13' }),
    version: '3.13',
    reachableOnly: false,
  },
  { label: 'refcount', strategy: () => refcount(), version: '3.11', reachableOnly: false },
  { label: 'mark-sweep', strategy: () => createMarkSweepStrategy(), version: '3.11', reachableOnly: true },
];

/** The last line of a Python-style failure: an exception line, a refusal with the place, or the step limit. */
const PYTHON_FAILURE = [
  /^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Iteration|Warning)$/,
  /^[A-Za-z_][\w.]*: .+$/,
  /^prog\.py:\d+(:\d+)?: .+$/,
  /^pymm: the program was stopped after \d+ steps \(the --max-steps limit\)$/,
  // unittest's report ends a run with failures (a mutated test_gc) this way, on CPython too.
  /^FAILED \((failures|errors|skipped|expected failures|unexpected successes)=\d+(, [a-z ]+=\d+)*\)$/,
];
/** What only a host error prints. */
const HOST_TRACES = [
  /^\s+at /m,
  /\.(ts|js|mjs|cjs):\d/,
  /Cannot read properties/,
  /Maximum call stack/,
  /is not a function/,
  /Invalid (string|array) length/,
];

function corpusPrograms(dir: string): BaseProgram[] {
  const out: BaseProgram[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...corpusPrograms(path));
    else if (entry.endsWith('.py')) out.push({ name: entry, source: readFileSync(path, 'utf8') });
  }
  return out;
}

/** What is wrong with one run, or null when it exited cleanly or failed as Python fails. */
function problemOf(run: () => ReturnType<typeof runPythonSync>, reachableOnly: boolean): string | null {
  let result: ReturnType<typeof runPythonSync>;
  try {
    result = run();
  } catch (error) {
    return `host exception escaped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }
  const trace = HOST_TRACES.find((pattern) => pattern.test(result.stderr));
  if (trace) return `host stack trace in stderr (${trace}):\n${result.stderr}`;
  if (result.exitCode !== 0) {
    const last = failureLine(result.stderr);
    if (!PYTHON_FAILURE.some((pattern) => pattern.test(last)))
      return `exit ${result.exitCode} without a Python-style last line: ${JSON.stringify(result.stderr.slice(-500))}`;
  }
  if (result.runtime) {
    const verification = verifyHeap(result.runtime.heap, 50, { reachableOnly });
    const corrupt = verification.problems.filter((p) => !isLeak(p));
    if (corrupt.length > 0) return `heap corrupted: ${corrupt.slice(0, 5).join('; ')}`;
    if (verification.problems.length > 0)
      return `leaked references: ${verification.problems.slice(0, 3).join('; ')}`;
  }
  return null;
}

/**
 * The line that says how a failed run ended: after a traceback, the exception's first line (its
 * message may go on over more lines, as `random.seed`'s TypeError does on CPython too); else the
 * last line.
 */
function failureLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  const header = lines.lastIndexOf('Traceback (most recent call last):');
  if (header >= 0) {
    const exception = lines.slice(header + 1).find((line) => !line.startsWith(' '));
    if (exception !== undefined) return exception;
  }
  return lines.at(-1) ?? '';
}

/** Whether a heap problem is a count above the references found (a leaked reference). */
function isLeak(problem: string): boolean {
  const m = /reference count (\d+), but (\d+) reference\(s\) point at it/.exec(problem);
  return m !== null && Number(m[1]) > Number(m[2]);
}

beforeAll(async () => {
  await loadParser();
});

describe('fuzzed programs through runPythonSync', () => {
  it(`${PROGRAMS} mutated programs exit cleanly or fail as Python fails, on every strategy (PYMM_FUZZ_PROGRAMS_SEED=${SEED})`, () => {
    const bases = corpusPrograms(CORPUS);
    expect(bases.length).toBeGreaterThan(50);
    const failures: string[] = [];
    const outcomes = { clean: 0, exception: 0, refused: 0, stepLimit: 0 };
    let slowest = 0;
    const started = performance.now();
    let i = 0;
    for (const program of mutatedPrograms(SEED, PROGRAMS, bases)) {
      const config = CONFIGURATIONS[i % CONFIGURATIONS.length];
      const where = `program ${i} (PYMM_FUZZ_PROGRAMS_SEED=${SEED}, ${program.origin}, ${program.mutations.join(' ')}, ${config.label})`;
      i++;
      const begun = performance.now();
      let stopped: string | null = null;
      const problem = problemOf(() => {
        const result = runPythonSync(program.source, {
          strategy: config.strategy(),
          version: config.version,
          filename: 'prog.py',
          maxSteps: MAX_STEPS,
          heapLimit: HEAP_LIMIT,
        });
        stopped = result.stopped;
        return result;
      }, config.reachableOnly);
      const ms = performance.now() - begun;
      slowest = Math.max(slowest, ms);
      if (problem)
        failures.push(`${where}: ${problem}\n--- source ---\n${program.source.slice(0, 2000)}\n---`);
      else if (ms > PROGRAM_MS) failures.push(`${where}: took ${ms.toFixed(0)} ms`);
      if (stopped === 'refused') outcomes.refused++;
      else if (stopped === 'step-limit') outcomes.stepLimit++;
      else if (stopped === 'exception') outcomes.exception++;
      else outcomes.clean++;
      if (failures.length >= 5) break;
    }
    console.log(
      `fuzz programs (seed ${SEED}): ${i} programs in ${((performance.now() - started) / 1000).toFixed(1)} s, ` +
        `slowest ${slowest.toFixed(0)} ms; ${JSON.stringify(outcomes)}`,
    );
    expect(failures).toEqual([]);
    expect(i).toBe(PROGRAMS);
  }, 240_000);
});
