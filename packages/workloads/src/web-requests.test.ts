import { describe, expect, it } from 'vitest';
import { observe } from './test-support.js';
import { webRequests } from './web-requests.js';

const SCALE = 0.25;

describe('web-requests', () => {
  const counted = observe(webRequests, 'refcount', { scale: SCALE });
  const generational = observe(webRequests, 'generational', { scale: SCALE });
  const markSweep = observe(webRequests, 'markSweep', { scale: SCALE });

  it('collects the young generation most of the time', () => {
    const automatic = generational.collections.filter((c) => c.reason === 'threshold');
    const young = automatic.filter((c) => c.generation === 0);
    expect(young.length).toBeGreaterThan(automatic.length / 2);
    expect(young.reduce((sum, c) => sum + c.collected, 0)).toBeGreaterThan(0);
  });

  it('examines less per collection with generations than mark-sweep does tracing everything', () => {
    const mean = (run: typeof counted) => {
      const automatic = run.collections.filter((c) => c.reason !== 'explicit');
      return automatic.reduce((sum, c) => sum + c.examined, 0) / automatic.length;
    };
    expect(mean(generational)).toBeLessThan(mean(markSweep));
  });

  it('leaks the request/response cycles under reference counting only', () => {
    const sessionsOnly = generational.py.memory().liveBytes;
    expect(markSweep.py.memory().liveBytes).toBe(sessionsOnly);
    expect(counted.py.memory().liveBytes).toBeGreaterThan(2 * sessionsOnly);
  });
});
