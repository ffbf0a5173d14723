import { describe, expect, it } from 'vitest';
import { deepLinkedList } from './deep-linked-list.js';
import { parameterValues } from './parameters.js';
import { observe } from './test-support.js';

const SCALE = 0.1;
const nodes = Math.round(parameterValues(deepLinkedList).nodes * SCALE);

describe('deep-linked-list', () => {
  it('frees the whole chain in the single del under reference counting', () => {
    const run = observe(deepLinkedList, 'refcount', { scale: SCALE });
    const drop = run.run.phases.find((p) => p.name === 'drop')!;
    // the del is the operation right after the phase mark
    expect(run.freesByOperation.get(drop.operation + 1)).toBeGreaterThanOrEqual(nodes);
    expect(run.phase('drop').frees).toBe(run.phase('build').allocations);
  });

  it('frees nothing at the del and everything at the next collection under mark-sweep', () => {
    const run = observe(deepLinkedList, 'markSweep', { scale: SCALE });
    expect(run.phase('drop').frees).toBe(0);
    expect(run.phase('collect-garbage').frees).toBeGreaterThanOrEqual(nodes);
    const live = run.collections.find((c) => c.phase === 'collect-live')!;
    expect(live.collected).toBe(0);
    expect(live.examined).toBeGreaterThanOrEqual(nodes);
  });
});
