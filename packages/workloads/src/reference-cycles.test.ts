import { describe, expect, it } from 'vitest';
import { referenceCycles } from './reference-cycles.js';
import { observe } from './test-support.js';

const SCALE = 0.1;

describe('reference-cycles', () => {
  const counted = observe(referenceCycles, 'refcount', { scale: SCALE });
  const generational = observe(referenceCycles, 'generational', { scale: SCALE });
  const markSweep = observe(referenceCycles, 'markSweep', { scale: SCALE });
  const baseline = counted.phase('pairs').liveBytesAtStart;

  it('leaks every cycle under reference counting, even after gc.collect()', () => {
    const leaked = counted.py.memory().liveBytes - baseline;
    expect(leaked).toBeGreaterThan(0);
    expect(counted.phase('pairs').frees).toBe(0);
    expect(counted.collections.every((c) => c.collected === 0)).toBe(true);
  });

  it('leaves nothing behind under the generational collector after its final collection', () => {
    expect(generational.py.memory().liveBytes).toBe(baseline);
    const automatic = generational.collections.filter((c) => c.phase === 'pairs' && c.reason === 'threshold');
    expect(automatic.length).toBeGreaterThan(0);
    expect(automatic.reduce((sum, c) => sum + c.collected, 0)).toBeGreaterThan(0);
  });

  it('runs __del__ of cyclic garbage with a collector (PEP 442) and never with reference counting alone', () => {
    const finalized = (run: typeof counted) => run.phases.reduce((sum, p) => sum + p.finalizers, 0);
    expect(finalized(counted)).toBe(0);
    expect(finalized(generational)).toBeGreaterThan(0);
    expect(finalized(markSweep)).toBe(finalized(generational));
  });

  it('frees the cycles at mark-sweep collections, keeping finalized objects until the next one', () => {
    expect(markSweep.phase('pairs').frees).toBeGreaterThan(0);
    expect(markSweep.py.memory().liveBytes).toBeLessThan(counted.py.memory().liveBytes - baseline);
    markSweep.py.collect();
    expect(markSweep.py.memory().liveBytes).toBe(baseline);
  });
});
