import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { runCompare } from '../commands/compare.js';
import { formatSweepTable } from '../report/sweep-table.js';
import { heapLimitAt, parseHeapSizes, type SweepPoint, withLowerBoundOverhead } from './heap-sweep.js';
import { runComparison } from './run-comparison.js';
import { DEFAULT_STRATEGIES } from './strategy-spec.js';

const schema = JSON.parse(
  readFileSync(new URL('../../schema/comparison.schema.json', import.meta.url), 'utf8'),
);

describe('--heap-sizes', () => {
  it('parses multiples of the minimum heap, ascending', () => {
    expect(parseHeapSizes('1.25,1.5,2,3,4,6')).toEqual([1.25, 1.5, 2, 3, 4, 6]);
    expect(parseHeapSizes(' 4, 1 ')).toEqual([1, 4]);
  });

  it('says which value is wrong and why', async () => {
    expect(parseHeapSizes('2,abc')).toBe("--heap-sizes: 'abc' is not a number");
    expect(parseHeapSizes('0.9')).toBe(
      "--heap-sizes: '0.9' is below 1: a heap smaller than the minimum heap cannot complete by definition",
    );
    expect(parseHeapSizes('2,,3')).toBe("--heap-sizes: empty value in '2,,3'");
    expect(parseHeapSizes('2,2')).toBe("--heap-sizes: '2' is given twice");
    expect(parseHeapSizes('Infinity')).toBe("--heap-sizes: 'Infinity' is not a number");
    expect(parseHeapSizes('')).toMatch(/^--heap-sizes: expected multiples/);
    const none = await runCompare({
      heapSizes: '2',
      strategies: ['refcount,nogc'],
      workloads: ['gc-collect'],
    });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toBe(
      'pymm: compare: --heap-sizes: none of the strategies compared (refcount, nogc) reclaims cycles, so none trades time for space; add generational or mark-sweep\n',
    );
    const result = await runCompare({ heapSizes: '1,-2' });
    expect(result).toEqual({
      stdout: '',
      stderr:
        "pymm: compare: --heap-sizes: '-2' is below 1: a heap smaller than the minimum heap cannot complete by definition\n",
      exitCode: 2,
    });
  });
});

describe('the lower-bound overhead', () => {
  const point = (label: string, multiple: number, wallMs: number | null, collectorMs: number | null) =>
    ({
      workload: 'w',
      label,
      multiple,
      heapLimit: 1,
      completed: wallMs !== null,
      error: wallMs === null ? 'MemoryError' : null,
      fingerprint: null,
      wallMs,
      collectorMs,
      programMs: wallMs === null || collectorMs === null ? null : wallMs - collectorMs,
      collections: null,
      maxPauseMs: null,
      peakLiveBytes: null,
      peakHeldBytes: null,
      lowerBoundOverhead: null,
    }) satisfies SweepPoint;

  it('measures each strategy against the cheapest program time at the same heap size, failed runs aside', () => {
    const points = withLowerBoundOverhead([
      point('a', 1, 30, 20),
      point('b', 1, null, null),
      point('a', 2, 12, 2),
      point('b', 2, 16, 8),
    ]);
    const a1 = points[0];
    expect(a1.lowerBoundOverhead).toBe(30 / (30 - 20) - 1);
    expect(points[1].lowerBoundOverhead).toBeNull();
    expect(points[2].lowerBoundOverhead).toBe(12 / (16 - 8) - 1);
    expect(points[3].lowerBoundOverhead).toBe(16 / (16 - 8) - 1);
  });
});

describe('the heap-size sweep', () => {
  it('runs the collecting strategies at multiples of the tightest minimum heap, failures kept', async () => {
    const multiples = [1, 2];
    const comparison = await runComparison({
      workloads: ['reference-cycles'],
      scale: 0.01,
      jobs: 1,
      heapSizes: multiples,
    });
    const ajv = new Ajv2020.default({ allErrors: true, strict: true });
    expect(ajv.validate(schema, comparison), JSON.stringify(ajv.errors)).toBe(true);
    const sweep = comparison.sweep!;
    // nogc and refcount never collect on a budget: a limit could only make them fail.
    expect(sweep.strategies.map((s) => s.name)).toEqual(['generational', 'mark-sweep', 'mark-sweep']);
    expect(sweep.strategies).toEqual(
      DEFAULT_STRATEGIES.filter((s) => s.name !== 'nogc' && s.name !== 'refcount'),
    );
    const [found] = sweep.workloads;
    expect(found.minimums.map((m) => m.label)).toEqual(sweep.strategies.map((s) => s.label));
    const tightest = Math.min(...found.minimums.map((m) => m.bytes));
    expect(found.minimumHeapBytes).toBe(tightest);
    expect(found.minimums.find((m) => m.label === found.definedBy)?.bytes).toBe(tightest);

    // Per multiple, per strategy; every point present, failed or not.
    expect(formatSweepTable(sweep).split('\n')).toHaveLength(3 + 1 + sweep.strategies.length);
    expect(sweep.points.map((p) => [p.multiple, p.label])).toEqual(
      multiples.flatMap((m) => sweep.strategies.map((s) => [m, s.label])),
    );
    const fingerprint = comparison.runs[0].fingerprint;
    for (const p of sweep.points) {
      expect(p.heapLimit).toBe(heapLimitAt(p.multiple, found.minimumHeapBytes));
      if (p.completed) {
        expect(p.fingerprint, 'the same program ran').toBe(fingerprint);
        expect(p.lowerBoundOverhead).toBeGreaterThanOrEqual(0);
        expect(p.peakLiveBytes).toBeLessThanOrEqual(p.heapLimit);
      } else {
        expect(p.error).toMatch(/^MemoryError: /);
        expect([p.wallMs, p.collectorMs, p.collections, p.lowerBoundOverhead]).toEqual([
          null,
          null,
          null,
          null,
        ]);
      }
    }
    // The strategy that defines the minimum completes at 1×; a strategy that runs out of memory
    // there is one whose own minimum is above the tightest, and its point is kept as failed.
    const at1 = sweep.points.filter((p) => p.multiple === 1);
    expect(at1).toHaveLength(sweep.strategies.length);
    expect(at1.find((p) => p.label === found.definedBy)?.completed).toBe(true);
    for (const p of at1.filter((q) => !q.completed)) {
      expect(found.minimums.find((m) => m.label === p.label)!.bytes).toBeGreaterThan(found.minimumHeapBytes);
    }
    // The cheapest at a heap size has overhead collector time over program time.
    for (const m of multiples) {
      const done = sweep.points.filter((p) => p.multiple === m && p.completed);
      const cheapest = done.reduce((a, b) => (b.programMs! < a.programMs! ? b : a));
      expect(cheapest.lowerBoundOverhead).toBeCloseTo(cheapest.collectorMs! / cheapest.programMs!, 9);
    }
  }, 60_000);
});
