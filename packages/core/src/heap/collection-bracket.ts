/**
 * Collection bracketing: a collector marks the start and end of each
 * collection, so that frees in between are attributed to the collector and
 * the event stream carries `collection-start` and `collection-stop`.
 *
 * @module
 */

import type { CollectionReason } from '../events/events.js';
import type { HeapCore } from './heap-core.js';

/** What a collection reports when it ends. */
export interface CollectionResult {
  generation: number;
  reason: CollectionReason;
  examined: number;
  collected: number;
  uncollectable: number;
  complete?: boolean;
}

/** The collections in progress (nested ones count). */
export class CollectionBracket {
  /** Collections begun and not yet ended. */
  depth = 0;

  constructor(private readonly heap: HeapCore) {}

  /** Marks the start of a collection; emits `collection-start`; returns the start time. */
  begin(generation: number, reason: CollectionReason): number {
    this.depth++;
    const heap = this.heap;
    if (heap.events.wants('collection-start')) {
      heap.events.emit({ kind: 'collection-start', generation, reason, operation: heap.operation });
    }
    return performance.now();
  }

  /** Marks the end of a collection begun at `startedAt`; emits `collection-stop`. */
  end(startedAt: number, result: CollectionResult): void {
    this.depth--;
    const heap = this.heap;
    if (heap.events.wants('collection-stop')) {
      heap.events.emit({
        kind: 'collection-stop',
        generation: result.generation,
        reason: result.reason,
        examined: result.examined,
        collected: result.collected,
        uncollectable: result.uncollectable,
        durationMs: performance.now() - startedAt,
        operation: heap.operation,
        complete: result.complete ?? true,
      });
    }
  }
}
