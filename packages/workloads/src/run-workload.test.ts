import { createRuntime } from '@pymm/core';
import { refcount } from '@pymm/refcount';
import { describe, expect, it } from 'vitest';
import { gcCollect } from './gc-collect.js';
import { parameterValue } from './parameters.js';
import { runWorkload } from './run-workload.js';
import type { Workload } from './workload.js';
import { createContext } from './workload-context.js';

const probe: Workload = {
  name: 'probe',
  title: 'Probe',
  lesson: 'A test workload. It records what it was given.',
  python: 'xs = []',
  kind: 'lesson',
  parameters: [{ name: 'items', description: 'items appended', default: 3 }],
  run(py, context) {
    context.phase('build');
    py.locals.xs = py.list();
    for (let i = 0; i < parameterValue(context, this.parameters[0]); i++) py.append(py.locals.xs, py.int(i));
    context.phase('drop');
    py.del('xs');
    py.list();
  },
};

describe('runWorkload', () => {
  it('returns the fingerprint and the phases with the operation each began at', () => {
    const py = createRuntime({ strategy: refcount() });
    const seen: [string, number][] = [];
    const run = runWorkload(probe, py, {
      params: { items: 2 },
      onPhase: (name, operation) => seen.push([name, operation]),
    });
    expect(run.fingerprint).toBe(py.fingerprint);
    expect(run.phases).toEqual([
      { name: 'build', operation: 0 },
      { name: 'drop', operation: 6 },
    ]);
    expect(seen).toEqual([
      ['build', 0],
      ['drop', 6],
    ]);
  });

  it('releases the temporaries the workload left behind', () => {
    const py = createRuntime({ strategy: refcount() });
    runWorkload(probe, py);
    expect(py.memory().objects).toBe(createRuntime({ strategy: refcount() }).memory().objects);
  });

  it('checks parameter names against the workload', () => {
    expect(() => runWorkload(gcCollect, createRuntime(), { params: { nodes: 1 } })).toThrow(
      /unknown parameter 'nodes'/,
    );
  });

  it('runs the same program as a context built without the workload (defaults are read in place)', () => {
    const a = createRuntime();
    const b = createRuntime();
    runWorkload(gcCollect, a, { params: { iterations: 1 } });
    gcCollect.run(b, createContext({ params: { iterations: 1 } }));
    expect(a.fingerprint).toBe(b.fingerprint);
  });
});
