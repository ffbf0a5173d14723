import { describe, expect, it } from 'vitest';
import { runCompare } from '../commands/compare.js';
import { comparisonMatrix, parseShard, shardSlice } from './shard.js';
import { jobsForCells } from './shard-jobs.js';
import { DEFAULT_STRATEGIES } from './strategy-spec.js';

describe('--shard i/n', () => {
  it('parses INDEX/TOTAL and says what is wrong otherwise', async () => {
    expect(parseShard('2/3')).toEqual({ index: 2, total: 3 });
    expect(parseShard('1/1')).toEqual({ index: 1, total: 1 });
    expect(parseShard('4/3')).toBe("--shard: '4/3': the index must be between 1 and 3");
    expect(parseShard('0/3')).toBe("--shard: '0/3': the index must be between 1 and 3");
    expect(parseShard('1/0')).toBe("--shard: '1/0': the total must be at least 1");
    expect(parseShard('1.5/3')).toBe("--shard: expected INDEX/TOTAL such as 1/3, got '1.5/3'");
    expect(parseShard('3')).toBe("--shard: expected INDEX/TOTAL such as 1/3, got '3'");
    const result = await runCompare({ shard: '-1/2' });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe("pymm: compare: --shard: expected INDEX/TOTAL such as 1/3, got '-1/2'\n");
  });

  it('puts every cell in exactly one shard, in contiguous slices differing in size by at most one', () => {
    for (let cells = 0; cells <= 40; cells++) {
      const all = Array.from({ length: cells }, (_, i) => i);
      for (let total = 1; total <= 12; total++) {
        const slices = Array.from({ length: total }, (_, i) => shardSlice(all, { index: i + 1, total }));
        expect(slices.flat()).toEqual(all);
        const sizes = slices.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('orders the matrix by workload, then its runs, then its sweep points by multiple and strategy', () => {
    const labels = DEFAULT_STRATEGIES.map((s) => s.label);
    const swept = ['generational', 'mark-sweep'];
    const cells = comparisonMatrix({
      workloads: ['a', 'b'],
      labels,
      swept,
      multiples: [1.5, 3],
      seed: 7,
      scale: 0.5,
    });
    expect(cells).toHaveLength(2 * (labels.length + 2 * swept.length));
    expect(cells.every((c) => c.seed === 7 && c.scale === 0.5)).toBe(true);
    expect(cells.slice(0, 9).map((c) => `${c.workload} ${c.label} ${c.multiple}`)).toEqual([
      ...labels.map((l) => `a ${l} null`),
      'a generational 1.5',
      'a mark-sweep 1.5',
      'a generational 3',
      'a mark-sweep 3',
    ]);
    // A shard's cells become jobs that keep their order: a workload's runs, then its sweep points.
    const settings = {
      strategies: DEFAULT_STRATEGIES,
      swept: DEFAULT_STRATEGIES.slice(2, 4),
      scale: 0.5,
      seed: 7,
      cwd: '.',
    };
    const jobs = jobsForCells(shardSlice(cells, { index: 1, total: 2 }), settings);
    expect(
      jobs.map((j) =>
        'kind' in j ? `sweep ${j.workload} ${j.points.length}` : `runs ${j.workload} ${j.strategies.length}`,
      ),
    ).toEqual([`runs a ${labels.length}`, 'sweep a 4']);
    const second = jobsForCells(shardSlice(cells, { index: 2, total: 3 }), settings);
    expect(second.map((j) => j.workload)).toEqual(['a', 'b']);
  });
});
