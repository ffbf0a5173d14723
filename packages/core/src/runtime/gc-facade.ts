/**
 * The `gc` module and tracing facade: `gc.collect(generation)` (run by the
 * strategy), allocation sites (tracemalloc-style) and heap events.
 *
 * @module
 */

import type { CollectionReason, EventOf, HeapEventKind, HeapEventListener } from '../events/events.js';
import { PythonError } from '../heap/containers/python-error.js';
import type { OperationContext } from './operation-context.js';

/**
 * `gc.collect(generation)`: runs the strategy's collection and returns the number of unreachable
 * objects found (0 for strategies without a collector).
 */
export function collect(cx: OperationContext, generation: number, reason: CollectionReason): number {
  if (!Number.isInteger(generation) || generation < 0 || generation > 2) {
    throw new PythonError('ValueError', 'invalid generation');
  }
  return cx.statement('collect', () => cx.heap.strategy.collect(generation, reason));
}

/** Attributes the objects that `body` allocates to an allocation site. */
export function at<T>(cx: OperationContext, site: string, body: () => T): T {
  const heap = cx.heap;
  const previous = heap.site;
  heap.site = site;
  try {
    return body();
  } finally {
    heap.site = previous;
  }
}

/** Subscribes to heap events; returns an unsubscribe function. */
export function on<K extends HeapEventKind>(
  cx: OperationContext,
  kind: K,
  listener: HeapEventListener<K>,
): () => void {
  return cx.heap.events.on(kind, listener as (e: EventOf<K>) => void);
}
