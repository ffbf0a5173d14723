/**
 * Sharded comparisons (`pymm compare --shard i/n`), the convention of
 * Playwright's and vitest's `--shard`: the comparison is a matrix of cells,
 * workload × seed × scale × strategy (the runs) and workload × seed × scale ×
 * heap multiple × strategy (the heap-size sweep's points), and shard i of n
 * runs one contiguous slice of it.
 *
 * The order of the cells: workloads in the order compared; for each, its
 * runs in the order of the strategies, then its sweep points by ascending
 * multiple and, within a multiple, in the order of the swept strategies.
 * (One seed and one scale per comparison: those axes have one value.) With
 * N cells, shard i (1-based) takes cells `floor((i−1)·N/n)` up to, not
 * including, `floor(i·N/n)`: every cell in exactly one shard, sizes differing
 * by at most one. Contiguous slices keep a workload's cells together, so few
 * shards repeat its unreachability oracle run or its minimum-heap bisection
 * (both deterministic, so a repeat finds the same).
 *
 * @module
 */

/** Shard `index` (1-based) of `total`. */
export interface Shard {
  readonly index: number;
  readonly total: number;
}

/** One cell of the comparison matrix. */
export interface MatrixCell {
  readonly workload: string;
  readonly seed: number;
  readonly scale: number;
  /** Strategy label. */
  readonly label: string;
  /** Heap multiple of a sweep point; null for a run without a heap limit. */
  readonly multiple: number | null;
}

/**
 * Parses `--shard i/n`: integers with 1 ≤ i ≤ n. Returns the shard, or a
 * message saying what is wrong.
 *
 * @example
 * ```ts
 * import { parseShard } from './shard.js';
 * parseShard('2/3'); // { index: 2, total: 3 }
 * parseShard('4/3'); // "--shard: '4/3': the index must be between 1 and 3"
 * ```
 */
export function parseShard(text: string): Shard | string {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return `--shard: expected INDEX/TOTAL such as 1/3, got '${text}'`;
  const index = Number(match[1]);
  const total = Number(match[2]);
  if (total < 1) return `--shard: '${text}': the total must be at least 1`;
  if (index < 1 || index > total) return `--shard: '${text}': the index must be between 1 and ${total}`;
  return { index, total };
}

/**
 * The comparison's cells in their canonical order (see the module comment).
 *
 * @example
 * ```ts
 * import { comparisonMatrix } from './shard.js';
 * const cells = comparisonMatrix({ workloads: ['w'], labels: ['a', 'b'], swept: ['b'], multiples: [2, 4], seed: 1, scale: 1 });
 * cells.map((c) => `${c.label}@${c.multiple}`); // ['a@null', 'b@null', 'b@2', 'b@4']
 * ```
 */
export function comparisonMatrix(axes: {
  readonly workloads: readonly string[];
  readonly labels: readonly string[];
  readonly swept: readonly string[];
  readonly multiples: readonly number[];
  readonly seed: number;
  readonly scale: number;
}): MatrixCell[] {
  const { seed, scale } = axes;
  return axes.workloads.flatMap((workload) => [
    ...axes.labels.map((label) => ({ workload, seed, scale, label, multiple: null })),
    ...axes.multiples.flatMap((multiple) =>
      axes.swept.map((label) => ({ workload, seed, scale, label, multiple })),
    ),
  ]);
}

/**
 * The cells of one shard: a contiguous slice, `floor((i−1)·N/n)` up to `floor(i·N/n)`.
 *
 * @example
 * ```ts
 * import { shardSlice } from './shard.js';
 * [1, 2, 3].map((index) => shardSlice([0, 1, 2, 3, 4, 5, 6], { index, total: 3 })); // [[0, 1], [2, 3], [4, 5, 6]]
 * ```
 */
export function shardSlice<T>(cells: readonly T[], shard: Shard): T[] {
  const start = Math.floor(((shard.index - 1) * cells.length) / shard.total);
  const end = Math.floor((shard.index * cells.length) / shard.total);
  return cells.slice(start, end);
}
