import { loadParser } from '@pymm/python';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  inspectStep,
  inspectSteps,
  MAX_STEPS,
  type PaneStep,
  type ProgramConfig,
  runProgram,
} from './session.js';

const NODE_CYCLE = `class Node:
    pass
node1 = Node()
node2 = Node()
node1.ref = node2
node2.ref = node1
del node1, node2
import gc
print(gc.collect())
`;

const config = (source: string, ...strategies: string[]): ProgramConfig => ({
  source,
  version: '3.11',
  panes: strategies.map((strategy) => ({ strategy })),
});

const nodes = (step: ReturnType<typeof inspectStep>[number]) =>
  step.inspection?.objects.filter((o) => o.type === 'Node') ?? [];

/** The panes without host timings (a collection's `durationMs` differs from run to run). */
const untimed = (panes: readonly PaneStep[]) =>
  panes.map((p) => ({
    ...p,
    events: p.events.map((e) => ('durationMs' in e ? { ...e, durationMs: 0 } : e)),
  }));

beforeAll(() => loadParser());

describe('the stepping model', () => {
  it('runs the Node cycle on two panes: each statement a step, plus the end', () => {
    const run = runProgram(config(NODE_CYCLE, 'refcount', 'generational'));
    expect(run.diagnostics).toEqual([]);
    expect(run.lastStep).toBe(10);
    expect(run.panes.map((p) => p.timeline.lines)).toEqual([
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    ]);
    // gc.collect() finds the two Nodes on generational, nothing on pure refcount (it has no collector).
    expect(run.panes.map((p) => p.stdout)).toEqual(['0\n', '2\n']);
    expect(run.panes[1].timeline.collections.map((c) => [c.step, c.collected])).toEqual([[10, 2]]);
  });

  it('shows reference counts 2 after the cycle is made and 1 after del, on refcount', () => {
    const made = inspectStep(config(NODE_CYCLE, 'refcount'), 7)[0];
    expect(made.inspection?.line).toBe(7);
    expect(nodes(made).map((n) => n.refcount)).toEqual([2, 2]);
    expect(nodes(made).map((n) => n.referents.map((r) => r.label))).toEqual([['.ref'], ['.ref']]);
    const deleted = inspectStep(config(NODE_CYCLE, 'refcount'), 8)[0];
    expect(nodes(deleted).map((n) => [n.refcount, n.reachable])).toEqual([
      [1, false],
      [1, false],
    ]);
    expect(deleted.inspection?.frames[0].locals.map((l) => l.name)).toEqual(['Node']);
  });

  it('steps back by re-running: step 5 after step 9 is step 5 again', () => {
    const c = config(NODE_CYCLE, 'generational');
    const first = inspectStep(c, 5);
    inspectStep(c, 9);
    expect(untimed(inspectStep(c, 5))).toEqual(untimed(first));
  });

  it('inspects a window of steps in one run, each as a single step would show it', () => {
    const c = config(NODE_CYCLE, 'refcount', 'generational');
    const window = inspectSteps(c, 6, 10);
    expect(window.map((panes) => panes.map((p) => p.step))).toEqual([
      [6, 6],
      [7, 7],
      [8, 8],
      [9, 9],
      [10, 10],
    ]);
    for (const [k, panes] of window.entries()) expect(untimed(panes)).toEqual(untimed(inspectStep(c, 6 + k)));
  });

  it("gives the statement's collection with the next step, and the freed objects are gone", () => {
    const after = inspectStep(config(NODE_CYCLE, 'generational'), 10)[0];
    expect(nodes(after)).toEqual([]);
    expect(after.stdout).toBe('2\n');
    expect(after.events.map((e) => e.kind)).toContain('collection-start');
    expect(after.events.filter((e) => e.kind === 'free').length).toBeGreaterThanOrEqual(2);
  });

  it('stops a runaway program at the step limit with a message', () => {
    const run = runProgram(config('while True:\n    pass\n', 'refcount'));
    expect(run.panes[0].message).toMatch(/step limit/);
    expect(run.panes[0].steps).toBe(MAX_STEPS);
  });

  it('puts syntax errors, refusals and exceptions on their line', () => {
    expect(runProgram(config('x = 1\ndef f(:\n', 'refcount')).diagnostics).toMatchObject([
      { line: 2, message: 'SyntaxError: invalid syntax' },
    ]);
    expect(runProgram(config('x = 1\nasync def f():\n    pass\n', 'refcount')).diagnostics[0]).toMatchObject({
      line: 2,
      column: 1,
    });
    expect(runProgram(config('x = 1\ny = [][x]\n', 'refcount')).diagnostics).toMatchObject([
      { line: 2, message: 'IndexError: list index out of range' },
    ]);
  });

  it('refuses a program too large to run, and pane lists it cannot show', () => {
    expect(runProgram(config('x = 1\n'.repeat(5000), 'refcount')).diagnostics[0].message).toMatch(
      /too large/,
    );
    expect(() => runProgram(config('x = 1\n'))).toThrow(/1 to 3 panes/);
    expect(() => runProgram(config('x = 1\n', 'copying'))).toThrow(/unknown strategy 'copying'/);
  });
});
