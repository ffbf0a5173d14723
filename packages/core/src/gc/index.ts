/**
 * The gc kit of `@pymm/core`: the parts a collector arranges into its phases.
 * {@link slotOfHandle} turns a handle into a typed-array index,
 * {@link forEachReference} visits an object's references in `tp_traverse`
 * order, {@link MarkStack} and {@link markReachable} mark from the roots
 * without recursion, {@link WeakrefClearing} clears weak references before
 * calling their callbacks (`handle_weakrefs`), and {@link finalizeGarbage}
 * runs PEP 442 finalizers (`finalize_garbage`).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { markReachable, slotOfHandle } from '@pymm/core/gc';
 * const py = createRuntime();
 * py.locals.xs = py.list([py.list()]);
 * const inner = py.getitem(py.locals.xs, 0);
 * const marked = markReachable(py.heap); // a mark byte per slot, 1 for each object reachable from the roots
 * marked[slotOfHandle(inner)]; // 1
 * ```
 *
 * @module @pymm/core/gc
 */

export { dictSharesValues, embeddedValuesOf } from './embedded-values.js';
export { finalizeGarbage } from './finalize-garbage.js';
export { forEachReference } from './for-each-reference.js';
export { WeakrefClearing, type WeakrefRound } from './handle-weakrefs.js';
export { markReachable, type UnreachableSummary, unreachableSummary } from './mark-reachable.js';
export { MarkStack } from './mark-stack.js';
export { slotOfHandle } from './slot-of-handle.js';
