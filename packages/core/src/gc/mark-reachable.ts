/**
 * Reachability from the roots, computed with a {@link MarkStack} over typed
 * arrays: what every strategy must keep, and what a leak or promptness
 * measurement compares against. A backup trace, a leak report and the test
 * oracle's cross-checks all start here.
 *
 * @module
 */

import { NULL_REF, ObjectFlag } from '../heap/object-store.js';
import type { CollectorHeap } from '../strategy/collector-heap.js';
import { MarkStack } from './mark-stack.js';

/**
 * Marks every object reachable from the roots. Returns one byte per slot
 * (1 = reachable), covering `heap.store.slotLimit` slots. Statically allocated
 * objects (None, small ints, ...) count as reachable. A reference to a freed
 * slot (only in an inconsistent heap, which the verifier reports) is not followed.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { markReachable, slotOfHandle } from '@pymm/core/gc';
 * const py = createRuntime();
 * py.locals.xs = py.list([py.list()]);
 * const inner = py.getitem(py.locals.xs, 0);
 * markReachable(py.heap)[slotOfHandle(inner)]; // 1
 * ```
 */
export function markReachable(heap: CollectorHeap): Uint8Array {
  const store = heap.store;
  const n = store.slotLimit;
  const flags = store.flags;
  const marked = new Uint8Array(n);
  const stack = new MarkStack();
  const shade = (slot: number) => {
    if (slot < 0 || slot >= n || marked[slot] === 1 || (flags[slot] & ObjectFlag.Alive) === 0) return;
    marked[slot] = 1;
    stack.push(slot);
  };
  for (let slot = 0; slot < n; slot++) {
    if ((flags[slot] & ObjectFlag.Static) !== 0) shade(slot);
  }
  heap.forEachRoot(shade);
  // Scan: the order does not matter for marking, so the cells are read in storage order.
  const refStart = store.refStart;
  const refLen = store.refLen;
  for (let slot = stack.pop(); slot >= 0; slot = stack.pop()) {
    const cells = store.refs.cells;
    for (let i = refStart[slot], end = i + refLen[slot]; i < end; i++) {
      const target = cells[i];
      if (target !== NULL_REF) shade(target);
    }
  }
  return marked;
}

/**
 * Live objects and bytes that are not reachable from the roots (garbage not yet reclaimed).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { type UnreachableSummary, unreachableSummary } from '@pymm/core/gc';
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
 * import { createRuntime } from '@pymm/core';
 * import { unreachableSummary } from '@pymm/core/gc';
 * const py = createRuntime(); // noGC: nothing is ever freed
 * py.locals.x = py.list();
 * py.del('x');
 * unreachableSummary(py.heap).objects; // 1
 * ```
 */
export function unreachableSummary(
  heap: CollectorHeap,
  marked: Uint8Array = markReachable(heap),
): UnreachableSummary {
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
