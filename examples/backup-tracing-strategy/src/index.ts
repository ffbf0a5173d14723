/**
 * An example strategy, written the way a third party would: against the public
 * `@pymm/core` API only. It is reference counting (core keeps the counts and
 * frees acyclic garbage at once) plus a *backup trace*: every `interval`
 * allocations it marks everything reachable from the roots and breaks the
 * cycles among the rest, which reference counting then frees. Several real
 * runtimes pair counting with an occasional trace this way.
 *
 * Load it in a comparison by path:
 *
 *     pnpm compare --strategy refcount --strategy ./examples/backup-tracing-strategy/src/index.ts
 *
 * @module
 */

import {
  type CollectionReason,
  type Heap,
  markReachable,
  ObjectFlag,
  type Strategy,
  type StrategyStats,
  type TypeId,
} from '@pymm/core';

/** Reference counting with a periodic backup trace. */
export class BackupTracingStrategy implements Strategy {
  readonly name = 'backup-tracing';
  readonly requirements = { referenceCounting: true, writeBarrier: false } as const;
  readonly guarantees = { reclaimsCycles: true, prompt: true } as const;
  private heap: Heap | null = null;
  private sinceTrace = 0;
  private traces = 0;
  private collected = 0;

  constructor(private readonly interval = 2_000) {}

  attach(heap: Heap): void {
    this.heap = heap;
  }
  allocating(_type: TypeId, _bytes: number, _fresh: boolean): void {
    this.sinceTrace++;
  }
  released(): void {}
  track(): void {}
  untrack(): void {}

  /** Traces at operation boundaries, where the heap is consistent. */
  safepoint(): void {
    if (this.sinceTrace >= this.interval) this.collect(0, 'budget');
  }

  /** Marks from the roots, then clears every unreachable container; counting frees the rest. */
  collect(generation: number, reason: CollectionReason): number {
    const heap = this.heap;
    if (!heap) return 0;
    this.sinceTrace = 0;
    const startedAt = heap.beginCollection(generation, reason);
    const store = heap.store;
    const marked = markReachable(heap);
    const garbage: number[] = [];
    for (let slot = 0; slot < store.slotLimit; slot++) {
      if ((store.flags[slot] & ObjectFlag.Alive) !== 0 && marked[slot] === 0) garbage.push(slot);
    }
    // Hold every garbage object, so none is freed under our feet.
    for (const slot of garbage) heap.incref(slot);
    // Finalizers run first (PEP 442) and may resurrect: clear only what is still unreachable after them.
    let finalized = false;
    for (const slot of garbage) {
      if (heap.needsFinalizing(slot)) {
        heap.finalize(slot);
        finalized = true;
      }
    }
    const stillGarbage = finalized ? markReachable(heap) : marked;
    for (const slot of garbage) if (stillGarbage[slot] === 0) heap.clearReferences(slot);
    for (const slot of garbage) heap.decref(slot);
    this.traces++;
    this.collected += garbage.length;
    heap.endCollection(startedAt, {
      generation,
      reason,
      examined: store.liveCount + garbage.length,
      collected: garbage.length,
      uncollectable: 0,
    });
    return garbage.length;
  }

  stats(): StrategyStats {
    return { collections: [this.traces], collected: [this.collected], uncollectable: [0] };
  }
}

/** The factory `pymm compare --strategy PATH` calls. */
export function createStrategy(): Strategy {
  return new BackupTracingStrategy();
}
