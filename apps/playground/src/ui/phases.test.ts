import { generational } from '@pymm/generational';
import { createMarkSweepStrategy } from '@pymm/mark-sweep';
import { loadParser, runStepped } from '@pymm/python';
import { beforeAll, describe, expect, it } from 'vitest';
import { phaseSteps } from './phases.js';

beforeAll(() => loadParser());

const NODE_CYCLE =
  'class Node:\n    pass\nnode1 = Node()\nnode2 = Node()\nnode1.ref = node2\nnode2.ref = node1\ndel node1, node2\nimport gc\nprint(gc.collect())\n';

describe("a collection's phases", () => {
  it("follow the Node cycle through CPython's collector: gc_refs 1 then 0, unreachable, freed", () => {
    const before = runStepped(NODE_CYCLE, {
      strategy: generational({ profile: 'cpython-3.11' }),
      pauseAt: 9,
    });
    const nodes = (before.inspection?.objects ?? []).filter((o) => o.type === 'Node').map((o) => o.handle);
    expect(nodes).toHaveLength(2);
    const after = runStepped(NODE_CYCLE, {
      strategy: generational({ profile: 'cpython-3.11' }),
      pauseAt: 10,
    });
    const steps = phaseSteps(after.events);
    expect(steps.map((s) => s.name)).toEqual([
      'update_refs',
      'subtract_refs',
      'move_unreachable',
      'handle_weakrefs',
      'finalize_garbage',
      'handle_resurrected_objects',
      'delete_garbage',
    ]);
    const of = (name: string) => nodes.map((h) => steps.find((s) => s.name === name)?.values.get(h));
    // Each Node is referenced once, by the other: its refcount is its gc_refs, all of it from inside.
    expect(of('update_refs')).toEqual(['gc_refs 1', 'gc_refs 1']);
    expect(of('subtract_refs')).toEqual(['gc_refs 0', 'gc_refs 0']);
    expect(of('move_unreachable')).toEqual(['unreachable', 'unreachable']);
    expect(of('delete_garbage')).toEqual(['freed', 'freed']);
  });

  it.each([['eager'], ['incremental']] as const)(
    'follow the Node cycle through mark-sweep (%s): white when marking ends, then swept',
    (profile) => {
      const strategy = () => createMarkSweepStrategy(profile === 'eager' ? undefined : profile);
      const before = runStepped(NODE_CYCLE, { strategy: strategy(), pauseAt: 9 });
      const nodes = (before.inspection?.objects ?? []).filter((o) => o.type === 'Node').map((o) => o.handle);
      const steps = phaseSteps(runStepped(NODE_CYCLE, { strategy: strategy(), pauseAt: 10 }).events);
      const names = new Set(steps.map((s) => s.name));
      expect([...names]).toEqual(expect.arrayContaining(['mark_roots', 'mark', 'mark_termination', 'sweep']));
      const of = (name: string) => nodes.map((h) => steps.find((s) => s.name === name)?.values.get(h));
      expect(of('mark_termination')).toEqual(['white', 'white']);
      expect(of('sweep')).toEqual(['swept', 'swept']);
    },
  );
});
