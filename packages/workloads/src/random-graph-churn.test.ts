import { describe, expect, it } from 'vitest';
import { randomGraphChurn } from './random-graph-churn.js';
import { observe } from './test-support.js';

const SCALE = 0.05;

describe('random-graph-churn', () => {
  const counted = observe(randomGraphChurn, 'refcount', { scale: SCALE });
  const generational = observe(randomGraphChurn, 'generational', { scale: SCALE });
  const markSweep = observe(randomGraphChurn, 'markSweep', { scale: SCALE });

  it('leaves only the reachable graph after a full collection, whichever collector', () => {
    expect(markSweep.py.memory().liveBytes).toBe(generational.py.memory().liveBytes);
    expect(markSweep.py.memory().objects).toBe(generational.py.memory().objects);
  });

  it('leaks the cyclic garbage under reference counting while freeing the acyclic part at once', () => {
    expect(counted.py.memory().liveBytes).toBeGreaterThan(generational.py.memory().liveBytes);
    expect(counted.phase('churn').frees).toBeGreaterThan(0);
  });

  const found = (run: typeof counted, phase: string) =>
    run.collections.filter((c) => c.phase === phase).reduce((sum, c) => sum + c.collected, 0);

  it('frees garbage at every mark-sweep collection during the churn', () => {
    const traced = markSweep.collections.filter((c) => c.phase === 'churn');
    expect(traced.length).toBeGreaterThan(0);
    for (const collection of traced) expect(collection.collected).toBeGreaterThan(0);
  });

  it('finds little in young collections: nodes die after they were promoted, so a full collection finds most', () => {
    expect(found(generational, 'collect')).toBeGreaterThan(found(generational, 'churn'));
  });
});
