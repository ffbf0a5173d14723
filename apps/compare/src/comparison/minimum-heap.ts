/**
 * A workload's minimum heap: the smallest heap limit at which it completes
 * without `MemoryError`, found by bisection (DaCapo's `GMD`; the unit of the
 * heap-size sweep's multiples, as in the LBO methodology).
 *
 * The heap limit counts live bytes, as the core heap does: an allocation that
 * would pass it first triggers a full collection, and raises `MemoryError`
 * only if it still does not fit. So the minimum under a collector that
 * reclaims every unreachable object in a full collection is the program's
 * peak of reachable bytes.
 *
 * The search is deterministic (byte limits, no clocks) and bounded: one run
 * without a limit gives the peak of live bytes, an upper bound; then each
 * probe halves the interval until it is narrower than
 * {@link MINIMUM_HEAP_PRECISION} of that bound. Given a hint (another
 * strategy's minimum on the same workload, often the same or close), the
 * search first probes the hint and the limit one precision step below it:
 * when the hint completes and that limit fails, two probes bracket the
 * boundary, else the bisection goes on from the bounds they set. Completion need not be
 * monotone in the limit (a collection moved by the limit changes what
 * follows), so the result is the boundary bisection finds: a limit that
 * completes, with one within the precision below it that fails.
 *
 * @module
 */

import { type CPythonVersion, createRuntime, SimulatedMemoryError, type StrategyFactory } from '@pymm/core';
import { createContext, type Workload } from '@pymm/workloads';

/** The bisection stops when the interval is narrower than this fraction of the upper bound. */
export const MINIMUM_HEAP_PRECISION = 1 / 512;

/** Doublings tried past the unlimited run's peak before giving up (a program that resets its peak). */
const MAX_DOUBLINGS = 32;

/** What to run: the workload's scale, seed and parameters. */
export interface MinimumHeapOptions {
  readonly scale: number;
  readonly seed: number;
  readonly params?: Readonly<Record<string, number>>;
  /** The CPython version a Python workload runs as (default 3.11). */
  readonly version?: CPythonVersion;
}

/** A workload's minimum heap under one strategy. */
export interface MinimumHeap {
  /** The smallest limit found at which the workload completes, in bytes. */
  readonly bytes: number;
  /** The largest limit probed at which it failed with `MemoryError` (0 when none was probed). */
  readonly failedBelow: number;
  /** Peak live bytes of the run without a limit. */
  readonly unlimitedPeakBytes: number;
  /** Runs with a limit the bisection made (the run without a limit not counted). */
  readonly probes: number;
}

/**
 * Whether `error` is the simulated `MemoryError`: the core's exception, or a
 * Python program's uncaught `MemoryError` reported by its workload.
 *
 * @example
 * ```ts
 * import { SimulatedMemoryError } from '@pymm/core';
 * import { isMemoryError } from './minimum-heap.js';
 * isMemoryError(new SimulatedMemoryError(8, 0, 4)); // true
 * isMemoryError(new TypeError('x')); // false
 * ```
 */
export function isMemoryError(error: unknown): boolean {
  if (error instanceof SimulatedMemoryError) return true;
  if (!(error instanceof Error)) return false;
  return error.name === 'MemoryError' || /(^|\n)MemoryError\b/.test(error.message);
}

/**
 * Runs `workload` on a fresh runtime with `heapLimit` and returns its peak
 * live bytes, or `null` when it ran out of memory. Other errors propagate.
 */
export function peakWithin(
  workload: Workload,
  strategy: StrategyFactory,
  options: MinimumHeapOptions,
  heapLimit?: number,
): number | null {
  const py = createRuntime({ strategy, heapLimit, version: options.version });
  try {
    workload.run(py, createContext({ scale: options.scale, seed: options.seed, params: options.params }));
    py.flushTemporaries();
  } catch (error) {
    if (isMemoryError(error)) return null;
    throw error;
  }
  return py.heap.peakLiveBytes;
}

/**
 * Finds `workload`'s minimum heap under `strategy` by bisection.
 *
 * @example
 * ```ts
 * import { createMarkSweepStrategy } from '@pymm/mark-sweep';
 * import { workloadByName } from '@pymm/workloads';
 * import { findMinimumHeap } from './minimum-heap.js';
 * const found = findMinimumHeap(workloadByName('reference-cycles'), createMarkSweepStrategy(), { scale: 0.01, seed: 1 });
 * found.bytes > found.failedBelow; // true
 * found.bytes <= found.unlimitedPeakBytes; // true
 * const again = findMinimumHeap(workloadByName('reference-cycles'), createMarkSweepStrategy(), { scale: 0.01, seed: 1 }, found.bytes);
 * again.probes < found.probes; // true: the hint and one step below it bracket the boundary
 * ```
 */
export function findMinimumHeap(
  workload: Workload,
  strategy: StrategyFactory,
  options: MinimumHeapOptions,
  hint?: number,
): MinimumHeap {
  const unlimitedPeakBytes = peakWithin(workload, strategy, options);
  if (unlimitedPeakBytes === null) {
    throw new Error(`${workload.name}: ran out of memory without a heap limit`);
  }
  let probes = 0;
  const completes = (limit: number) => {
    probes++;
    return peakWithin(workload, strategy, options, limit) !== null;
  };
  let high = unlimitedPeakBytes;
  let low = 0;
  // The unlimited run's peak completes unless the program reset its peak (tracemalloc.reset_peak()).
  for (let doublings = 0; !completes(high); doublings++) {
    if (doublings === MAX_DOUBLINGS) {
      throw new Error(`${workload.name}: does not complete at any heap limit up to ${high} bytes`);
    }
    low = high;
    high = Math.max(1, high * 2);
  }
  const tolerance = Math.max(1, Math.ceil(high * MINIMUM_HEAP_PRECISION));
  // A hint inside the interval: probe it, then (if it completes) one step below it.
  for (const probe of hint === undefined ? [] : [hint, hint - tolerance]) {
    if (probe <= low || probe >= high) continue;
    if (completes(probe)) high = probe;
    else {
      low = probe;
      break;
    }
  }
  while (high - low > tolerance) {
    const middle = Math.floor((low + high) / 2);
    if (completes(middle)) high = middle;
    else low = middle;
  }
  return { bytes: high, failedBelow: low, unlimitedPeakBytes, probes };
}
