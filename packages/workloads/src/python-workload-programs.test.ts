/**
 * The workloads' Python programs (`PROGRAM_SOURCES`) as {@link pythonWorkload}s, with the
 * TypeScript workloads' parameters: every `# phase:` comment becomes a phase in the order the
 * program prints them, and the fingerprint is one under every strategy that frees objects.
 */
import { createRuntime } from '@pymm/core';
import { loadParser } from '@pymm/python';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROGRAM_SOURCES } from './program-sources.js';
import { pythonWorkload } from './python-workload.js';
import { runWorkload } from './run-workload.js';
import { WORKLOADS } from './suite.js';
import { STRATEGIES } from './test-support.js';

const SCALE = 0.01;

beforeAll(async () => {
  await loadParser();
});

describe('the workloads as Python programs', () => {
  for (const typescript of WORKLOADS) {
    it(`${typescript.name}: phases from its comments, one fingerprint under the strategies that free`, () => {
      const source = PROGRAM_SOURCES[typescript.name];
      expect(source, `programs/${typescript.name}.py`).toBeDefined();
      const workload = pythonWorkload({ ...typescript, source });
      const runs = (['refcount', 'generational', 'markSweep'] as const).map((label) =>
        runWorkload(workload, createRuntime({ strategy: STRATEGIES[label]() }), { scale: SCALE }),
      );
      expect(new Set(runs.map((r) => r.fingerprint)).size).toBe(1);
      const phases = runs[0].phases.map((p) => p.name);
      for (const run of runs) expect(run.phases.map((p) => p.name)).toEqual(phases);
      // Each phase comment started a phase (a comment in a loop starts one at every pass).
      const comments = [...source.matchAll(/^\s*# phase: (.+)$/gm)].map((m) => m[1].trim());
      expect(new Set(phases)).toEqual(new Set(comments));
    }, 120_000);
  }
});
