import { describe, expect, it } from 'vitest';
import { binaryTrees } from './binary-trees.js';
import { parameterValues } from './parameters.js';
import { observe } from './test-support.js';

const SCALE = 0.2;
const params = { arraySize: 20_000 };
const { longLivedDepth } = parameterValues(binaryTrees);
const longLivedNodes = 2 ** (longLivedDepth + 1) - 1;

describe('binary-trees', () => {
  const counted = observe(binaryTrees, 'refcount', { scale: SCALE, params });
  const generational = observe(binaryTrees, 'generational', { scale: SCALE, params });
  const markSweep = observe(binaryTrees, 'markSweep', { scale: SCALE, params });
  const inDepthPhases = (run: typeof counted) => run.collections.filter((c) => c.phase.startsWith('depth-'));

  it('frees each short-lived tree at once under reference counting', () => {
    expect(counted.py.memory().peakLiveBytes).toBeLessThan(markSweep.py.memory().peakLiveBytes);
    for (const phase of counted.phases.filter((p) => p.name.startsWith('depth-'))) {
      expect(phase.liveBytesAtEnd).toBe(phase.liveBytesAtStart);
    }
  });

  it('traces the long-lived data at every mark-sweep collection', () => {
    const traced = inDepthPhases(markSweep);
    expect(traced.length).toBeGreaterThan(0);
    for (const collection of traced)
      expect(collection.examined).toBeGreaterThan(params.arraySize + longLivedNodes);
  });

  it('examines only young objects in most generational collections', () => {
    const collections = inDepthPhases(generational);
    const young = collections.filter((c) => c.examined < longLivedNodes);
    expect(young.length).toBeGreaterThan(collections.length / 2);
  });
});
