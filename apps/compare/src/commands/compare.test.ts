import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { comparisonExitCode, runCompare } from './compare.js';

const ROOT = new URL('../../../../', import.meta.url).pathname;
const schema = JSON.parse(
  readFileSync(new URL('../../schema/comparison.schema.json', import.meta.url), 'utf8'),
);

function validate(json: unknown): string[] {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true });
  const check = ajv.compile(schema);
  return check(json) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('pymm compare', () => {
  it('prints only JSON that follows the documented schema with --json, in worker threads', async () => {
    const out = mkdtempSync(join(tmpdir(), 'pymm-compare-'));
    const result = await runCompare({
      workloads: ['reference-cycles', 'list-vs-generator'],
      scale: '0.02',
      jobs: '2',
      json: true,
      out,
    });
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(validate(json)).toEqual([]);
    expect(json.runs).toHaveLength(10);
    expect(json.workloads.every((w: { identicalStreams: boolean }) => w.identicalStreams)).toBe(true);
    expect(readFileSync(join(out, 'comparison.json'), 'utf8')).toBe(result.stdout);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(
      '<script type="application/json" id="comparison-data">',
    );
  }, 120_000);

  it('measures what the lesson is about: refcount leaks the cycles, the collectors reclaim them', async () => {
    const result = await runCompare({
      workloads: ['reference-cycles'],
      scale: '0.02',
      jobs: '1',
      json: true,
      out: mkdtempSync(join(tmpdir(), 'pymm-')),
    });
    const runs = JSON.parse(result.stdout).runs as {
      label: string;
      leakedBytes: number;
      allocations: number;
      promptness: { measured: boolean; neverReclaimed: number };
    }[];
    const by = (label: string) => runs.find((r) => r.label === label)!;
    expect(by('refcount').leakedBytes).toBeGreaterThan(0);
    expect(by('refcount').promptness.neverReclaimed).toBeGreaterThan(0);
    expect(by('generational').leakedBytes).toBeLessThan(by('refcount').leakedBytes);
    expect(by('nogc').leakedBytes).toBeGreaterThanOrEqual(by('refcount').leakedBytes);
    // Promptness pairs each allocation with the oracle run's; refcount makes the same objects as
    // the oracle. (A Python run whose strategy changes what it allocates, such as the int that
    // gc.collect() returns under a collector, is left unpaired: 'n/a' in the report.)
    expect(by('refcount').promptness.measured).toBe(true);
    for (const r of runs) expect(r.promptness.measured).toBe(r.allocations === by('refcount').allocations);
  }, 120_000);

  it('loads a strategy from a path outside the packages and runs it in the comparison', async () => {
    const result = await runCompare({
      workloads: ['reference-cycles'],
      strategies: ['refcount', './examples/backup-tracing-strategy/src/index.ts'],
      scale: '0.02',
      jobs: '1',
      json: true,
      out: mkdtempSync(join(tmpdir(), 'pymm-')),
      cwd: ROOT,
    });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.exitCode).toBe(0);
    const runs = JSON.parse(result.stdout).runs as {
      strategy: string;
      leakedBytes: number;
      collections: number[];
    }[];
    expect(runs.map((r) => r.strategy)).toEqual(['refcount', 'backup-tracing']);
    const backup = runs[1];
    expect(backup.collections.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(backup.leakedBytes).toBeLessThan(runs[0].leakedBytes);
  }, 120_000);

  it('rejects unknown workloads, strategies, bad numbers and unloadable modules with exit 2', async () => {
    expect((await runCompare({ workloads: ['nope'] })).exitCode).toBe(2);
    expect((await runCompare({ strategies: ['generational:cpython-2.7'] })).exitCode).toBe(2);
    expect((await runCompare({ scale: '-1' })).exitCode).toBe(2);
    expect((await runCompare({ jobs: '1.5' })).exitCode).toBe(2);
    const missing = await runCompare({
      workloads: ['reference-cycles'],
      strategies: ['./no/such/strategy.js'],
      scale: '0.01',
      jobs: '1',
    });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('cannot load strategy module');
  }, 60_000);

  it('exits 1 when a workload gave strategies different operation streams', () => {
    expect(comparisonExitCode({ workloads: [{ identicalStreams: true }, { identicalStreams: false }] })).toBe(
      1,
    );
  });
});
