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
  type CollectorHeap,
  ObjectFlag,
  type Strategy,
  type StrategyFactory,
} from '@pymm/core';
import { finalizeGarbage, markReachable, WeakrefClearing } from '@pymm/core/gc';

/** Reference counting with a periodic backup trace. */
export class BackupTracingStrategy implements Strategy {
  readonly name = 'backup-tracing';
  private sinceTrace = 0;
  private traces = 0;
  private collected = 0;

  constructor(
    private readonly heap: CollectorHeap,
    private readonly interval: number,
  ) {}

  allocating(): void {
    this.sinceTrace++;
  }
  released(): void {}
  track(): void {}
  untrack(): void {}

  /** Traces at operation boundaries, where the heap is consistent. */
  safepoint(): void {
    if (this.sinceTrace >= this.interval) this.collect(0, 'budget');
  }

  /** Marks from the roots, then breaks the cycles among the rest; counting frees them. */
  collect(generation: number, reason: CollectionReason): number {
    this.sinceTrace = 0;
    this.traces++;
    const { collected } = this.heap.collection(generation, reason, () => this.trace());
    this.collected += collected;
    return collected;
  }

  private trace() {
    const heap = this.heap;
    const { flags, slotLimit, liveCount } = heap.store;
    // 1. Mark what the roots reach; every other live object is garbage.
    const marked = markReachable(heap);
    const garbage: number[] = [];
    for (let slot = 0; slot < slotLimit; slot++) {
      if ((flags[slot] & ObjectFlag.Alive) !== 0 && marked[slot] === 0) garbage.push(slot);
    }
    // 2. Hold every garbage object, so that none is freed under our feet.
    for (const slot of garbage) heap.incref(slot);
    // 3. Clear weak references to the garbage before any callback can see it, then call back.
    const weakrefs = new WeakrefClearing(heap, (slot) => marked[slot] === 0);
    for (const slot of garbage) weakrefs.referentDies(slot);
    weakrefs.callCallbacks();
    // 4. Finalizers run (PEP 442) and may resurrect: clear only what is still unreachable after them.
    const stillGarbage = finalizeGarbage(heap, garbage, garbage.length) > 0 ? markReachable(heap) : marked;
    for (const slot of garbage) if (stillGarbage[slot] === 0) heap.clearReferences(slot);
    // 5. Let go: reference counting frees what nothing else holds.
    for (const slot of garbage) heap.decref(slot);
    return { examined: liveCount, collected: garbage.length, uncollectable: 0 };
  }

  stats() {
    return { collections: [this.traces], collected: [this.collected], uncollectable: [0] };
  }
}

/** The strategy: reference counting with a backup trace every `interval` allocations. */
export function backupTracing(interval = 2_000): StrategyFactory<BackupTracingStrategy> {
  return {
    name: 'backup-tracing',
    requirements: { referenceCounting: true, writeBarrier: false },
    guarantees: { reclaimsCycles: true, prompt: true },
    create: (heap) => new BackupTracingStrategy(heap, interval),
  };
}

/** What `pymm compare --strategy PATH` calls. */
export function createStrategy(): StrategyFactory<BackupTracingStrategy> {
  return backupTracing();
}
