import { describe, expect, it } from 'vitest';
import { minimumMutatorUtilisation, type Pause, percentile } from './statistics.js';

/** Brute force: slide a window in small steps and measure paused time directly. */
function bruteMmu(pauses: readonly Pause[], total: number, window: number): number {
  let worst = 1;
  const step = 0.25;
  for (let a = 0; a + window <= total + 1e-9; a += step) {
    let paused = 0;
    for (const p of pauses)
      paused += Math.max(0, Math.min(a + window, p.start + p.duration) - Math.max(a, p.start));
    worst = Math.min(worst, 1 - paused / window);
  }
  return worst;
}

describe('statistics', () => {
  it('computes nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBe(0);
    expect(percentile([5], 99)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([10, 1, 5], 50)).toBe(5);
  });

  it('computes minimum mutator utilisation like a brute-force sliding window', () => {
    const pauses: Pause[] = [
      { start: 2, duration: 1 },
      { start: 4, duration: 2 },
      { start: 20, duration: 0.5 },
      { start: 30, duration: 6 },
    ];
    for (const window of [1, 2, 3, 5, 10, 40]) {
      expect(minimumMutatorUtilisation(pauses, 40, window)).toBeCloseTo(bruteMmu(pauses, 40, window), 2);
    }
    expect(minimumMutatorUtilisation([], 40, 5)).toBe(1);
  });
});
