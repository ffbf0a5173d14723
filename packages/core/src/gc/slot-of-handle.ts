/**
 * Handles and slots. A handle (what programs hold) is a slot number in its low
 * {@link SLOT_BITS} bits and a reuse serial above them; collectors work on
 * slots, the indexes of the heap's typed arrays.
 *
 * @module
 */

import { type Handle, MAX_SLOTS } from '../heap/object-store.js';

const SLOT_MASK = MAX_SLOTS - 1;

/**
 * The slot of a handle, without checking that the object is alive (use
 * `heap.store.slotOf(handle, operation)` where a stale handle is possible).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { slotOfHandle } from '@pymm/core/gc';
 * const py = createRuntime();
 * py.locals.xs = py.list();
 * slotOfHandle(py.locals.xs) === py.heap.store.slotOf(py.locals.xs, 'example'); // true
 * ```
 */
export function slotOfHandle(handle: Handle): number {
  return handle & SLOT_MASK;
}
