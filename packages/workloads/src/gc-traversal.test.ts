import { describe, expect, it } from 'vitest';
import { gcTraversal } from './gc-traversal.js';
import { parameterValues } from './parameters.js';
import { observe } from './test-support.js';

const SCALE = 0.5;
const { levels } = parameterValues(gcTraversal);
const references = (levels * (levels - 1)) / 2;

describe('gc-traversal', () => {
  const generational = observe(gcTraversal, 'generational', { scale: SCALE });
  const markSweep = observe(gcTraversal, 'markSweep', { scale: SCALE });

  it('finds no garbage while the structure is alive, however often it collects', () => {
    for (const run of [generational, markSweep]) {
      const collect = run.collections.filter((c) => c.phase === 'collect');
      expect(collect.length).toBeGreaterThan(0);
      expect(collect.every((c) => c.collected === 0)).toBe(true);
    }
  });

  it('traverses the whole structure at every full collection', () => {
    const full = generational.collections.filter((c) => c.phase === 'collect');
    for (const collection of full) expect(collection.examined).toBeGreaterThanOrEqual(levels);
    const traced = markSweep.collections.filter((c) => c.phase === 'collect');
    for (const collection of traced) expect(collection.examined).toBeGreaterThanOrEqual(references);
  });

  it('leaves the old structure alone in young collections, while mark-sweep traces it every time', () => {
    const young = generational.collections.filter((c) => c.phase === 'young-garbage' && c.generation === 0);
    expect(young.length).toBeGreaterThan(0);
    for (const collection of young) expect(collection.examined).toBeLessThan(levels);
    const traced = markSweep.collections.filter((c) => c.phase === 'young-garbage');
    expect(traced.length).toBeGreaterThan(0);
    for (const collection of traced) expect(collection.examined).toBeGreaterThanOrEqual(references);
  });
});
