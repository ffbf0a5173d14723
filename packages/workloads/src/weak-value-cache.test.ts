import { describe, expect, it } from 'vitest';
import { globalCache } from './global-cache.js';
import { parameterValues } from './parameters.js';
import { observe, type StrategyLabel } from './test-support.js';
import { weakValueCache } from './weak-value-cache.js';

const SCALE = 0.1;
const { recentPages } = parameterValues(weakValueCache);
const withCacheLength = (label: StrategyLabel) =>
  observe(weakValueCache, label, { scale: SCALE, probe: (py) => py.len(py.globals._cache) });

describe('weak-value-cache', () => {
  const noGC = withCacheLength('noGC');
  const counted = withCacheLength('refcount');
  const markSweep = withCacheLength('markSweep');

  it('keeps only the pages the program still uses under reference counting', () => {
    expect(counted.phase('serve').probeAtEnd).toBeLessThanOrEqual(recentPages);
    expect(counted.phase('drop-recent').probeAtEnd).toBe(0);
  });

  it('keeps entries of dead pages until a collection under mark-sweep, and forever without a collector', () => {
    const pages = noGC.phase('collect').probeAtEnd;
    const global = observe(globalCache, 'noGC', { scale: SCALE, probe: (py) => py.len(py.globals._cache) });
    expect(pages).toBe(global.phase('collect').probeAtEnd);
    expect(markSweep.phase('serve').probeAtEnd).toBeGreaterThan(counted.phase('serve').probeAtEnd);
    expect(markSweep.phase('drop-recent').probeAtEnd).toBeGreaterThan(0);
    expect(markSweep.phase('collect').probeAtEnd).toBe(0);
  });

  it('costs far less memory than the strong global cache on the same requests', () => {
    const strong = observe(globalCache, 'refcount', { scale: SCALE });
    expect(counted.py.memory().liveBytes * 10).toBeLessThan(strong.py.memory().liveBytes);
  });
});
