import { describe, expect, it } from 'vitest';
import { observe } from './test-support.js';
import { tuplesVsLists } from './tuples-vs-lists.js';

const SCALE = 0.1;

describe('tuples-vs-lists', () => {
  const counted = observe(tuplesVsLists, 'refcount', { scale: SCALE });
  const generational = observe(tuplesVsLists, 'generational', { scale: SCALE });
  const markSweep = observe(tuplesVsLists, 'markSweep', { scale: SCALE });

  it('holds the same records in less memory as tuples', () => {
    expect(counted.peakRise('tuples')).toBeLessThan(counted.peakRise('lists'));
  });

  it('untracks tuples of atoms, so the generational collector examines far fewer objects', () => {
    const explicit = (phase: string) =>
      generational.collections.filter((c) => c.phase === phase && c.reason === 'explicit');
    const [, tuplesSecond] = explicit('tuples');
    const [, listsSecond] = explicit('lists');
    expect(tuplesSecond.examined * 10).toBeLessThan(listsSecond.examined);
  });

  it('reuses freed tuples from the free list at once under reference counting, less so after batch sweeps', () => {
    const share = (run: typeof counted) => run.phase('churn').fromFreeList / run.phase('churn').allocations;
    expect(share(counted)).toBeGreaterThan(0.99);
    expect(share(markSweep)).toBeLessThan(share(counted));
  });
});
