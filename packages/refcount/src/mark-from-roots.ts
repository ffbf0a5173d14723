/**
 * Reachability from roots: the mark phase of a tracing collector, used here
 * only to *observe* the heap. Marks live in a byte array of the report's own
 * (the heap's flag bits are left alone, so a report can be taken under any
 * strategy, in the middle of anything), and the gray objects wait on an
 * explicit stack of slots, so a million-long chain needs no JavaScript stack.
 *
 * @module
 * @internal
 */

import { type Heap, NULL_REF, ObjectFlag } from '@pymm/core';

/** What {@link markFromRoots} found. */
export interface Reachability {
  /** One byte per slot (`0 .. slotLimit - 1`): 1 when the object is reachable from a root. */
  readonly reachable: Uint8Array;
  /** Reachable objects, not counting statically allocated ones (None, small ints, ...). */
  readonly reachableObjects: number;
}

/**
 * Marks every object reachable from the heap's roots (frames, globals,
 * temporaries, external references) through strong references. Weak
 * references are not followed: a weak reference's referent lives in its
 * `scalar` column, not among its reference cells.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { refcount } from '@pymm/refcount';
 * import { markFromRoots } from './mark-from-roots.js';
 * const py = createRuntime({ strategy: refcount() });
 * py.locals.xs = py.list([py.list()]);
 * markFromRoots(py.heap).reachableObjects; // 2
 * ```
 */
export function markFromRoots(heap: Heap): Reachability {
  const store = heap.store;
  const limit = store.slotLimit;
  const reachable = new Uint8Array(limit);
  // Every object is pushed at most once (it is marked when pushed), so the
  // stack never holds more than `limit` slots.
  const gray = new Int32Array(Math.max(1, limit));
  let top = 0;
  heap.forEachRoot((slot) => {
    if (reachable[slot] === 0) {
      reachable[slot] = 1;
      gray[top++] = slot;
    }
  });
  const cells = store.refs.cells;
  let reachableObjects = 0;
  while (top > 0) {
    const slot = gray[--top];
    if ((store.flags[slot] & ObjectFlag.Static) === 0) reachableObjects++;
    const start = store.refStart[slot];
    const end = start + store.refLen[slot];
    for (let cell = start; cell < end; cell++) {
      const target = cells[cell];
      if (target !== NULL_REF && reachable[target] === 0) {
        reachable[target] = 1;
        gray[top++] = target;
      }
    }
  }
  return { reachable, reachableObjects };
}
