import { createRuntime } from '@pymm/core';
import { refcount } from '@pymm/refcount';
import { describe, expect, it } from 'vitest';
import { keptByCycles, reachableFromRoots, slotOfHandle, unreachableObjects } from './reachability-oracle.js';

describe('the reachability oracle', () => {
  it('finds what the roots reach, and the unreachable objects a cycle keeps', () => {
    const py = createRuntime({ strategy: refcount() });
    const v = py.locals;
    v.kept = py.list([py.list()]);
    v.a = py.list();
    v.b = py.list([v.a]);
    py.append(v.a, v.b);
    const [a, b, kept] = [v.a, v.b, v.kept].map(slotOfHandle);
    expect(reachableFromRoots(py.heap)[a]).toBe(1);
    py.del('a', 'b');
    py.flushTemporaries();
    const reachable = reachableFromRoots(py.heap);
    expect([reachable[a], reachable[b], reachable[kept]]).toEqual([0, 0, 1]);
    const unreachable = unreachableObjects(py.heap, reachable);
    expect(unreachable.sort()).toEqual([a, b].sort());
    const cycles = keptByCycles(py.heap, unreachable);
    expect([cycles[a], cycles[b]]).toEqual([1, 1]);
  });
});
