import { createRuntime, verifyHeap } from '@pymm/core';
import { listAppend } from '@pymm/core/heap';
import { describe, expect, it } from 'vitest';
import { markSweep } from './factory.js';
import { MARKED } from './mark-bits.js';
import { Tracer } from './tracer.js';

describe('the tracer', () => {
  it('marks and sweeps a 1,000,000-deep chain without recursion', () => {
    const py = createRuntime({ strategy: markSweep({ minimumBudgetBytes: 1 << 30 }) });
    const strategy = py.strategy;
    const heap = py.heap;
    // Built with the heap's own operations (a runtime call per node would only be slower).
    py.globals.head = py.list();
    let tail = heap.store.slotOf(py.globals.head, 'test');
    for (let i = 1; i < 1_000_000; i++) {
      const next = heap.newList(1);
      listAppend(heap, tail, next);
      tail = next;
    }
    expect(py.collect()).toBe(0);
    const extra = strategy.stats().extra!;
    expect(extra.objectsMarked).toBe(1_000_000);
    expect(extra.markStackHighWater).toBeLessThanOrEqual(2); // depth-first along the chain
    delete py.globals.head;
    expect(py.collect()).toBe(1_000_000);
    expect(heap.store.liveCount).toBeLessThan(1000); // statics only
    expect(verifyHeap(heap).ok).toBe(true);
  }, 60_000);

  it('grows its mark stack for a list of 1,000,000 items', () => {
    const py = createRuntime({ strategy: markSweep({ minimumBudgetBytes: 1 << 30 }) });
    const heap = py.heap;
    py.globals.wide = py.list();
    const wide = heap.store.slotOf(py.globals.wide, 'test');
    for (let i = 0; i < 1_000_000; i++) listAppend(heap, wide, heap.newList(0));
    const tracer = new Tracer(heap);
    tracer.scanRoots();
    const work = tracer.drain(Number.POSITIVE_INFINITY);
    expect(tracer.marked).toBe(1_000_001);
    expect(tracer.stack.highWater).toBe(1_000_000);
    expect(work).toBe(1_000_001 + 1_000_000); // one unit per object, one per reference
    tracer.clearMarks();
  }, 60_000);

  it('spends at most its budget, scanning a large object in parts', () => {
    const py = createRuntime({ strategy: markSweep({ minimumBudgetBytes: 1 << 30 }) });
    py.globals.xs = py.list(Array.from({ length: 100 }, () => py.list()));
    const tracer = new Tracer(py.heap);
    tracer.scanRoots();
    const parts: number[] = [];
    while (!tracer.isEmpty) parts.push(tracer.drain(7));
    expect(Math.max(...parts)).toBeLessThanOrEqual(7);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(101 + 100);
    expect(tracer.marked).toBe(101);
    tracer.clearMarks();
  });

  it('resumes a part-scanned list early enough after items before the resume point were removed', () => {
    const py = createRuntime({ strategy: markSweep({ minimumBudgetBytes: 1 << 30 }) });
    const items = Array.from({ length: 20 }, () => py.list());
    py.globals.xs = py.list(items);
    const tracer = new Tracer(py.heap);
    tracer.scanRoots();
    tracer.drain(6); // the list, then its first 5 items
    for (let i = 0; i < 4; i++) py.delitem(py.globals.xs, 0); // items 5.. slide down to 1..
    tracer.drain(Number.POSITIVE_INFINITY);
    const flags = py.heap.store.flags;
    const unmarked = items.slice(4).filter((h) => (flags[py.heap.store.slotOf(h, 'test')] & MARKED) === 0);
    expect(unmarked).toEqual([]);
    tracer.clearMarks();
  });

  it('never marks static objects (None, small ints), which are never freed', () => {
    const py = createRuntime({ strategy: markSweep() });
    py.globals.xs = py.list([py.int(1), py.None, py.True]);
    const tracer = new Tracer(py.heap);
    tracer.scanRoots();
    tracer.drain(Number.POSITIVE_INFINITY);
    expect(tracer.marked).toBe(1);
    tracer.clearMarks();
  });
});
