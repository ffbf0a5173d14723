/**
 * Reachability from the roots, computed with an explicit stack over typed
 * arrays: what every strategy must keep, and what a leak or promptness
 * measurement compares against.
 *
 * @module
 */

import type { Heap } from './heap.js';
import { NULL_REF, ObjectFlag } from './object-store.js';

/**
 * Marks every object reachable from the roots. Returns one byte per slot
 * (1 = reachable), covering `heap.store.slotLimit` slots. Statically allocated
 * objects (None, small ints, ...) count as reachable.
 *
 * @example
 * ```ts
 * import { createRuntime, markReachable } from '@pymm/core';
 * const py = createRuntime();
 * py.locals.xs = py.list([py.list()]);
 * const inner = py.getitem(py.locals.xs, 0);
 * markReachable(py.heap)[inner & 0xffffff]; // 1
 * ```
 */
export function markReachable(heap: Heap): Uint8Array {
  const store = heap.store;
  const n = store.slotLimit;
  const marked = new Uint8Array(n);
  let stack = new Int32Array(1024);
  let top = 0;
  const push = (slot: number) => {
    // A reference to a freed or unknown slot (only in an inconsistent heap, which the verifier
    // reports) is not followed.
    if (slot < 0 || slot >= n || marked[slot] === 1 || (store.flags[slot] & ObjectFlag.Alive) === 0) return;
    marked[slot] = 1;
    if (top === stack.length) {
      const bigger = new Int32Array(stack.length * 2);
      bigger.set(stack);
      stack = bigger;
    }
    stack[top++] = slot;
  };
  for (let slot = 0; slot < n; slot++) {
    if ((store.flags[slot] & ObjectFlag.Static) !== 0) push(slot);
  }
  heap.forEachRoot(push);
  while (top > 0) {
    const slot = stack[--top];
    const start = store.refStart[slot];
    const len = store.refLen[slot];
    const cells = store.refs.cells;
    for (let i = 0; i < len; i++) {
      const target = cells[start + i];
      if (target !== NULL_REF) push(target);
    }
  }
  return marked;
}

/**
 * Live objects and bytes that are not reachable from the roots (garbage not yet reclaimed).
 *
 * @example
 * ```ts
 * import { type UnreachableSummary, createRuntime, unreachableSummary } from '@pymm/core';
 * const py = createRuntime(); // noGC: garbage stays
 * py.locals.xs = py.list([py.float(1.5)]);
 * py.del('xs');
 * const garbage: UnreachableSummary = unreachableSummary(py.heap);
 * garbage; // { objects: 2, bytes: 88 }: the list with its one-item array (64) and the float (24)
 * ```
 */
export interface UnreachableSummary {
  readonly objects: number;
  readonly bytes: number;
}

/**
 * Counts live objects that are unreachable: garbage the strategy has not
 * reclaimed (yet, or ever).
 *
 * @example
 * ```ts
 * import { createRuntime, unreachableSummary } from '@pymm/core';
 * const py = createRuntime(); // noGC: nothing is ever freed
 * py.locals.x = py.list();
 * py.del('x');
 * unreachableSummary(py.heap).objects; // 1
 * ```
 */
export function unreachableSummary(heap: Heap, marked: Uint8Array = markReachable(heap)): UnreachableSummary {
  const store = heap.store;
  let objects = 0;
  let bytes = 0;
  for (let slot = 0; slot < store.slotLimit; slot++) {
    if ((store.flags[slot] & ObjectFlag.Alive) === 0 || marked[slot] === 1) continue;
    objects++;
    bytes += store.sizeof[slot];
  }
  return { objects, bytes };
}
