/**
 * Statistics for the comparison: percentiles and minimum mutator utilisation.
 *
 * @module
 */

/**
 * The `p`-th percentile (0..100) of `values` by nearest rank; 0 for none.
 *
 * @example
 * ```ts
 * import { percentile } from './statistics.js';
 * percentile([1, 2, 3, 4, 100], 50); // 3
 * ```
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** A pause on the run's timeline, in milliseconds from its start. */
export interface Pause {
  readonly start: number;
  readonly duration: number;
}

/**
 * Minimum mutator utilisation for a window of `window` ms over a run of
 * `total` ms: the smallest fraction of any window's time left to the program
 * (Cheng and Blelloch). 1 means no window ever lost time to the collector.
 *
 * @example
 * ```ts
 * import { minimumMutatorUtilisation } from './statistics.js';
 * minimumMutatorUtilisation([{ start: 10, duration: 5 }], 100, 10); // 0.5
 * ```
 */
export function minimumMutatorUtilisation(pauses: readonly Pause[], total: number, window: number): number {
  if (pauses.length === 0 || total <= 0) return 1;
  const w = Math.min(window, total);
  const sorted = [...pauses].sort((a, b) => a.start - b.start);
  const n = sorted.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    starts[i] = sorted[i].start;
    ends[i] = sorted[i].start + sorted[i].duration;
    prefix[i + 1] = prefix[i] + sorted[i].duration;
  }
  /** First index whose value is > x (values ascending). */
  const upper = (values: Float64Array, x: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const pausedIn = (a: number, b: number) => {
    const first = upper(ends, a); // first pause ending after a
    const last = upper(starts, b - 1e-12) - 1; // last pause starting before b
    if (first > last) return 0;
    let paused = prefix[last + 1] - prefix[first];
    paused -= Math.max(0, a - starts[first]);
    paused -= Math.max(0, ends[last] - b);
    return Math.max(0, paused);
  };
  let worst = 1;
  // The worst windows start at a pause start or end at a pause end.
  for (let i = 0; i < n; i++) {
    for (const a of [starts[i], ends[i] - w]) {
      const start = Math.min(Math.max(0, a), total - w);
      worst = Math.min(worst, Math.max(0, 1 - pausedIn(start, start + w) / w));
    }
  }
  return worst;
}
