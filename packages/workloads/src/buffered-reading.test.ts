import { describe, expect, it } from 'vitest';
import { bufferedReading, CHUNK_SIZES } from './buffered-reading.js';
import { parameterValues } from './parameters.js';
import { observe } from './test-support.js';

const SCALE = 0.05;
const fileBytes = Math.round(parameterValues(bufferedReading).fileBytes * SCALE);

describe('buffered-reading', () => {
  const counted = observe(bufferedReading, 'refcount', { scale: SCALE });
  const markSweep = observe(bufferedReading, 'markSweep', { scale: SCALE });

  it('allocates one bytes object per chunk: many small ones or a few large ones', () => {
    for (const size of CHUNK_SIZES) {
      // the chunks, plus the file object
      expect(counted.phase(`read-${size}`).allocations).toBe(Math.ceil(fileBytes / size) + 1);
    }
    expect(counted.phase('read-all').allocations).toBe(2);
    expect(counted.phase('readinto').allocations).toBe(2);
  });

  it('peaks at about two chunks under reference counting, and at the whole file for read()', () => {
    const rises = CHUNK_SIZES.map((size) => counted.peakRise(`read-${size}`));
    expect(rises).toEqual([...rises].sort((a, b) => a - b));
    expect(counted.peakRise('read-256')).toBeLessThan(20_000);
    expect(counted.peakRise('read-all')).toBeGreaterThan(fileBytes);
    expect(counted.peakRise('readinto')).toBeLessThan(counted.peakRise('read-65536') * 1.5);
  });

  it('lets dropped chunks pile up under mark-sweep until a collection', () => {
    expect(markSweep.peakRise('read-256')).toBeGreaterThan(10 * counted.peakRise('read-256'));
  });
});
