import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SweepPoint } from '../comparison/heap-sweep.js';
import { assembleComparison, type Comparison } from '../comparison/run-comparison.js';
import type { RunResult } from '../measure/run-result.js';
import { runCompare } from './compare.js';
import { runMergeReports } from './merge-reports.js';

const schema = JSON.parse(
  readFileSync(new URL('../../schema/comparison.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020.default({ allErrors: true, strict: true }).compile(schema);

const SETTINGS = {
  workloads: ['reference-cycles', 'list-vs-generator'],
  scale: '0.01',
  heapSizes: '1,2',
};
const SHARDS = 3;

/** Host-time fields of a run: they differ between any two runs of the same cell. */
function withRunTiming(run: RunResult, timed: RunResult): RunResult {
  const { count: _count, ...pauseTimes } = timed.pauses;
  return {
    ...run,
    wallMs: timed.wallMs,
    collectorMs: timed.collectorMs,
    programMs: timed.programMs,
    pauses: { ...run.pauses, ...pauseTimes },
    mmu: timed.mmu,
    pauseSamplesMs: timed.pauseSamplesMs,
  };
}

function withPointTiming(point: SweepPoint, timed: SweepPoint): SweepPoint {
  const { wallMs, collectorMs, programMs, maxPauseMs } = timed;
  return { ...point, wallMs, collectorMs, programMs, maxPauseMs };
}

let root: string;
let whole: Comparison;
let shardDirs: string[];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pymm-shards-'));
  const result = await runCompare({ ...SETTINGS, jobs: '2', json: true, out: join(root, 'whole') });
  expect(result.exitCode).toBe(0);
  whole = JSON.parse(result.stdout);
  shardDirs = [];
  for (let index = 1; index <= SHARDS; index++) {
    const out = join(root, `shard-${index}`);
    const shard = await runCompare({ ...SETTINGS, jobs: '1', shard: `${index}/${SHARDS}`, out });
    expect(shard.exitCode, shard.stderr).toBe(0);
    expect(shard.stdout).toContain(`shard ${index}/${SHARDS}`);
    shardDirs.push(out);
  }
}, 120_000);

describe('pymm compare --shard and pymm merge-reports', () => {
  it('3 shards merged make the JSON and the report of one unsharded run, timing aside', async () => {
    const shards = shardDirs.map((d) => JSON.parse(readFileSync(join(d, 'comparison.json'), 'utf8')));
    for (const shard of shards) expect(validate(shard), JSON.stringify(validate.errors)).toBe(true);
    // Every cell in exactly one shard, in slices that differ in size by at most one.
    const sizes = shards.map((s) => s.shard.cells);
    expect(sizes.reduce((a: number, b: number) => a + b, 0)).toBe(
      whole.runs.length + whole.sweep!.points.length,
    );
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);

    // Given out of order, as a batch engine may collect them.
    const out = join(root, 'merged');
    const merged = await runMergeReports({ inputs: [...shardDirs].reverse(), out, json: true });
    expect(merged.exitCode, merged.stderr).toBe(0);
    const comparison: Comparison = JSON.parse(merged.stdout);
    expect(validate(comparison), JSON.stringify(validate.errors)).toBe(true);
    expect(comparison.shard).toBeUndefined();
    expect(readFileSync(join(out, 'comparison.json'), 'utf8')).toBe(merged.stdout);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('id="comparison-data"');

    // With the unsharded run's host times, everything derived (verdicts, rankings, overheads) is identical.
    expect(comparison.runs).toHaveLength(whole.runs.length);
    expect(comparison.sweep!.points).toHaveLength(whole.sweep!.points.length);
    const retimed = assembleComparison({
      ...comparison,
      runs: comparison.runs.map((r, i) => withRunTiming(r, whole.runs[i])),
      sweep: {
        ...comparison.sweep!,
        points: comparison.sweep!.points.map((p, i) => withPointTiming(p, whole.sweep!.points[i])),
      },
    });
    const timingAside = (c: Comparison) => ({
      ...c,
      machine: null,
      wallSeconds: null,
      options: { ...c.options, jobs: null },
      // CPython's own wall time and peak RSS are measurements of a separate process, like pymm's timings.
      cpython: {
        ...c.cpython,
        runs: c.cpython.runs.map((r) => ({ ...r, wallMs: null, peakRssBytes: null })),
      },
    });
    expect(timingAside(retimed)).toEqual(timingAside(whole));
  });

  it('refuses a missing shard, a shard given twice, and shards of different comparisons, naming them', async () => {
    const [first, second, third] = shardDirs;
    const missing = await runMergeReports({ inputs: [first, third], out: join(root, 'no') });
    expect(missing).toEqual({ stdout: '', stderr: 'merge-reports: missing shard 2/3\n', exitCode: 1 });
    const twice = await runMergeReports({ inputs: [first, second, second, third], out: join(root, 'no') });
    expect(twice.stderr).toBe(`merge-reports: shard 2/3 is given twice: ${second} and ${second}\n`);

    const other = join(root, 'other-seed');
    const result = await runCompare({ ...SETTINGS, seed: '2', jobs: '1', shard: '2/3', out: other });
    expect(result.exitCode).toBe(0);
    const mixed = await runMergeReports({ inputs: [first, other, third], out: join(root, 'no') });
    expect(mixed.stderr).toBe(
      `merge-reports: ${other} and ${first} are shards of different comparisons (they differ in: seed)\n`,
    );
    expect(mixed.exitCode).toBe(1);
  }, 60_000);

  it('refuses what is not a shard: a whole comparison, a directory without one, a file that is not JSON', async () => {
    const whole = await runMergeReports({ inputs: [join(root, 'whole')], out: join(root, 'no') });
    expect(whole.stderr).toBe(
      `merge-reports: ${join(root, 'whole')}: a whole comparison, not a shard (run with --shard i/n)\n`,
    );
    const empty = mkdtempSync(join(tmpdir(), 'pymm-empty-'));
    expect((await runMergeReports({ inputs: [empty] })).stderr).toBe(
      `merge-reports: ${empty}: no comparison.json there\n`,
    );
    const broken = join(empty, 'broken.json');
    writeFileSync(broken, '{"schemaVersion": 1,');
    const notJson = await runMergeReports({ inputs: [broken] });
    expect(notJson.stderr).toMatch(/^merge-reports: .*broken\.json: not JSON \(/);
    const partial = join(empty, 'partial.json');
    writeFileSync(partial, JSON.stringify({ schemaVersion: 1, shard: { index: 1, total: 1 }, runs: [] }));
    expect((await runMergeReports({ inputs: [partial] })).stderr).toBe(
      `merge-reports: ${partial}: not a complete shard (its JSON lacks the fields pymm compare --shard writes)\n`,
    );
    expect((await runMergeReports({ inputs: [] })).exitCode).toBe(2);
  });
});
