import { createRuntime, type HeapEvent, SimulatedMemoryError } from '@pymm/core';
import { assertHeap } from '@pymm/core/heap';
import { nodeExample } from '@pymm/testkit/node-cycle';
import { describe, expect, it } from 'vitest';
import { RefcountStrategy, refcount } from './refcount-strategy.js';

describe('refcount()', () => {
  it('asks the heap for reference counts and no write barrier', () => {
    const strategy = refcount();
    expect(strategy.name).toBe('refcount');
    expect(strategy.requirements).toEqual({ referenceCounting: true, writeBarrier: false });
    expect(strategy.guarantees).toEqual({ reclaimsCycles: false, prompt: true });
    const py = createRuntime({ strategy });
    expect(py.strategy).toBeInstanceOf(RefcountStrategy);
    expect(py.heap.strategy).toBe(py.strategy);
    expect(py.heap.refcounting).toBe(true);
    expect(py.heap.writeBarrier).toBe(false);
    expect(py.strategyName).toBe('refcount');
  });

  it('creates one instance per heap, each with its own counters', () => {
    const strategy = refcount();
    const a = createRuntime({ strategy });
    const b = createRuntime({ strategy });
    expect(a.strategy).not.toBe(b.strategy);
    a.locals.xs = a.list();
    expect(a.strategy.stats().extra.allocations).toBe(1);
    expect(b.strategy.stats().extra.allocations).toBe(0);
  });

  it('frees an object at the statement that drops its last reference', () => {
    const py = createRuntime({ strategy: refcount() });
    const freedAt: number[] = [];
    py.on('free', (e) => freedAt.push(e.operation));
    py.locals.xs = py.list([py.list()]);
    py.locals.ys = py.locals.xs;
    py.del('xs');
    expect(freedAt).toEqual([]);
    py.del('ys');
    expect(freedAt).toEqual([py.operation, py.operation]);
    assertHeap(py.heap);
  });
});

describe('collect()', () => {
  it('reclaims nothing, returns 0, and reports an empty collection', () => {
    const py = createRuntime({ strategy: refcount() });
    const strategy = py.strategy;
    const [node1, node2] = nodeExample(py);
    const live = py.heap.store.liveCount;
    const events: HeapEvent[] = [];
    py.heap.events.onAny((e) => events.push(e));

    expect(py.collect()).toBe(0);
    expect(py.collect(0, 'threshold')).toBe(0);

    expect(py.heap.store.liveCount).toBe(live);
    expect(py.isAlive(node1) && py.isAlive(node2)).toBe(true);
    expect(events.map((e) => e.kind)).toEqual([
      'collection-start',
      'collection-stop',
      'collection-start',
      'collection-stop',
    ]);
    expect(events[1]).toMatchObject({
      kind: 'collection-stop',
      generation: 0,
      reason: 'explicit',
      examined: 0,
      collected: 0,
      uncollectable: 0,
      complete: true,
    });
    expect(events[3]).toMatchObject({ reason: 'threshold' });
    expect(strategy.stats()).toMatchObject({ collections: [2], collected: [0], uncollectable: [0] });
  });

  it('cannot make room at the heap limit: the leaked cycle stays and MemoryError is raised', () => {
    const py = createRuntime({ strategy: refcount(), heapLimit: 2_000 });
    const strategy = py.strategy;
    const reasons: string[] = [];
    py.on('collection-start', (e) => reasons.push(e.reason));
    const [node1] = nodeExample(py);
    py.locals.keep = py.list();
    expect(() => {
      for (let i = 0; i < 100; i++) py.append(py.locals.keep, py.list());
    }).toThrowError(SimulatedMemoryError);
    expect(py.isAlive(node1)).toBe(true);
    expect(reasons).toEqual(['heap-limit']);
    expect(strategy.stats().collections).toEqual([1]);
  });
});

describe('stats()', () => {
  it('counts allocations, free-list traffic and tracked containers', () => {
    const py = createRuntime({ strategy: refcount() });
    const strategy = py.strategy;
    py.locals.a = py.list();
    py.locals.b = py.dict();
    py.locals.n = py.int(1_000);
    expect(strategy.stats().extra).toEqual({
      allocations: 3,
      allocationsFromFreeLists: 0,
      releasesToAllocator: 0,
      releasesToFreeLists: 0,
      trackedObjects: 1, // the list; an empty dict is not tracked, an int never
      peakTrackedObjects: 1,
    });
    py.del('a', 'b', 'n');
    py.locals.c = py.list(); // reuses the list that went to the free list
    expect(strategy.stats().extra).toEqual({
      allocations: 4,
      allocationsFromFreeLists: 1,
      releasesToAllocator: 1,
      releasesToFreeLists: 2,
      trackedObjects: 1,
      peakTrackedObjects: 1,
    });
  });
});
