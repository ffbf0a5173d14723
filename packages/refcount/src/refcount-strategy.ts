/**
 * `refcount`: pure reference counting, Python with `gc.disable()`. Every object
 * is freed the moment its last reference goes, in CPython's deallocation order
 * (finalizers, weak-reference callbacks, closing files), and nothing else is
 * ever freed: a reference cycle stays in memory for the rest of the program.
 *
 * The counting itself lives in `@pymm/core` (the `Heap`), because the
 * generational strategy counts references too; this strategy switches it on
 * through `requirements.referenceCounting` and has no collector of its own.
 * What it adds is the bookkeeping that reports compare: allocations, where
 * memory went back, how many container objects exist (what a cycle collector
 * would have to traverse) and how often a collection was asked for in vain.
 *
 * @module
 */

import type {
  CollectionReason,
  CollectorHeap,
  Strategy,
  StrategyFactory,
  StrategyStats,
  TypeId,
} from '@pymm/core';

/**
 * What {@link RefcountStrategy.stats} reports under `extra`.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { type RefcountExtraStats, refcount } from '@pymm/refcount';
 * const py = createRuntime({ strategy: refcount() });
 * py.locals.xs = py.list();
 * const extra: RefcountExtraStats = py.strategy.stats().extra;
 * extra.trackedObjects; // 1
 * ```
 */
export interface RefcountExtraStats extends Readonly<Record<string, number>> {
  /** Objects whose memory was obtained (from the allocator or a free list). */
  readonly allocations: number;
  /** Of those, the ones a free list supplied. */
  readonly allocationsFromFreeLists: number;
  /** Object memory returned to the allocator (including free lists being emptied). */
  readonly releasesToAllocator: number;
  /** Object memory kept on a free list for reuse. */
  readonly releasesToFreeLists: number;
  /** Container objects tracked now: what a cycle collector would have to traverse. */
  readonly trackedObjects: number;
  /** Highest {@link RefcountExtraStats.trackedObjects} seen. */
  readonly peakTrackedObjects: number;
}

/**
 * The strategy instance that {@link refcount} creates for each heap: reference
 * counting with no cycle collector. `collect()` reclaims nothing and returns 0,
 * but still reports a collection start and stop (examining no objects), so
 * that reports show that a collection was asked for.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { RefcountStrategy, refcount } from '@pymm/refcount';
 * const py = createRuntime({ strategy: refcount() });
 * py.strategy instanceof RefcountStrategy; // true
 * py.locals.xs = py.list();
 * py.del('xs');          // freed here, by its reference count
 * py.collect();          // 0: there is no collector
 * py.strategy.stats().collections; // [1]
 * ```
 */
export class RefcountStrategy implements Strategy {
  /** `refcount`. */
  readonly name = 'refcount';
  private collectionsRequested = 0;
  private allocations = 0;
  private allocationsFromFreeLists = 0;
  private releasesToAllocator = 0;
  private releasesToFreeLists = 0;
  private trackedObjects = 0;
  private peakTrackedObjects = 0;

  /** Serves `heap` for its whole life (created by {@link refcount}'s factory). */
  constructor(private readonly heap: CollectorHeap) {}

  /** Counts an allocation (no collection is ever started here). */
  allocating(_type: TypeId, _bytes: number, fresh: boolean): void {
    this.allocations++;
    if (!fresh) this.allocationsFromFreeLists++;
  }

  /** Counts memory going back to the allocator or onto a free list. */
  released(_type: TypeId, _bytes: number, toAllocator: boolean): void {
    if (toAllocator) this.releasesToAllocator++;
    else this.releasesToFreeLists++;
  }

  /** Counts a container object that a cycle collector would now have to traverse. */
  track(_slot: number): void {
    this.trackedObjects++;
    if (this.trackedObjects > this.peakTrackedObjects) this.peakTrackedObjects = this.trackedObjects;
  }

  /** A container object stopped being tracked (it is dying, or can never be part of a cycle). */
  untrack(_slot: number): void {
    this.trackedObjects--;
  }

  /**
   * The fullest collection this strategy has: none. Emits a collection start
   * and stop (generation 0, nothing examined, nothing collected) so that the
   * request shows in reports, and returns 0, as `gc.collect()` would if it
   * found nothing.
   */
  collect(_generation: number, reason: CollectionReason): number {
    this.collectionsRequested++;
    this.heap.collection(0, reason, () => NOTHING_COLLECTED);
    return 0;
  }

  /** Collections requested (one generation), none collected, and the counters of {@link RefcountExtraStats}. */
  stats(): StrategyStats & { readonly extra: RefcountExtraStats } {
    return {
      collections: [this.collectionsRequested],
      collected: [0],
      uncollectable: [0],
      extra: {
        allocations: this.allocations,
        allocationsFromFreeLists: this.allocationsFromFreeLists,
        releasesToAllocator: this.releasesToAllocator,
        releasesToFreeLists: this.releasesToFreeLists,
        trackedObjects: this.trackedObjects,
        peakTrackedObjects: this.peakTrackedObjects,
      },
    };
  }
}

/** What every `collect()` of this strategy reports: nothing examined, nothing collected. */
const NOTHING_COLLECTED = { examined: 0, collected: 0, uncollectable: 0 } as const;

/**
 * The pure reference-counting strategy: prompt, deterministic reclamation, and
 * cycles that are never reclaimed. Reference counts are kept by the heap (no
 * write barrier). Use {@link leakReport} to see what the cycles keep.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { refcount } from '@pymm/refcount';
 * const py = createRuntime({ strategy: refcount() });
 * py.locals.f = py.open('log.txt');
 * py.del('f');                 // the file is closed by this statement
 * py.heap.openFileCount;       // 0
 * py.heap.resourceLog[0].how;  // 'dealloc'
 * ```
 */
export function refcount(): StrategyFactory<RefcountStrategy> {
  return {
    name: 'refcount',
    requirements: { referenceCounting: true, writeBarrier: false },
    guarantees: { reclaimsCycles: false, prompt: true },
    create: (heap) => new RefcountStrategy(heap),
  };
}
