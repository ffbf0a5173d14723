import { describe, expect, it } from 'vitest';
import { createSystemAllocator } from '../memory/index.js';
import { TypeId } from '../objects/type-id.js';
import type { CollectorHeap } from '../strategy/collector-heap.js';
import { NoGCStrategy, noGC } from '../strategy/no-gc.js';
import type { StrategyFactory } from '../strategy/strategy.js';
import { Heap } from './heap.js';

/** A strategy whose allocation of a weak reference runs a "collection" that clears the weak references to one object. */
class ClearingOnWeakrefAllocation extends NoGCStrategy {
  referent = -1;
  constructor(private readonly heap: CollectorHeap) {
    super();
  }
  override allocating(type?: TypeId): void {
    if (type !== TypeId.WeakRef || this.referent < 0) return;
    for (const wr of this.heap.weakrefsTo(this.referent).slice()) this.heap.clearWeakref(wr);
  }
}

const clearingOnWeakrefAllocation: StrategyFactory<ClearingOnWeakrefAllocation> = {
  ...noGC(),
  create: (heap) => new ClearingOnWeakrefAllocation(heap),
};

describe('newWeakref', () => {
  it('puts the new weak reference in its referent list as it is after a collection inside the allocation', () => {
    const heap = new Heap(clearingOnWeakrefAllocation, { allocator: createSystemAllocator() });
    const strategy = heap.strategy as ClearingOnWeakrefAllocation;
    const referent = heap.newInstance(heap.defineClass({ name: 'Node' }));
    const plain = heap.newWeakref(referent);
    expect(heap.weakrefsTo(referent)).toEqual([plain]);

    // The allocation of the next weak reference clears `plain` and so empties and drops the list.
    strategy.referent = referent;
    const called: number[] = [];
    const withCallback = heap.newWeakref(referent, () => called.push(withCallback));
    expect(heap.weakrefTarget(plain)).toBe(heap.none);
    expect(heap.weakrefsTo(referent)).toEqual([withCallback]);

    // So the referent's death clears it and calls its callback.
    heap.clearWeakrefsTo(referent);
    expect(heap.weakrefTarget(withCallback)).toBe(heap.none);
    expect(called).toEqual([withCallback]);
    expect(heap.weakrefsTo(referent)).toEqual([]);
  });

  it('shares the plain weak reference and keeps callbacks newest first after it', () => {
    const heap = new Heap(noGC(), { allocator: createSystemAllocator() });
    const referent = heap.newInstance(heap.defineClass({ name: 'Node' }));
    const first = heap.newWeakref(referent, () => {});
    const plain = heap.newWeakref(referent);
    const second = heap.newWeakref(referent, () => {});
    expect(heap.newWeakref(referent)).toBe(plain);
    expect(heap.weakrefsTo(referent)).toEqual([plain, second, first]);
  });
});

describe('proxies (a weak reference with a proxy class)', () => {
  it('keeps the list in CPython order: plain reference, plain proxy, then those with callbacks newest first', () => {
    const heap = new Heap(noGC(), { allocator: createSystemAllocator() });
    const referent = heap.newInstance(heap.defineClass({ name: 'Node' }));
    const proxyClass = heap.defineClass({ name: 'ProxyType' }).id;
    const firstCallback = heap.newWeakref(referent, () => {}, proxyClass);
    const plainProxy = heap.newWeakref(referent, undefined, proxyClass);
    const plainRef = heap.newWeakref(referent);
    const refCallback = heap.newWeakref(referent, () => {});
    expect(heap.weakrefsTo(referent)).toEqual([plainRef, plainProxy, refCallback, firstCallback]);
    // The plain ones are shared, each of its kind.
    expect(heap.newWeakref(referent, undefined, proxyClass)).toBe(plainProxy);
    expect(heap.newWeakref(referent)).toBe(plainRef);
    expect(heap.store.klass[plainProxy]).toBe(proxyClass);
    expect(heap.store.klass[plainRef]).toBe(0);
  });
});
