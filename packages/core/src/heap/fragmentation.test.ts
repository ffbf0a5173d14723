import { describe, expect, it } from 'vitest';
import { createPymalloc } from '../memory/index.js';
import { recordingRefcount } from '../test-support.js';
import { listAppend, listSet } from './containers/list.js';
import { Heap } from './heap.js';

/** Python doesn't give memory back: held memory follows arenas, not live objects. */
describe('fragmentation: the process keeps memory that live objects no longer use', () => {
  it('holds on after freeing every other object of a million, and lets go as arenas empty', () => {
    const heap = new Heap(recordingRefcount(), { allocator: createPymalloc() });
    const stats = () => heap.allocator.stats();
    const list = heap.newList(0);
    heap.incref(list);
    const baseline = stats();
    for (let i = 0; i < 1_000_000; i++) listAppend(heap, list, heap.newInt(1_000_000 + i));
    const full = stats();

    for (let i = 0; i < 1_000_000; i += 2) listSet(heap, list, i, heap.none);
    const half = stats();
    // Half the objects are gone...
    expect(full.liveBlocks - half.liveBlocks).toBe(500_000);
    expect(full.usedBlockBytes - half.usedBlockBytes).toBe(500_000 * 32); // one 32-byte block per int
    // ...but every pool still has live blocks, so no arena can be returned.
    expect(half.arenasFreed).toBe(full.arenasFreed);
    expect(half.heldBytes).toBe(full.heldBytes);
    expect(half.fragmentationBytes).toBeGreaterThan(full.fragmentationBytes + 500_000 * 28);

    heap.decref(list); // frees the list and the other half
    const empty = stats();
    expect(empty.liveBlocks).toBe(baseline.liveBlocks);
    expect(empty.arenasFreed).toBeGreaterThan(half.arenasFreed);
    // One wholly free arena is kept (CPython's rule), so held memory falls to at most one arena above the start.
    expect(empty.heldBytes).toBeLessThanOrEqual(baseline.heldBytes + 1024 * 1024);
    expect(empty.heldBytes).toBeLessThan(half.heldBytes / 10);
  }, 60_000);
});
