import { describe, expect, it } from 'vitest';
import { createRuntime } from '../runtime/runtime.js';
import { noGC } from '../strategy/no-gc.js';
import { markReachable, unreachableSummary } from './mark-reachable.js';
import { slotOfHandle } from './slot-of-handle.js';

describe('markReachable', () => {
  it('marks what roots reach, including through deep chains, and nothing else', () => {
    const py = createRuntime({ strategy: noGC() });
    const Node = py.class('Node');
    py.locals.head = Node.new();
    for (let i = 0; i < 200_000; i++) py.locals.head = Node.new({ next: py.locals.head });
    py.locals.garbage = py.list();
    const garbage = py.locals.garbage;
    py.append(garbage, garbage);
    py.del('garbage');
    py.flushTemporaries();
    const marked = markReachable(py.heap);
    expect(marked[slotOfHandle(py.locals.head)]).toBe(1);
    expect(marked[slotOfHandle(garbage)]).toBe(0);
    // noGC frees nothing: every replaced head is still alive but unreachable, except the chain itself.
    expect(unreachableSummary(py.heap, marked)).toEqual({ objects: 1, bytes: py.sizeof(garbage) });
  });
});
