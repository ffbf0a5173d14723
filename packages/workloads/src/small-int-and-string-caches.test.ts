import { describe, expect, it } from 'vitest';
import { parameterValues } from './parameters.js';
import { smallIntAndStringCaches } from './small-int-and-string-caches.js';
import { observe } from './test-support.js';

const SCALE = 0.1;
const defaults = parameterValues(smallIntAndStringCaches);
const values = Math.round(defaults.values * SCALE);

describe('small-int-and-string-caches', () => {
  const counted = observe(smallIntAndStringCaches, 'refcount', { scale: SCALE });
  const noGC = observe(smallIntAndStringCaches, 'noGC', { scale: SCALE });

  it('creates no objects for cached values and one per item for the others', () => {
    // every phase also allocates its list
    const created = (phase: string) => counted.phase(phase).allocations - 1;
    expect(created('small-ints')).toBe(0);
    expect(created('one-character-strings')).toBe(0);
    expect(created('large-ints')).toBe(values);
    expect(created('strings')).toBe(values);
    expect(created('interned-strings')).toBe(defaults.distinct);
  });

  it('makes the cached lists cost only their slots', () => {
    expect(counted.peakRise('small-ints')).toBeLessThan(counted.peakRise('large-ints') / 3);
    expect(counted.peakRise('interned-strings')).toBeLessThan(counted.peakRise('strings') / 3);
  });

  it('frees the fresh objects at del under reference counting and keeps them all without a collector', () => {
    expect(counted.py.memory().liveBytes).toBe(counted.phase('small-ints').liveBytesAtStart);
    const kept = noGC.py.memory().liveBytes - noGC.phase('small-ints').liveBytesAtStart;
    expect(kept).toBeGreaterThan(counted.peakRise('large-ints') + counted.peakRise('strings'));
  });
});
