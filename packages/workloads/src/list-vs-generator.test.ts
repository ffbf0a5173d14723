import { describe, expect, it } from 'vitest';
import { listVsGenerator } from './list-vs-generator.js';
import { observe } from './test-support.js';

const SCALE = 0.1;

describe('list-vs-generator', () => {
  it('peaks with every row in the list phase and about one row in the generator phase under reference counting', () => {
    const run = observe(listVsGenerator, 'refcount', { scale: SCALE });
    const rows = run.phase('list').allocations / 3;
    expect(run.peakRise('list')).toBeGreaterThan(100 * run.peakRise('generator'));
    expect(run.peakRise('generator')).toBeLessThan(run.peakRise('list') / rows + 1_000);
  });

  it('costs the same in both phases when nothing is freed', () => {
    const run = observe(listVsGenerator, 'noGC', { scale: SCALE });
    expect(run.peakRise('generator')).toBeGreaterThan(0.8 * run.peakRise('list'));
  });

  it('lets dead rows pile up to the collector budget under mark-sweep', () => {
    const counted = observe(listVsGenerator, 'refcount', { scale: SCALE });
    const traced = observe(listVsGenerator, 'markSweep', { scale: SCALE });
    expect(traced.peakRise('generator')).toBeGreaterThan(10 * counted.peakRise('generator'));
    expect(traced.peakRise('generator')).toBeLessThan(traced.peakRise('list'));
  });
});
