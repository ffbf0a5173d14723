/**
 * Weak references: `weakref.ref(obj, callback)` and calling the reference.
 * The heap clears a reference when its referent dies and then runs the
 * callback (see the heap's weak references).
 *
 * @module
 */

import type { Handle } from '../heap/object-store.js';
import type { OperationContext } from './operation-context.js';

/** `weakref.ref(obj, callback)`: a weak reference (a temporary) that does not keep `obj` alive. */
export function weakref(cx: OperationContext, target: Handle, callback?: (ref: Handle) => void): Handle {
  return cx.op('weakref', () => {
    const slot = cx.slot(target, 'weakref');
    return cx.temporary(cx.heap.newWeakref(slot, callback));
  });
}

/** Calls a weak reference: its referent, or `None` once it died. */
export function deref(cx: OperationContext, ref: Handle): Handle {
  const slot = cx.slot(ref, 'deref');
  return cx.heap.store.handleOf(cx.heap.weakrefTarget(slot));
}
