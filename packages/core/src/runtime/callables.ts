/**
 * Function objects and generators: objects that hold other objects on
 * behalf of code (closure cells and defaults, a suspended frame). A
 * generator's `onClose` is what closing it by finalization runs (its
 * `finally` blocks and `with` exits).
 *
 * @module
 */

import type { Handle } from '../heap/object-store.js';
import type { OperationContext } from './operation-context.js';

/** A function object that captures the given objects (closure cells, defaults). */
export function newFunction(cx: OperationContext, captured: readonly Handle[]): Handle {
  return cx.op('function', () => {
    const slots = captured.map((h) => cx.slot(h, 'function'));
    const fn = cx.heap.newFunction(slots);
    for (const s of slots) cx.consumed(s);
    return cx.temporary(fn);
  });
}

/** A generator object holding the given objects in its suspended frame; `onClose` runs when it is closed. */
export function newGenerator(
  cx: OperationContext,
  captured: readonly Handle[],
  onClose?: () => void,
): Handle {
  return cx.op('generator', () => {
    const slots = captured.map((h) => cx.slot(h, 'generator'));
    const gen = cx.heap.newGenerator(slots, onClose);
    for (const s of slots) cx.consumed(s);
    return cx.temporary(gen);
  });
}
