import { describe, expect, it } from 'vitest';
import { parameterValues } from './parameters.js';
import { slicesCopyVsView } from './slices-copy-vs-view.js';
import { observe } from './test-support.js';

const SCALE = 0.1;
const defaults = parameterValues(slicesCopyVsView);
const bufferBytes = Math.round(defaults.slices * SCALE) * defaults.sliceBytes;
const rounds = Math.round(defaults.rounds * SCALE);

describe('slices-copy-vs-view', () => {
  const counted = observe(slicesCopyVsView, 'refcount', { scale: SCALE });
  const noGC = observe(slicesCopyVsView, 'noGC', { scale: SCALE });

  it('costs a copy of the buffer with bytes slices and a small object per slice with memoryview', () => {
    const copies = counted.peakRise('copy-slices') - bufferBytes;
    const views = counted.peakRise('view-slices');
    expect(copies).toBeGreaterThan(bufferBytes);
    expect(views).toBeLessThan(copies / 3);
  });

  it('lets the buffer go when only a copied header is kept, and pins it when a view is kept', () => {
    const copy = counted.phase('keep-a-copy');
    const view = counted.phase('keep-a-view');
    expect(copy.peakLiveBytes - copy.liveBytesAtStart).toBeLessThan(2 * bufferBytes);
    expect(view.peakLiveBytes - view.liveBytesAtStart).toBeGreaterThan(rounds * bufferBytes);
  });

  it('frees nothing without a collector, copy or not', () => {
    expect(noGC.peakRise('keep-a-copy')).toBeGreaterThan(rounds * bufferBytes);
  });
});
