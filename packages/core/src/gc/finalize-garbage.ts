/**
 * `finalize_garbage` (PEP 442): before a collector breaks the cycles of what
 * it found unreachable, each of those objects' finalizers runs once. A
 * finalizer may resurrect its object or anything it reaches, so a collector
 * must find out again what is unreachable before it clears anything.
 *
 * @module
 */

import type { CollectorHeap } from '../strategy/collector-heap.js';

/**
 * Runs the finalizer of each object in `garbage[0 .. count)` that has one not
 * yet run (in that order, CPython's order of the unreachable list), and
 * returns how many ran. When it returns more than 0, reachability must be
 * computed again before clearing: a finalizer may have resurrected objects.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { finalizeGarbage, slotOfHandle } from '@pymm/core/gc';
 * const py = createRuntime();
 * const said: string[] = [];
 * const Resource = py.class('Resource', { del: () => said.push('__del__') });
 * py.locals.r = Resource.new();
 * const garbage = [slotOfHandle(py.locals.r)];
 * finalizeGarbage(py.heap, garbage, 1); // 1
 * finalizeGarbage(py.heap, garbage, 1); // 0: a finalizer runs once
 * said; // ['__del__']
 * ```
 */
export function finalizeGarbage(heap: CollectorHeap, garbage: ArrayLike<number>, count: number): number {
  let ran = 0;
  for (let i = 0; i < count; i++) {
    const slot = garbage[i];
    if (!heap.needsFinalizing(slot)) continue;
    heap.finalize(slot);
    ran++;
  }
  return ran;
}
