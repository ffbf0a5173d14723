/**
 * The strategy contract: the plug-in that decides when and how memory is
 * reclaimed. A {@link StrategyFactory} declares what the strategy needs from
 * the heap and what it guarantees, and creates one {@link Strategy} per heap,
 * handing it the heap's collector view ({@link CollectorHeap}). The strategy
 * is told about allocations, releases, tracking and reference writes, answers
 * collection requests, and reports each collection through
 * {@link CollectorHeap.collection}.
 *
 * The heap calls the hooks at the points where CPython does the corresponding
 * work, so that a strategy modelling CPython can be exact:
 *
 * - {@link Strategy.allocating}: memory for a new object is obtained. For a GC
 *   container taken from the allocator (not a free list) this is
 *   `_PyObject_GC_Link`, where CPython 3.11 starts automatic collections. The new
 *   object does not exist yet, so it is not part of such a collection.
 * - {@link Strategy.track} / {@link Strategy.untrack}: `_PyObject_GC_TRACK` and
 *   `_PyObject_GC_UNTRACK`.
 * - {@link Strategy.finalizerRegistered}: a new object has a finalizer
 *   (`__del__`, a generator that must be closed, an open file).
 * - {@link Strategy.released}: an object's memory went back to the allocator
 *   (`PyObject_GC_Del` for containers) or onto a free list.
 * - {@link Strategy.writeBarrier}: a reference was stored into a heap object
 *   (only when the strategy asks for a write barrier).
 * - {@link Strategy.safepoint}: a runtime operation finished (where CPython
 *   3.12+ runs scheduled collections, and where incremental collectors step).
 *
 * @module
 */

import type { CollectionReason } from '../events/events.js';
import type { TypeId } from '../objects/type-id.js';
import type { CollectorHeap } from './collector-heap.js';
import type { GcControl } from './gc-control.js';

/**
 * What a strategy needs the heap to do for it.
 *
 * @example
 * ```ts
 * import { type StrategyFactory, type StrategyRequirements, createRuntime, noGC } from '@pymm/core';
 * noGC().requirements; // { referenceCounting: false, writeBarrier: false }
 * const counting: StrategyRequirements = { referenceCounting: true, writeBarrier: false };
 * const strategy: StrategyFactory = {
 *   name: 'counting',
 *   requirements: counting,
 *   guarantees: { reclaimsCycles: false, prompt: true },
 *   create: () => ({
 *     name: 'counting',
 *     allocating() {},
 *     released() {},
 *     track() {},
 *     untrack() {},
 *     collect: () => 0,
 *     stats: () => ({ collections: [0], collected: [0], uncollectable: [0] }),
 *   }),
 * };
 * const py = createRuntime({ strategy });
 * py.locals.xs = py.list();
 * py.refcount(py.locals.xs); // 1: the heap keeps counts because the strategy asked
 * ```
 */
export interface StrategyRequirements {
  /**
   * Keep reference counts and free an object the moment its count reaches zero.
   * A tracing strategy says `false` and pays nothing for counting.
   */
  readonly referenceCounting: boolean;
  /** Call {@link Strategy.writeBarrier} on every reference store into a heap object. */
  readonly writeBarrier: boolean;
}

/**
 * What a strategy promises about the objects it frees. Tests and reports choose
 * what to check from these declarations, never from a strategy's name.
 *
 * @example
 * ```ts
 * import { noGC, type StrategyGuarantees } from '@pymm/core';
 * noGC().guarantees; // { reclaimsCycles: false, prompt: false }
 * const refcounting: StrategyGuarantees = { reclaimsCycles: false, prompt: true };
 * refcounting.prompt; // true
 * ```
 */
export interface StrategyGuarantees {
  /**
   * A full collection (`collect(2, ...)`) frees every object that is unreachable
   * from the roots, cycles included, except what the strategy's finalizer rules
   * keep for one more cycle.
   */
  readonly reclaimsCycles: boolean;
  /**
   * An object that nothing refers to is freed at once, when its last reference
   * goes, as under reference counting.
   */
  readonly prompt: boolean;
}

/**
 * What a strategy reports about itself, for reports and the comparison app.
 *
 * @example
 * ```ts
 * import { type StrategyStats, createRuntime } from '@pymm/core';
 * const py = createRuntime();
 * const stats: StrategyStats = py.heap.strategy.stats();
 * stats; // { collections: [0], collected: [0], uncollectable: [0] }
 * ```
 */
export interface StrategyStats {
  /** Collections per generation (one entry for strategies without generations). */
  readonly collections: readonly number[];
  /** Objects collected per generation. */
  readonly collected: readonly number[];
  /** Objects found uncollectable per generation. */
  readonly uncollectable: readonly number[];
  /** Anything else the strategy wants to show (numbers only). */
  readonly extra?: Readonly<Record<string, number>>;
}

/**
 * One strategy serving one heap: the hooks the heap calls and the collection
 * it runs on request. Created by its {@link StrategyFactory} with the heap's
 * {@link CollectorHeap}, which it keeps for its whole life. Write your own
 * against `@pymm/core` alone; `examples/backup-tracing-strategy` in the
 * repository is a complete one in about fifty lines.
 *
 * @example
 * ```ts
 * import { type CollectorHeap, type Strategy, type StrategyFactory, createRuntime } from '@pymm/core';
 *
 * // A strategy that only counts allocations and never frees anything.
 * class CountingStrategy implements Strategy {
 *   readonly name = 'counting';
 *   allocations = 0;
 *   constructor(readonly heap: CollectorHeap) {}
 *   allocating(): void { this.allocations++; }
 *   released(): void {}
 *   track(): void {}
 *   untrack(): void {}
 *   collect(): number { return 0; }
 *   stats() { return { collections: [0], collected: [0], uncollectable: [0] }; }
 * }
 * const counting: StrategyFactory<CountingStrategy> = {
 *   name: 'counting',
 *   requirements: { referenceCounting: false, writeBarrier: false },
 *   guarantees: { reclaimsCycles: false, prompt: false },
 *   create: (heap) => new CountingStrategy(heap),
 * };
 * const py = createRuntime({ strategy: counting });
 * py.list();
 * py.strategy.allocations; // 1
 * ```
 */
export interface Strategy {
  /** Short name, e.g. `refcount`, `generational`, `mark-sweep` (the factory's). */
  readonly name: string;
  /**
   * Whether an outside checker may verify the whole heap now. False while the
   * strategy is freeing garbage in steps (a lazy sweep): garbage not yet freed
   * may still refer to garbage that is. Omitted means always true.
   */
  heapConsistent?(): boolean;
  /**
   * Memory for a new object of `type` and `bytes` is being obtained; `fresh` is
   * true when it comes from the allocator rather than a free list. The object
   * does not exist yet. A strategy may collect here.
   */
  allocating(type: TypeId, bytes: number, fresh: boolean): void;
  /**
   * The new object now exists (its slot is `slot`), before it is tracked or
   * holds references. Incremental collectors colour it here.
   */
  allocated?(slot: number): void;
  /**
   * An object's memory was released: to the allocator (`toAllocator`) or onto
   * a free list. `slot` is the object that was freed (its slot is about to be
   * reused), or -1 for memory a free list gave back (free lists being cleared).
   */
  released(type: TypeId, bytes: number, toAllocator: boolean, slot: number): void;
  /** The object (a slot index) became tracked by the cycle collector. */
  track(slot: number): void;
  /** The object stopped being tracked (always called before it is freed, if it was tracked). */
  untrack(slot: number): void;
  /**
   * The new object (a slot) has a finalizer: a class with `__del__`, a
   * generator that must be closed, an open file. Called once, after the object
   * is created and tracked. Strategies that must run finalizers of garbage they
   * never saw die one by one (tracing) register it here.
   */
  finalizerRegistered?(slot: number): void;
  /** A reference to `target` was stored into `holder` (only if `requirements.writeBarrier`). */
  writeBarrier?(holder: number, target: number): void;
  /** A runtime operation finished. */
  safepoint?(): void;
  /**
   * A finalizer or weak-reference callback raised an error, which the heap
   * recorded in `heap.unraisable` and otherwise ignored (Python's "Exception
   * ignored in ..."). `where` is `'finalizer'` or `'weakref-callback'`.
   */
  reportUnraisable?(where: 'finalizer' | 'weakref-callback', error: unknown): void;
  /**
   * Runs the fullest collection the strategy has for `generation` (0..2) and
   * returns what Python's `gc.collect()` would: unreachable objects found.
   * Strategies without a collector return 0.
   */
  collect(generation: number, reason: CollectionReason): number;
  /** Counters for reports. */
  stats(): StrategyStats;
  /** The `gc` module's controls, for strategies that model CPython's collector. */
  readonly gc?: GcControl;
}

/**
 * A strategy as users choose it: its name, what it needs from the heap, what it
 * guarantees, and how to create the {@link Strategy} instance that serves one
 * heap. `createRuntime({ strategy })` takes a factory and calls
 * {@link StrategyFactory.create} once, so no strategy ever holds a missing heap,
 * and one factory can create any number of runtimes.
 *
 * @example
 * ```ts
 * import { createRuntime, noGC, type StrategyFactory } from '@pymm/core';
 * const baseline: StrategyFactory = noGC();
 * baseline.guarantees; // { reclaimsCycles: false, prompt: false }
 * const a = createRuntime({ strategy: baseline });
 * const b = createRuntime({ strategy: baseline });
 * a.strategy === b.strategy; // false: one instance per heap
 * ```
 */
export interface StrategyFactory<S extends Strategy = Strategy> {
  /** Short name, e.g. `refcount`, `generational`, `mark-sweep`. */
  readonly name: string;
  /** What the heap must maintain for this strategy. */
  readonly requirements: StrategyRequirements;
  /** What the strategy promises about reclamation. Tests and reports choose what to check from these. */
  readonly guarantees: StrategyGuarantees;
  /** Creates the strategy instance that serves `heap` (called once per heap, when the heap is created). */
  create(heap: CollectorHeap): S;
}
