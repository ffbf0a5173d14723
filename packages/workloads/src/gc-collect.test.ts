import { describe, expect, it } from 'vitest';
import { gcCollect } from './gc-collect.js';
import { parameterValues } from './parameters.js';
import { observe } from './test-support.js';

const params = { iterations: 3 };
const { cycles, links } = parameterValues(gcCollect);
const nodesPerIteration = cycles * (links + 1);

describe('gc-collect', () => {
  it.each(['generational', 'markSweep'] as const)(
    'finds every ring at each gc.collect() under %s',
    (label) => {
      const run = observe(gcCollect, label, { params });
      const explicit = run.collections.filter((c) => c.phase === 'collect');
      expect(explicit).toHaveLength(params.iterations);
      for (const collection of explicit)
        expect(collection.collected).toBeGreaterThanOrEqual(nodesPerIteration);
      expect(run.py.memory().liveBytes).toBe(run.phases[0].liveBytesAtStart);
    },
  );

  it('leaks every ring under reference counting', () => {
    const run = observe(gcCollect, 'refcount', { params });
    expect(run.collections.every((c) => c.collected === 0)).toBe(true);
    expect(run.py.memory().objects - 268).toBeGreaterThanOrEqual(params.iterations * nodesPerIteration);
  });
});
