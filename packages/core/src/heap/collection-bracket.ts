/**
 * Collection bracketing: a collector runs each collection inside the bracket,
 * so that frees in between are attributed to the collector and the event
 * stream carries `collection-start` and `collection-stop`, even when the
 * collection throws.
 *
 * @module
 */

import type { CollectionReason } from '../events/events.js';
import type { CollectionCounts } from '../strategy/collector-heap.js';
import type { HeapCore } from './heap-core.js';

/** The collections in progress (nested ones count). */
export class CollectionBracket {
  /** Collections begun and not yet ended. */
  depth = 0;

  constructor(private readonly heap: HeapCore) {}

  /**
   * Runs one collection between `collection-start` and `collection-stop`. The
   * bracket is closed even if `body` throws (with `partial`'s counts, or
   * zeros), and the error propagates.
   */
  run(
    generation: number,
    reason: CollectionReason,
    body: () => CollectionCounts,
    partial?: () => CollectionCounts,
  ): CollectionCounts {
    const heap = this.heap;
    this.depth++;
    if (heap.events.wants('collection-start')) {
      heap.events.emit({ kind: 'collection-start', generation, reason, operation: heap.operation });
    }
    const startedAt = performance.now();
    let counts: CollectionCounts | null = null;
    try {
      counts = body();
      return counts;
    } finally {
      this.depth--;
      if (heap.events.wants('collection-stop')) {
        const reported = counts ?? partial?.() ?? NOTHING_COUNTED;
        heap.events.emit({
          kind: 'collection-stop',
          generation,
          reason,
          examined: reported.examined,
          collected: reported.collected,
          uncollectable: reported.uncollectable,
          durationMs: performance.now() - startedAt,
          operation: heap.operation,
          complete: reported.complete ?? true,
        });
      }
    }
  }
}

const NOTHING_COUNTED: CollectionCounts = { examined: 0, collected: 0, uncollectable: 0 };
