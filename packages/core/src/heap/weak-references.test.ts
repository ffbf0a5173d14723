import { describe, expect, it } from 'vitest';
import { createSystemAllocator } from '../memory/index.js';
import { TypeId } from '../objects/type-id.js';
import { NoGCStrategy } from '../strategy/no-gc.js';
import { Heap } from './heap.js';

/** A strategy whose allocation of a weak reference runs a "collection" that clears the weak references to one object. */
class ClearingOnWeakrefAllocation extends NoGCStrategy {
  target: Heap | null = null;
  referent = -1;
  override attach(heap: Heap): void {
    super.attach(heap);
    this.target = heap;
  }
  override allocating(type?: TypeId): void {
    if (type !== TypeId.WeakRef || this.referent < 0 || !this.target) return;
    for (const wr of this.target.weakrefsTo(this.referent).slice()) this.target.clearWeakref(wr);
  }
}

describe('newWeakref', () => {
  it('puts the new weak reference in its referent list as it is after a collection inside the allocation', () => {
    const strategy = new ClearingOnWeakrefAllocation();
    const heap = new Heap(strategy, { allocator: createSystemAllocator() });
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
    const heap = new Heap(new NoGCStrategy(), { allocator: createSystemAllocator() });
    const referent = heap.newInstance(heap.defineClass({ name: 'Node' }));
    const first = heap.newWeakref(referent, () => {});
    const plain = heap.newWeakref(referent);
    const second = heap.newWeakref(referent, () => {});
    expect(heap.newWeakref(referent)).toBe(plain);
    expect(heap.weakrefsTo(referent)).toEqual([plain, second, first]);
  });
});
