import { noGC } from '@pymm/core';
import { PROFILES } from '@pymm/generational';
import { MARK_SWEEP_PROFILES } from '@pymm/mark-sweep';
import { describe, expect, it } from 'vitest';
import { CONFIGURATIONS, configuration, declarationsOf, freesNothing, traces } from './strategy-matrix.js';

describe('the strategy matrix', () => {
  it('has the baseline, refcount, and one configuration per exported profile', () => {
    expect(CONFIGURATIONS.map((c) => c.label)).toEqual([
      'nogc',
      'refcount',
      ...Object.keys(PROFILES).map((p) => `generational ${p}`),
      ...Object.keys(MARK_SWEEP_PROFILES).map((p) => `mark-sweep ${p}`),
    ]);
    expect(configuration('generational cpython-3.13').version).toBe(PROFILES['cpython-3.13'].version);
    expect(() => configuration('copying')).toThrow(RangeError);
  });

  it('reads declarations from the strategies', () => {
    expect(declarationsOf(configuration('nogc'))).toEqual({ ...noGC().guarantees, referenceCounting: false });
    expect(CONFIGURATIONS.filter(freesNothing).map((c) => c.label)).toEqual(['nogc']);
    expect(CONFIGURATIONS.filter(traces).map((c) => c.label)).toEqual(
      Object.keys(MARK_SWEEP_PROFILES).map((p) => `mark-sweep ${p}`),
    );
  });
});
