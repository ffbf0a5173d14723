import { loadParser } from '@pymm/python';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectStep, type ProgramConfig } from '../engine/session.js';
import { buildHeapGraph, GROUP_THRESHOLD } from './heap-graph.js';

beforeAll(() => loadParser());

const options = {
  show: { refcount: true, generation: false },
  expanded: new Set<string>(),
  annotations: new Map(),
};
const config = (source: string): ProgramConfig => ({
  source,
  version: '3.11',
  panes: [{ strategy: 'refcount' }],
});

describe('the heap picture as a graph', () => {
  it('draws frames with their locals as ports, objects with labelled arrows, and freed objects as ghosts', () => {
    const source = 'a = [1000, 2000]\nb = {"k": a}\ndel a, b\n';
    const [before] = inspectStep(config(source), 3);
    const [after] = inspectStep(config(source), 4);
    const made = buildHeapGraph(before.inspection!, null, options);
    expect(made.nodes.map((n) => [n.kind, n.lines[0]])).toEqual([
      ['frame', '<module>  (line 3)'],
      // By handle, that is by age: the constants were made when the program was compiled.
      ['object', 'int  1000'],
      ['object', 'int  2000'],
      ['object', 'list  len 2'],
      ['object', 'dict  len 1'],
    ]);
    expect(made.edges.map((e) => e.label).sort()).toEqual(['', '', "['k']", '[0]', '[1]']);
    const freed = buildHeapGraph(after.inspection!, before.inspection, options);
    expect(freed.nodes.filter((n) => n.kind === 'object').map((n) => n.state)).toEqual([
      'freed',
      'freed',
      'freed',
      'freed',
    ]);
  });

  it('groups objects no local names by type and line past the threshold, one arrow between groups, and expands a group', () => {
    const source = 'xs = [[i + 1000] for i in range(300)]\npass\n';
    const [step] = inspectStep(config(source), 2);
    const objects = step.inspection?.objects.length ?? 0;
    expect(objects).toBeGreaterThan(GROUP_THRESHOLD);
    const grouped = buildHeapGraph(step.inspection!, null, options);
    expect(grouped.nodes.map((n) => n.lines[0])).toEqual([
      '<module>  (line 2)',
      'list  len 300',
      'int ×300',
      'list ×300',
    ]);
    expect(grouped.edges).toHaveLength(3);
    const expanded = buildHeapGraph(step.inspection!, null, { ...options, expanded: new Set(['list@1']) });
    expect(expanded.nodes.filter((n) => n.lines[0] === 'list  len 1')).toHaveLength(300);
  });
});
