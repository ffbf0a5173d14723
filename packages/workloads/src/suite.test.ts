import { readFileSync } from 'node:fs';
import { createRuntime, verifyHeap } from '@pymm/core';
import { describe, expect, it } from 'vitest';
import { runWorkload } from './run-workload.js';
import { WORKLOADS, workloadByName } from './suite.js';
import { STRATEGIES, type StrategyLabel } from './test-support.js';
import type { Workload } from './workload.js';
import { createContext } from './workload-context.js';

const SCALE = 0.05;
const LABELS = Object.keys(STRATEGIES) as StrategyLabel[];

function fingerprintOf(workload: Workload, strategy: StrategyLabel, seed: number): string {
  const py = createRuntime({ strategy: STRATEGIES[strategy]() });
  return runWorkload(workload, py, { scale: SCALE, seed }).fingerprint;
}

/** Runs the workload with a context whose `random` counts its calls. */
function randomCalls(workload: Workload): number {
  const context = createContext({ scale: SCALE, seed: 1, workload });
  let calls = 0;
  workload.run(createRuntime(), {
    ...context,
    random: () => {
      calls++;
      return context.random();
    },
  });
  return calls;
}

describe('the default suite', () => {
  it('has sixteen workloads with unique kebab-case names', () => {
    const names = WORKLOADS.map((w) => w.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(16);
    for (const name of names) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('describes every workload: title, a two-sentence lesson, Python code, documented parameters', () => {
    for (const workload of WORKLOADS) {
      expect(workload.title.length, workload.name).toBeGreaterThan(3);
      expect(workload.lesson.match(/[.!?](\s|$)/g)?.length, workload.name).toBe(2);
      expect(workload.python.split('\n').length, workload.name).toBeGreaterThan(3);
      expect(workload.python, workload.name).toContain('phase');
      const parameterNames = workload.parameters.map((p) => p.name);
      expect(new Set(parameterNames).size, workload.name).toBe(parameterNames.length);
      for (const parameter of workload.parameters) {
        expect(parameter.name, workload.name).toMatch(/^[a-z][A-Za-z]*$/);
        expect(parameter.description.length, `${workload.name}.${parameter.name}`).toBeGreaterThan(10);
        expect(Number.isFinite(parameter.default), `${workload.name}.${parameter.name}`).toBe(true);
      }
    }
  });

  it('is documented in the README: every workload with its lesson and every parameter with its default', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const workload of WORKLOADS) {
      expect(readme).toContain(`### \`${workload.name}\` — ${workload.title}`);
      expect(readme).toContain(workload.lesson);
      for (const parameter of workload.parameters) {
        const value = Number.isInteger(parameter.default)
          ? parameter.default.toLocaleString('en-US')
          : String(parameter.default);
        expect(readme).toContain(`| \`${parameter.name}\` | ${value} |`);
      }
    }
  });

  it('finds workloads by name and lists the names when one is unknown', () => {
    expect(workloadByName('binary-trees').name).toBe('binary-trees');
    expect(() => workloadByName('binary-tree')).toThrow(
      /unknown workload 'binary-tree' \(expected one of: reference-cycles, .*random-graph-churn\)/,
    );
  });
});

describe.each(WORKLOADS.map((w) => [w.name, w] as const))('%s', (_name, workload) => {
  it.each(LABELS)('runs under %s and leaves a consistent heap', (label) => {
    const py = createRuntime({ strategy: STRATEGIES[label]() });
    const run = runWorkload(workload, py, { scale: SCALE });
    expect(run.phases.length).toBeGreaterThan(0);
    expect(run.phases.map((p) => p.operation)).toEqual(
      [...run.phases.map((p) => p.operation)].sort((a, b) => a - b),
    );
    const verification = verifyHeap(py.heap);
    expect(verification.problems).toEqual([]);
    expect(verification.ok).toBe(true);
  });

  it('performs the same operations under every strategy', () => {
    const fingerprints = LABELS.map((label) => fingerprintOf(workload, label, 1));
    expect(new Set(fingerprints).size).toBe(1);
  });

  it('is deterministic: the same seed twice gives the same run and memory', () => {
    const measure = () => {
      const py = createRuntime({ strategy: STRATEGIES.generational() });
      const run = runWorkload(workload, py, { scale: SCALE, seed: 9 });
      const memory = py.memory();
      return { run, operations: py.operation, peak: memory.peakLiveBytes, live: memory.liveBytes };
    };
    expect(measure()).toEqual(measure());
  });

  it('depends on the seed exactly when it draws random numbers', () => {
    const seeded = randomCalls(workload) > 0;
    const differs = fingerprintOf(workload, 'refcount', 1) !== fingerprintOf(workload, 'refcount', 2);
    expect(differs).toBe(seeded);
  });
});

describe('seeded workloads', () => {
  it('are the ones whose lessons involve chance', () => {
    const seeded = WORKLOADS.filter((w) => randomCalls(w) > 0).map((w) => w.name);
    expect(seeded).toEqual([
      'reference-cycles',
      'global-cache',
      'weak-value-cache',
      'web-requests',
      'random-graph-churn',
    ]);
  });
});
