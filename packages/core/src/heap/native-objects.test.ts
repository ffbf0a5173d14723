import { describe, expect, it } from 'vitest';
import { TypeId } from '../objects/type-id.js';
import { createRuntime } from '../runtime/runtime.js';
import { noGC } from '../strategy/no-gc.js';
import type { StrategyFactory } from '../strategy/strategy.js';
import { ObjectFlag } from './object-store.js';
import { assertHeap } from './verifier.js';

const counting: StrategyFactory = {
  ...noGC(),
  name: 'counting',
  requirements: { referenceCounting: true, writeBarrier: false },
};

describe('native objects (a front end describes the type)', () => {
  it('takes its type name from its class, its size as given, and tracks a GC container', () => {
    const heap = createRuntime().heap;
    const method = heap.defineClass({ name: 'method' });
    const target = heap.newList();
    const slot = heap.newNative(method, 64, [target]);
    expect(heap.typeNameOf(slot)).toBe('method');
    expect(heap.store.type[slot]).toBe(TypeId.Native);
    expect(heap.store.sizeof[slot]).toBe(64);
    expect(heap.store.flags[slot] & ObjectFlag.Tracked).not.toBe(0);
    expect(heap.store.refs.cells[heap.store.refStart[slot]]).toBe(target);
  });

  it('leaves a non-GC native untracked, and a static one unfreed', () => {
    const heap = createRuntime().heap;
    const range = heap.defineClass({ name: 'range' });
    const atom = heap.newNative(range, 48, [], { gc: false });
    expect(heap.store.type[atom]).toBe(TypeId.NativeAtom);
    expect(heap.store.flags[atom] & ObjectFlag.Tracked).toBe(0);
    const type = heap.defineClass({ name: 'type' });
    const fixed = heap.newNative(type, 400, [], { isStatic: true });
    expect(heap.store.flags[fixed] & ObjectFlag.Static).not.toBe(0);
  });

  it('releases its references when its count reaches zero, and keeps the heap consistent', () => {
    const py = createRuntime({ strategy: counting });
    const heap = py.heap;
    const iterator = heap.defineClass({ name: 'list_iterator' });
    const list = heap.newList();
    heap.incref(list); // the creator's reference
    const it = heap.newNative(iterator, 48, [list]);
    heap.incref(it);
    heap.decref(list);
    expect(heap.store.refcount[list]).toBe(1);
    heap.decref(it);
    expect(heap.store.isAlive(heap.store.handleOf(list))).toBe(false);
    assertHeap(heap);
  });

  it('runs its class finalizer when freed', () => {
    const heap = createRuntime({ strategy: counting }).heap;
    const seen: string[] = [];
    const gen = heap.defineClass({ name: 'generator', finalizer: () => seen.push('closed') });
    const slot = heap.newNative(gen, 200, []);
    heap.incref(slot); // the creator's reference, then dropped
    heap.decref(slot);
    expect(seen).toEqual(['closed']);
  });

  it('runs its release hook once, when its memory is freed, after the objects it held', () => {
    const heap = createRuntime({ strategy: counting }).heap;
    const type = heap.defineClass({ name: 'type' });
    const held = heap.newList();
    heap.incref(held);
    const seen: string[] = [];
    const slot = heap.newNative(type, 400, [held], {
      released: () => seen.push(`released, list alive: ${heap.store.isAlive(heap.store.handleOf(held))}`),
    });
    expect(heap.store.flags[slot] & ObjectFlag.ReleaseHook).not.toBe(0);
    heap.decref(held);
    heap.incref(slot);
    heap.decref(slot);
    expect(seen).toEqual(['released, list alive: false']);
    // The slot's next object has no hook.
    const next = heap.newNative(type, 400, []);
    expect(next).toBe(slot);
    expect(heap.store.flags[next] & ObjectFlag.ReleaseHook).toBe(0);
    heap.incref(next);
    heap.decref(next);
    expect(seen).toHaveLength(1);
    assertHeap(heap);
  });
});
