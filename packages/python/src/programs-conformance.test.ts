/**
 * The conformance corpus (`conformance/programs/`): every program runs under `pymm` and must print
 * what CPython printed when `conformance/programs/record.py` ran it:
 *
 * - on `generational` with the profile of each recorded version (3.11, 3.12, 3.13): stdout, stderr
 *   and the exit code, byte for byte;
 * - on `refcount`, for the programs whose output does not depend on the cycle collector: the stdout
 *   of CPython 3.11 run with the collector disabled;
 * - on `mark-sweep`, for the same programs: the program still runs to the same exit code, and the
 *   heap verifies at the end (a tracing collector frees at other moments, so what `__del__` prints
 *   may come in another order; it must never free a reachable object).
 *
 * Programs where pymm does not yet print what CPython prints are listed, each with the first
 * difference, in `conformance/programs/known-differences.json`. Those run as `test.fails`: when
 * one starts to agree with CPython, its test fails until it is taken off the list, so the list
 * stays exact.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CPythonVersion, verifyHeap } from '@pymm/core';
import { generational } from '@pymm/generational';
import { createMarkSweepStrategy } from '@pymm/mark-sweep';
import { refcount } from '@pymm/refcount';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadParser } from './load-parser.js';
import { runPythonSync } from './run-python.js';

const DIR = join(import.meta.dirname, '../../../conformance/programs');
const EXPECTED = join(DIR, 'expected');
const VERSIONS = ['3.11', '3.12', '3.13'] as const;
/** Per program: the longest (`lang-big-ints`, a million-step `sum(range(...))`) takes about 1 s alone, and up to 11 s on a loaded 2-core machine. */
const TIMEOUT_MS = 60_000;
/** A runaway program stops here instead of hanging the suite. */
const MAX_STEPS = 50_000_000;

interface ManifestEntry {
  readonly dependsOnCollector: boolean;
  readonly exitCode: Record<string, number>;
  readonly stderr: Record<string, string | null>;
  readonly stdout: Record<string, string | null>;
}

const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')).programs as Record<
  string,
  ManifestEntry
>;
/** Known differences: run name (`generational-3.11`, `refcount`) → program → the difference. */
const known = JSON.parse(readFileSync(join(DIR, 'known-differences.json'), 'utf8')) as Record<
  string,
  Record<string, string>
>;
const names = Object.keys(manifest).sort();
/** A recording (no file: the program printed nothing there). */
const read = (file: string | null) => (file ? readFileSync(join(EXPECTED, file), 'utf8') : '');
/** A program's source: `NAME.py`, or `NAME/NAME.py` for a program with its own folder (`test_gc`). */
const source = (name: string) =>
  readFileSync(
    existsSync(join(DIR, `${name}.py`)) ? join(DIR, `${name}.py`) : join(DIR, name, `${name}.py`),
    'utf8',
  );

/**
 * `test_gc`'s unittest report times the run (`Ran 41 tests in 0.812s`), the one figure that changes
 * between runs: `record.py` recorded CPython's as `0.000s`, and pymm's is compared the same way.
 */
const untimed = (name: string, stderr: string) =>
  name === 'test_gc' ? stderr.replace(/^(Ran \d+ tests? in )\d+\.\d{3}s$/m, '$10.000s') : stderr;

beforeAll(async () => {
  await loadParser();
});

/** `test`, or `test.fails` for a program on the known-differences list of `run`. */
function check(run: string, name: string, body: () => void): void {
  const reason = known[run]?.[name];
  if (reason === undefined) test(name, body, TIMEOUT_MS);
  else test.fails(`${name} (known difference: ${reason})`, body, TIMEOUT_MS);
}

describe.each(VERSIONS)('generational, cpython-%s: stdout, stderr and exit code as CPython', (version) => {
  for (const name of names) {
    const entry = manifest[name];
    check(`generational-${version}`, name, () => {
      const result = runPythonSync(source(name), {
        strategy: generational({ profile: `cpython-${version}` }),
        version: version as CPythonVersion,
        filename: `${name}.py`,
        maxSteps: MAX_STEPS,
      });
      expect(result.stdout).toBe(read(entry.stdout[version]));
      const stderr = entry.stderr[version];
      expect(untimed(name, result.stderr)).toBe(stderr ? read(stderr) : '');
      expect(result.exitCode).toBe(entry.exitCode[version]);
    });
  }
});

describe('refcount: stdout as CPython 3.11 with the cycle collector disabled', () => {
  for (const name of names.filter((n) => !manifest[n].dependsOnCollector)) {
    check('refcount', name, () => {
      const result = runPythonSync(source(name), {
        strategy: refcount(),
        version: '3.11',
        filename: `${name}.py`,
        maxSteps: MAX_STEPS,
      });
      expect(result.stdout).toBe(read(`${name}.3.11-nogc.stdout`));
      expect(result.exitCode).toBe(manifest[name].exitCode['3.11']);
    });
  }
});

describe('mark-sweep: the same exit code, and a heap that verifies', () => {
  for (const name of names.filter((n) => !manifest[n].dependsOnCollector)) {
    check('mark-sweep', name, () => {
      const result = runPythonSync(source(name), {
        strategy: createMarkSweepStrategy(),
        version: '3.11',
        filename: `${name}.py`,
        maxSteps: MAX_STEPS,
      });
      expect(result.exitCode).toBe(manifest[name].exitCode['3.11']);
      expect(result.runtime).not.toBeNull();
      // Garbage a tracing collector has not swept yet may point at garbage it already freed.
      expect(verifyHeap(result.runtime!.heap, 20, { reachableOnly: true }).problems).toEqual([]);
    });
  }
});
