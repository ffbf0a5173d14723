import { describe, expect, it } from 'vitest';
import { delIntermediate } from './del-intermediate.js';
import { observe } from './test-support.js';

const SCALE = 0.05;

describe('del-intermediate', () => {
  it('lowers the peak from three steps to two under reference counting', () => {
    const run = observe(delIntermediate, 'refcount', { scale: SCALE });
    const ratio = run.peakRise('del-intermediates') / run.peakRise('keep-intermediates');
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(0.7);
  });

  it('saves nothing without a collector', () => {
    const run = observe(delIntermediate, 'noGC', { scale: SCALE });
    expect(run.peakRise('del-intermediates')).toBe(run.peakRise('keep-intermediates'));
  });
});
