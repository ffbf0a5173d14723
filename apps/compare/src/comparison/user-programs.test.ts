import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { runCompare } from '../commands/compare.js';
import { findCPython } from '../measure/cpython-column.js';
import type { Comparison } from './run-comparison.js';

const schema = JSON.parse(
  readFileSync(new URL('../../schema/comparison.schema.json', import.meta.url), 'utf8'),
);

function validate(json: unknown): string[] {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true });
  const check = ajv.compile(schema);
  return check(json) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Prints what only the strategy decides: how many objects gc.collect() found. */
const COLLECTED = 'import gc\nxs = []\nxs.append(xs)\ndel xs\nprint(gc.collect())\n';
/** Prints the same under every strategy. */
const TUPLES = 'rows = [(i, i * i) for i in range(300)]\nprint(sum(b for a, b in rows))\n';

function programs(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pymm-programs-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'tuples.py'), TUPLES);
  writeFileSync(join(dir, 'sub', 'tuples.py'), TUPLES);
  writeFileSync(join(dir, 'collected.py'), COLLECTED);
  return dir;
}

describe('pymm compare on users programs', () => {
  it('writes JSON that follows the schema, names programs after their files, in worker threads', async () => {
    const dir = programs();
    const result = await runCompare({
      programs: ['tuples.py', 'sub/tuples.py'],
      strategies: ['refcount', 'generational'],
      jobs: '2',
      json: true,
      out: join(dir, 'out'),
      cwd: dir,
    });
    expect(result.exitCode).toBe(0);
    const comparison = JSON.parse(result.stdout) as Comparison;
    expect(validate(comparison)).toEqual([]);
    expect(comparison.workloads.map((w) => [w.name, w.filename, w.kind])).toEqual([
      ['tuples', 'tuples.py', 'program'],
      ['tuples-2', 'sub/tuples.py', 'program'],
    ]);
    for (const run of comparison.runs) expect(run.program?.stdout).toBe(comparison.runs[0].program?.stdout);
    const python = findCPython('3.11');
    if (python === null) expect(comparison.cpython.skipped[0]).toMatch(/CPython 3\.11 is not installed/);
    else {
      expect(comparison.cpython.runs.map((c) => [c.workload, c.pymmLabel, c.stdoutMatches])).toEqual([
        ['tuples', 'generational', true],
        ['tuples-2', 'generational', true],
      ]);
      expect(comparison.cpython.runs[0].gcStats).toHaveLength(3);
    }
  }, 120_000);

  it('flags a program whose output the strategy decides, and marks where CPython differs', async () => {
    const dir = programs();
    const result = await runCompare({
      programs: ['collected.py'],
      strategies: ['refcount', 'generational'],
      jobs: '1',
      json: true,
      out: join(dir, 'out'),
      cwd: dir,
    });
    // refcount prints 0 (it never finds the cycle), generational 1: not one stream.
    expect(result.exitCode).toBe(1);
    const comparison = JSON.parse(result.stdout) as Comparison;
    expect(comparison.workloads[0].identicalStreams).toBe(false);
    const printed = comparison.runs.map((r) => r.program?.stdout);
    expect(printed[0]).not.toBe(printed[1]);
    const python = findCPython('3.11');
    if (python !== null) {
      // CPython's generational collector finds the cycle as pymm's generational profile does.
      const [cpython] = comparison.cpython.runs;
      expect([cpython.pymmLabel, cpython.stdoutMatches, cpython.stdout]).toEqual([
        'generational',
        true,
        printed[1],
      ]);
    }
  }, 120_000);

  it('says why the CPython column was skipped', async () => {
    const dir = programs();
    const options = { programs: ['tuples.py'], strategies: ['refcount'], jobs: '1', json: true, cwd: dir };
    const missing = await runCompare({ ...options, python: join(dir, 'no-python'), out: join(dir, 'a') });
    expect(missing.exitCode).toBe(0);
    const skipped = (JSON.parse(missing.stdout) as Comparison).cpython;
    expect([skipped.status, skipped.skipped]).toEqual([
      'skipped',
      [`${join(dir, 'no-python')} is not CPython 3.11`],
    ]);
    const off = await runCompare({ ...options, python: false, out: join(dir, 'b') });
    expect((JSON.parse(off.stdout) as Comparison).cpython.skipped).toEqual(['not asked for (--no-cpython)']);
  }, 120_000);
});
