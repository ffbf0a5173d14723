/**
 * The heap-size sweep (`pymm compare --heap-sizes 1.25,1.5,2,3,4,6`): the
 * collecting strategies run each workload at multiples of its minimum heap,
 * the practice of GC evaluations (DaCapo, the LBO methodology), so the report
 * can draw the time-space trade-off and each strategy's lower-bound overhead.
 *
 * Which strategies are swept: those whose factory guarantees that it
 * reclaims cycles (generational, mark-sweep and its incremental profile, and
 * any external strategy that says so). They collect when a budget or the
 * heap limit says so, so a smaller heap costs them collector time: that is
 * the trade-off. `nogc` and `refcount` are left out: they never collect on a
 * budget, a heap limit cannot change their time, only make them fail.
 *
 * The minimum heap of a workload is the smallest of the swept strategies'
 * minimum heaps (`minimum-heap.ts`), that of the tightest strategy, which the
 * sweep names. Multiples are of that figure, so at small multiples the other
 * strategies may fail with `MemoryError`; a failed point stays in the sweep.
 *
 * @module
 */

import type { StrategySpec } from './strategy-spec.js';

/** One strategy's minimum heap on one workload. */
export interface StrategyMinimumHeap {
  readonly label: string;
  /** Smallest limit found at which the workload completes, in bytes. */
  readonly bytes: number;
  /** Largest limit probed at which it failed (0 when none was probed). */
  readonly failedBelow: number;
  /** Peak live bytes without a limit. */
  readonly unlimitedPeakBytes: number;
  /** Runs the bisection made. */
  readonly probes: number;
}

/** A workload's minimum heap: the tightest strategy's, with every swept strategy's own. */
export interface SweepWorkload {
  readonly workload: string;
  /** The unit of the multiples, in bytes. */
  readonly minimumHeapBytes: number;
  /** Label of the strategy whose minimum it is. */
  readonly definedBy: string;
  readonly minimums: readonly StrategyMinimumHeap[];
}

/** One strategy on one workload at one heap multiple. */
export interface SweepPoint {
  readonly workload: string;
  readonly label: string;
  readonly multiple: number;
  /** `ceil(multiple × minimum heap)` bytes. */
  readonly heapLimit: number;
  /** False when the run raised `MemoryError`. */
  readonly completed: boolean;
  /** The `MemoryError` of a failed run, else null. */
  readonly error: string | null;
  /** Measurements of a completed run (null when it failed). */
  readonly fingerprint: string | null;
  readonly wallMs: number | null;
  readonly collectorMs: number | null;
  readonly programMs: number | null;
  readonly collections: number | null;
  readonly maxPauseMs: number | null;
  readonly peakLiveBytes: number | null;
  readonly peakHeldBytes: number | null;
  /**
   * Lower-bound overhead: total time over the cheapest program time (total
   * minus collector time) of any strategy that completed at this workload
   * and multiple, minus one. Null when this run failed.
   */
  readonly lowerBoundOverhead: number | null;
}

/** The sweep as the comparison JSON holds it. */
export interface HeapSweep {
  /** Heap sizes as multiples of each workload's minimum heap, ascending. */
  readonly multiples: readonly number[];
  /** The strategies swept (the collecting ones among those compared). */
  readonly strategies: readonly StrategySpec[];
  /** Bisection precision, as a fraction of the upper bound. */
  readonly precision: number;
  readonly workloads: readonly SweepWorkload[];
  /** Per workload, per multiple, per strategy, in that order. */
  readonly points: readonly SweepPoint[];
}

/**
 * Parses `--heap-sizes` (comma-separated multiples of the minimum heap):
 * each must be a finite number of at least 1, and none may repeat. Returns
 * the multiples in ascending order, or a message saying which value is wrong
 * and why.
 *
 * @example
 * ```ts
 * import { parseHeapSizes } from './heap-sweep.js';
 * parseHeapSizes('2,1.25,6'); // [1.25, 2, 6]
 * parseHeapSizes('1.5,0.5'); // "--heap-sizes: '0.5' is below 1: a heap smaller than the minimum heap cannot complete by definition"
 * ```
 */
export function parseHeapSizes(text: string): number[] | string {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.every((p) => p === ''))
    return '--heap-sizes: expected multiples of the minimum heap, e.g. 1.25,1.5,2,3,4,6';
  const multiples: number[] = [];
  for (const part of parts) {
    if (part === '') return `--heap-sizes: empty value in '${text}'`;
    const value = Number(part);
    if (!Number.isFinite(value)) return `--heap-sizes: '${part}' is not a number`;
    if (value < 1) {
      return `--heap-sizes: '${part}' is below 1: a heap smaller than the minimum heap cannot complete by definition`;
    }
    if (multiples.includes(value)) return `--heap-sizes: '${part}' is given twice`;
    multiples.push(value);
  }
  return multiples.sort((a, b) => a - b);
}

/**
 * The heap limit of a multiple: `ceil(multiple × minimum)` bytes.
 *
 * @example
 * ```ts
 * import { heapLimitAt } from './heap-sweep.js';
 * heapLimitAt(1.5, 1001); // 1502
 * ```
 */
export function heapLimitAt(multiple: number, minimumHeapBytes: number): number {
  return Math.ceil(multiple * minimumHeapBytes);
}

/**
 * Fills in each point's lower-bound overhead from the points beside it
 * (same workload and multiple). Points come back in the order given.
 *
 * @example
 * ```ts
 * import { withLowerBoundOverhead } from './heap-sweep.js';
 * const point = (label: string, wallMs: number, collectorMs: number) => ({
 *   workload: 'w', label, multiple: 2, heapLimit: 10, completed: true, error: null, fingerprint: 'f',
 *   wallMs, collectorMs, programMs: wallMs - collectorMs, collections: 1, maxPauseMs: 1,
 *   peakLiveBytes: 1, peakHeldBytes: 1, lowerBoundOverhead: null,
 * });
 * withLowerBoundOverhead([point('a', 10, 2), point('b', 12, 6)]).map((p) => p.lowerBoundOverhead); // [0.6666666666666667, 1]
 * ```
 */
export function withLowerBoundOverhead(points: readonly SweepPoint[]): SweepPoint[] {
  const cheapest = new Map<string, number>();
  const key = (p: SweepPoint) => `${p.workload}\u0000${p.multiple}`;
  for (const p of points) {
    if (!p.completed || p.programMs === null) continue;
    const seen = cheapest.get(key(p));
    if (seen === undefined || p.programMs < seen) cheapest.set(key(p), p.programMs);
  }
  return points.map((p) => {
    const base = cheapest.get(key(p));
    const overhead =
      p.completed && p.wallMs !== null && base !== undefined && base > 0 ? p.wallMs / base - 1 : null;
    return { ...p, lowerBoundOverhead: overhead };
  });
}

/**
 * The tightest strategy's minimum heap among `minimums` (the first listed wins a tie).
 *
 * @example
 * ```ts
 * import { tightestMinimum } from './heap-sweep.js';
 * const m = (label: string, bytes: number) => ({ label, bytes, failedBelow: 0, unlimitedPeakBytes: bytes, probes: 1 });
 * tightestMinimum('w', [m('a', 300), m('b', 200), m('c', 200)]).definedBy; // 'b'
 * ```
 */
export function tightestMinimum(workload: string, minimums: readonly StrategyMinimumHeap[]): SweepWorkload {
  const tightest = minimums.reduce((a, b) => (b.bytes < a.bytes ? b : a));
  return { workload, minimumHeapBytes: tightest.bytes, definedBy: tightest.label, minimums };
}
