import { describe, expect, it } from 'vitest';
import { globalCache } from './global-cache.js';
import { parameterValues } from './parameters.js';
import { observe, type StrategyLabel } from './test-support.js';

const SCALE = 0.1;
const { pageBytes } = parameterValues(globalCache);
const cacheLength = (label: StrategyLabel) =>
  observe(globalCache, label, { scale: SCALE, probe: (py) => py.len(py.globals._cache) });

describe('global-cache', () => {
  const runs = (['refcount', 'generational', 'markSweep'] as const).map(cacheLength);

  it('keeps every page it ever rendered, under every strategy', () => {
    const pages = runs[0].phase('collect').probeAtEnd;
    expect(pages).toBeGreaterThan(parameterValues(globalCache).recentPages);
    for (const run of runs) {
      expect(run.phase('collect').probeAtEnd).toBe(pages);
      // After gc.collect(): at least every cached page's body is still alive.
      expect(run.py.memory().liveBytes).toBeGreaterThan(pages * pageBytes);
    }
  });

  it('never shrinks: dropping the working set and collecting leaves every page cached', () => {
    for (const run of runs) {
      const lengths = run.phases.map((p) => p.probeAtEnd);
      expect(lengths).toEqual([lengths[0], lengths[0], lengths[0]]);
    }
    // What is left after gc.collect() is the same whether or not there is a collector: all of it is reachable.
    const final = runs.map((run) => run.py.memory().liveBytes);
    expect(new Set(final).size).toBe(1);
  });
});
