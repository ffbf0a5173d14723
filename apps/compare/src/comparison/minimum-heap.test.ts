import { SimulatedMemoryError } from '@pymm/core';
import { generational } from '@pymm/generational';
import { createMarkSweepStrategy } from '@pymm/mark-sweep';
import { refcount } from '@pymm/refcount';
import { workloadByName } from '@pymm/workloads';
import { describe, expect, it } from 'vitest';
import { findMinimumHeap, isMemoryError, MINIMUM_HEAP_PRECISION, peakWithin } from './minimum-heap.js';

const tolerance = (upper: number) => Math.max(1, Math.ceil(upper * MINIMUM_HEAP_PRECISION));
/** Probes of a bisection from an upper bound that completes: one at the bound, then one per halving. */
const MAX_PROBES = 1 + Math.ceil(Math.log2(1 / MINIMUM_HEAP_PRECISION));

describe('the minimum heap, by bisection', () => {
  it('brackets the boundary: completes at the minimum, fails within the precision below it', () => {
    const workload = workloadByName('list-vs-generator');
    const options = { scale: 0.01, seed: 1 };
    for (const strategy of [createMarkSweepStrategy(), generational()]) {
      const found = findMinimumHeap(workload, strategy, options);
      expect(peakWithin(workload, strategy, options, found.bytes), strategy.name).not.toBeNull();
      expect(peakWithin(workload, strategy, options, found.failedBelow), strategy.name).toBeNull();
      expect(found.bytes - found.failedBelow).toBeLessThanOrEqual(tolerance(found.unlimitedPeakBytes));
      expect(found.probes).toBeLessThanOrEqual(MAX_PROBES);
      expect(findMinimumHeap(workload, strategy, options), 'deterministic').toEqual(found);
    }
  });

  it("starts from a hint (another strategy's minimum) and still brackets the boundary, in fewer runs", () => {
    const workload = workloadByName('list-vs-generator');
    const options = { scale: 0.01, seed: 1 };
    const first = findMinimumHeap(workload, generational(), options);
    const strategy = createMarkSweepStrategy();
    const plain = findMinimumHeap(workload, strategy, options);
    const hinted = findMinimumHeap(workload, strategy, options, first.bytes);
    expect(peakWithin(workload, strategy, options, hinted.bytes)).not.toBeNull();
    expect(peakWithin(workload, strategy, options, hinted.failedBelow)).toBeNull();
    expect(hinted.bytes - hinted.failedBelow).toBeLessThanOrEqual(tolerance(hinted.unlimitedPeakBytes));
    expect(hinted.probes).toBeLessThan(plain.probes);
    // A hint outside the interval is no help, and no harm.
    expect(findMinimumHeap(workload, strategy, options, hinted.unlimitedPeakBytes * 4).bytes).toBe(
      plain.bytes,
    );
  });

  it('is the unlimited peak when everything allocated stays reachable (a linked list kept to the end)', () => {
    // deep-linked-list builds one long chain and drops it only at the end: no collection can free any of it.
    const found = findMinimumHeap(workloadByName('deep-linked-list'), createMarkSweepStrategy(), {
      scale: 0.02,
      seed: 1,
    });
    expect(found.bytes).toBe(found.unlimitedPeakBytes);
    expect(found.unlimitedPeakBytes - found.failedBelow).toBeLessThanOrEqual(
      tolerance(found.unlimitedPeakBytes),
    );
  });

  it('does not grow with garbage: cycles dropped at once need the same heap, however many', () => {
    // reference-cycles with pairs only: each pair of nodes is garbage as soon as it is made. Without
    // a limit mark-sweep lets the garbage pile up until its budget; with one, a collection frees it.
    const cycles = workloadByName('reference-cycles');
    const params = (pairs: number) => ({ pairs, rings: 0, finalizerRings: 0 });
    const few = { scale: 1, seed: 1, params: params(200) };
    const many = { scale: 1, seed: 1, params: params(800) };
    const strategy = createMarkSweepStrategy();
    const small = findMinimumHeap(cycles, strategy, few);
    const large = findMinimumHeap(cycles, strategy, many);
    expect(large.unlimitedPeakBytes).toBeGreaterThan(small.unlimitedPeakBytes);
    expect(large.bytes).toBeLessThan(small.unlimitedPeakBytes);
    expect(Math.abs(large.bytes - small.bytes)).toBeLessThanOrEqual(tolerance(large.unlimitedPeakBytes));
    // Reference counting cannot free the cycles, so without a collector the same program needs the unlimited peak.
    expect(peakWithin(cycles, refcount(), few, small.bytes)).toBeNull();
  }, 30_000);

  it('recognises MemoryError, from the core or from a Python program, and nothing else', () => {
    expect(isMemoryError(new SimulatedMemoryError(8, 0, 4))).toBe(true);
    const python = new Error('Traceback (most recent call last):\n  File "p.py", line 1\nMemoryError: out');
    expect(isMemoryError(python)).toBe(true);
    expect(isMemoryError(new TypeError('MemoryErrors'))).toBe(false);
    expect(isMemoryError('MemoryError')).toBe(false);
  });
});
