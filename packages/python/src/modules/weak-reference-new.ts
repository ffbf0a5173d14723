/**
 * Creating a weak reference or proxy from Python (`weakref.ref(obj, callback)`,
 * `weakref.proxy(obj, callback)`): core's weak reference, with the callback held by the
 * reference as its one cell (`wr_callback`) and called with the reference when the referent dies.
 * An exception in the callback is printed as CPython's "Exception ignored in" report.
 *
 * @module
 */

import { NULL_REF } from '@pymm/core/heap';
import { formatException } from '../runtime/exceptions.js';
import type { Interp } from '../runtime/interp.js';

/**
 * A new (or shared) weak reference to `referent`, owned; `callback` is a borrowed callable,
 * `None` or NULL_REF. A nonzero `proxyClass` makes a proxy of that native class.
 */
export function newWeakReference(ip: Interp, referent: number, callback: number, proxyClass = 0): number {
  let ref: number;
  try {
    if (callback === NULL_REF || callback === ip.none) {
      ref = ip.heap.newWeakref(referent, undefined, proxyClass);
    } else {
      ref = ip.heap.newWeakref(
        referent,
        (handle) => {
          const self = ip.store.slotOf(handle, 'weakref callback');
          const fn = ip.store.refs.cells[ip.store.refStart[self]];
          try {
            ip.drop(ip.call(fn, [self], null));
          } catch (error) {
            const raised = ip.toPyRaise(error);
            ip.options.stderr(`Exception ignored in: ${ip.repr(fn)}\n`);
            ip.options.stderr(formatException(ip, raised.exc));
            ip.dropRaised(raised.exc);
          }
        },
        proxyClass,
      );
      ip.heap.appendCell(ref, callback);
    }
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith('cannot create weak reference'))
      return ip.raise('TypeError', error.message);
    throw error;
  }
  return ip.own(ref);
}
