import { loadParser } from '@pymm/python';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectStep, type PaneStep, type ProgramConfig } from './session.js';
import { StepCache } from './step-cache.js';

/** The panes without host timings (a collection's `durationMs` differs from run to run). */
const untimed = (panes: readonly PaneStep[]) =>
  panes.map((p) => ({
    ...p,
    events: p.events.map((e) => ('durationMs' in e ? { ...e, durationMs: 0 } : e)),
  }));

beforeAll(() => loadParser());

const config: ProgramConfig = {
  source: 'xs = []\nfor i in range(6):\n    xs.append([i])\nprint(len(xs))\n',
  version: '3.11',
  panes: [{ strategy: 'refcount' }],
};

describe('the step cache', () => {
  it('answers the next steps the learner is heading to from one run, as single steps show them', () => {
    const cache = new StepCache();
    const last = 16;
    const first = cache.get(config, 10, last, -1);
    expect(first.cached).toBe(false);
    for (const step of [9, 8, 7, 1]) {
      const got = cache.get(config, step, last, -1);
      expect(got.cached).toBe(true);
      expect(untimed(got.panes)).toEqual(untimed(inspectStep(config, step)));
    }
    expect(cache.get(config, 11, last, 1).cached).toBe(false);
    const end = cache.get(config, 16, last, 1);
    expect([end.cached, untimed(end.panes)]).toEqual([true, untimed(inspectStep(config, 16))]);
  });

  it('forgets everything when the program changes', () => {
    const cache = new StepCache();
    cache.get(config, 3, 16, 1);
    expect(cache.get({ ...config, source: `${config.source}\n` }, 4, 17, 1).cached).toBe(false);
  });
});
