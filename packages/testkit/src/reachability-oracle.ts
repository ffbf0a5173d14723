/**
 * The reachability oracle: plain, obviously correct reachability over a heap,
 * sharing no code with core's `markReachable`, the verifier or any collector.
 * A breadth-first search with a JavaScript array as the queue and one byte
 * per slot as the visited set, following the strong references the heap
 * stores (a weak reference keeps its referent in `scalar`, not in a
 * reference cell, so it is not followed).
 *
 * Everything here reads the heap's columns and changes nothing.
 */

import { type Heap, ObjectFlag, TypeId } from '@pymm/core';
import { MAX_SLOTS } from '@pymm/core/heap';

/** A set of slots: one byte per slot, 1 = in the set. */
export type SlotSet = Uint8Array;

/** The slot of a handle (its low bits; the generation above them is dropped). */
export function slotOfHandle(handle: number): number {
  return handle & (MAX_SLOTS - 1);
}

/** Whether the slot holds a live object. */
export function isLive(heap: Heap, slot: number): boolean {
  return slot >= 0 && slot < heap.store.slotLimit && (heap.store.flags[slot] & ObjectFlag.Alive) !== 0;
}

/** Whether the slot holds a live object that a strategy may free (not a static singleton). */
export function isCollectable(heap: Heap, slot: number): boolean {
  const flags = heap.store.flags[slot];
  return (flags & ObjectFlag.Alive) !== 0 && (flags & ObjectFlag.Static) === 0;
}

/** Live objects that are not static singletons (the ones a collector may free). */
export function collectableSlots(heap: Heap): number[] {
  const out: number[] = [];
  for (let slot = 0; slot < heap.store.slotLimit; slot++) if (isCollectable(heap, slot)) out.push(slot);
  return out;
}

/** The slots every root refers to (a slot appears once per reference). */
export function rootSlots(heap: Heap): number[] {
  const roots: number[] = [];
  heap.forEachRoot((slot) => roots.push(slot));
  return roots;
}

/** The strong references an object holds, as slots (the empty ones left out). */
export function referencesOf(heap: Heap, slot: number): number[] {
  const store = heap.store;
  const out: number[] = [];
  const start = store.refStart[slot];
  for (let i = 0; i < store.refLen[slot]; i++) {
    const target = store.refs.cells[start + i];
    if (target >= 0) out.push(target);
  }
  return out;
}

/**
 * Every slot reachable from `starts` by following strong references
 * (breadth-first), not entering the slots in `avoid` (they stay unmarked,
 * even when they are starts). A reference to a slot that holds no live
 * object is recorded as reached, but not followed: the caller decides
 * whether that is a dangling reference.
 */
export function reachableFrom(
  heap: Heap,
  starts: readonly number[],
  avoid: ReadonlySet<number> = new Set(),
): SlotSet {
  const store = heap.store;
  const seen = new Uint8Array(store.slotLimit);
  const queue: number[] = [];
  const visit = (slot: number) => {
    if (slot >= 0 && slot < seen.length && seen[slot] === 0 && !avoid.has(slot)) {
      seen[slot] = 1;
      queue.push(slot);
    }
  };
  for (const slot of starts) visit(slot);
  for (let head = 0; head < queue.length; head++) {
    const slot = queue[head];
    if (!isLive(heap, slot)) continue;
    const start = store.refStart[slot];
    const end = start + store.refLen[slot];
    for (let cell = start; cell < end; cell++) {
      const target = store.refs.cells[cell];
      if (target >= 0) visit(target);
    }
  }
  return seen;
}

/** Every slot reachable from the roots (not through the slots in `avoid`). */
export function reachableFromRoots(heap: Heap, avoid?: ReadonlySet<number>): SlotSet {
  return reachableFrom(heap, rootSlots(heap), avoid);
}

/** Slots reached from the roots that hold no live object: references to freed objects. */
export function freedButReachable(heap: Heap, reachable: SlotSet = reachableFromRoots(heap)): number[] {
  const out: number[] = [];
  for (let slot = 0; slot < reachable.length; slot++)
    if (reachable[slot] === 1 && !isLive(heap, slot)) out.push(slot);
  return out;
}

/** Live objects (not static singletons) that no root reaches: garbage not reclaimed (yet, or ever). */
export function unreachableObjects(heap: Heap, reachable: SlotSet = reachableFromRoots(heap)): number[] {
  return collectableSlots(heap).filter((slot) => reachable[slot] !== 1);
}

/** Live weak references whose referent is not a live object. */
export function danglingWeakrefs(heap: Heap): number[] {
  const store = heap.store;
  const out: number[] = [];
  for (let slot = 0; slot < store.slotLimit; slot++) {
    if (!isLive(heap, slot) || store.type[slot] !== TypeId.WeakRef) continue;
    const referent = store.scalar[slot];
    if (referent >= 0 && !isLive(heap, referent)) out.push(slot);
  }
  return out;
}

/**
 * Of the unreachable objects, those that reference counting can never free:
 * the ones in a reference cycle, or reachable from one. Found by peeling:
 * repeatedly remove an unreachable object that no other remaining
 * unreachable object refers to (its count would reach zero); what cannot be
 * peeled is in a cycle or hangs from one.
 */
export function keptByCycles(heap: Heap, unreachable: readonly number[]): SlotSet {
  const n = heap.store.slotLimit;
  const inSet = new Uint8Array(n);
  for (const slot of unreachable) inSet[slot] = 1;
  const referrers = new Int32Array(n);
  for (const slot of unreachable) {
    for (const target of referencesOf(heap, slot)) if (inSet[target] === 1) referrers[target]++;
  }
  const peel: number[] = unreachable.filter((slot) => referrers[slot] === 0);
  for (let head = 0; head < peel.length; head++) {
    const slot = peel[head];
    inSet[slot] = 0;
    for (const target of referencesOf(heap, slot)) {
      if (inSet[target] === 1 && --referrers[target] === 0) peel.push(target);
    }
  }
  return inSet;
}

/**
 * Live objects, recounted slot by slot, and the sum of their sizes (static
 * singletons are not allocated, so their bytes are not counted).
 */
export function recount(heap: Heap): { objects: number; bytes: number } {
  const store = heap.store;
  let objects = 0;
  let bytes = 0;
  for (let slot = 0; slot < store.slotLimit; slot++) {
    const flags = store.flags[slot];
    if ((flags & ObjectFlag.Alive) === 0) continue;
    objects++;
    if ((flags & ObjectFlag.Static) === 0) bytes += store.sizeof[slot];
  }
  return { objects, bytes };
}

/** A copy of every live object's references, to compare the graph before and after a collection. */
export function snapshotGraph(heap: Heap): Map<number, number[]> {
  const graph = new Map<number, number[]>();
  for (let slot = 0; slot < heap.store.slotLimit; slot++) {
    if (isLive(heap, slot)) graph.set(slot, referencesOf(heap, slot));
  }
  return graph;
}

/** Every slot reachable from `starts` in the union of two graphs (a snapshot and the heap now). */
export function reachableInEither(
  heap: Heap,
  before: Map<number, number[]>,
  starts: readonly number[],
): SlotSet {
  const seen = new Uint8Array(heap.store.slotLimit);
  const queue: number[] = [];
  const visit = (slot: number) => {
    if (slot < 0 || slot >= seen.length || seen[slot] === 1) return;
    seen[slot] = 1;
    queue.push(slot);
  };
  for (const slot of starts) visit(slot);
  for (let head = 0; head < queue.length; head++) {
    const slot = queue[head];
    for (const target of before.get(slot) ?? []) visit(target);
    if (isLive(heap, slot)) for (const target of referencesOf(heap, slot)) visit(target);
  }
  return seen;
}
