/**
 * Test support: an independent, obviously correct reachability oracle. It
 * shares nothing with the collector: a breadth-first search with a plain
 * JavaScript array as the queue and a byte per slot as the visited set,
 * following the strong references the heap stores (weak references hold
 * their referent in `scalar`, not in a reference cell, so they are not
 * followed).
 */

import { type Heap, MAX_SLOTS, ObjectFlag, TypeId } from '@pymm/core';

/** Slot of a handle. */
export function slotOfHandle(handle: number): number {
  return handle & (MAX_SLOTS - 1);
}

/**
 * Marks (with 1) every slot reachable from `starts` through strong references,
 * not entering the slots in `avoid` (they stay unmarked unless they are starts).
 */
export function reachableFromSlots(
  heap: Heap,
  starts: readonly number[],
  avoid: ReadonlySet<number> = new Set(),
): Uint8Array {
  const store = heap.store;
  const seen = new Uint8Array(store.slotLimit);
  const queue: number[] = [];
  for (const slot of starts) {
    if (seen[slot] === 0 && !avoid.has(slot)) {
      seen[slot] = 1;
      queue.push(slot);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const slot = queue[head];
    if ((store.flags[slot] & ObjectFlag.Alive) === 0) continue; // a dangling reference: the verifier reports it
    const start = store.refStart[slot];
    for (let i = 0; i < store.refLen[slot]; i++) {
      const target = store.refs.cells[start + i];
      if (target >= 0 && seen[target] === 0 && !avoid.has(target)) {
        seen[target] = 1;
        queue.push(target);
      }
    }
  }
  return seen;
}

/** Every slot reachable from the roots (not through the slots in `avoid`). */
export function reachableFromRoots(heap: Heap, avoid?: ReadonlySet<number>): Uint8Array {
  const roots: number[] = [];
  heap.forEachRoot((slot) => roots.push(slot));
  return reachableFromSlots(heap, roots, avoid);
}

/** Live objects that are not static (the ones a collector may free). */
export function collectableSlots(heap: Heap): number[] {
  const store = heap.store;
  const out: number[] = [];
  for (let slot = 0; slot < store.slotLimit; slot++) {
    const flags = store.flags[slot];
    if ((flags & ObjectFlag.Alive) !== 0 && (flags & ObjectFlag.Static) === 0) out.push(slot);
  }
  return out;
}

/** Problems with weak references: a live weak reference whose referent is not a live object. */
export function weakrefProblems(heap: Heap): string[] {
  const store = heap.store;
  const problems: string[] = [];
  for (let slot = 0; slot < store.slotLimit; slot++) {
    if ((store.flags[slot] & ObjectFlag.Alive) === 0 || store.type[slot] !== TypeId.WeakRef) continue;
    const referent = store.scalar[slot];
    if (referent >= 0 && (store.flags[referent] & ObjectFlag.Alive) === 0) {
      problems.push(`weakref#${slot} refers to freed object #${referent}`);
    }
  }
  return problems;
}

/** Problems with what is reachable: a root or a reachable object refers to a freed object. */
export function reachableProblems(heap: Heap): string[] {
  const store = heap.store;
  const reach = reachableFromRoots(heap);
  const problems: string[] = [];
  for (let slot = 0; slot < reach.length; slot++) {
    if (reach[slot] === 1 && (store.flags[slot] & ObjectFlag.Alive) === 0) {
      problems.push(`reachable object #${slot} has been freed`);
    }
  }
  return problems;
}
