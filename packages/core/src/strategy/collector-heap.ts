/**
 * `CollectorHeap`: the collectors' view of the heap. A strategy is created with
 * one (see {@link StrategyFactory.create}) and sees the heap only through it:
 * the objects as typed arrays, the roots, reference counts, the steps of
 * reclaiming an object (finalize, clear, destroy), weak references, and the
 * collection bracket that reports a collection. The object API that programs
 * use (`newList`, `setattr`, ...) is a different face: `Runtime` and `Heap`.
 *
 * This is the binding between a collector and the "virtual machine" in MMTk's
 * sense. The members are grouped in the order a tracing collection uses them.
 *
 * @module
 */

import type { CollectionReason, EventBus } from '../events/events.js';
import type { ObjectStore } from '../heap/object-store.js';
import type { Allocator } from '../memory/allocator.js';
import type { SizeModel } from '../objects/size-model.js';

/**
 * What a collection found, as the collection bracket reports it in its
 * `collection-stop` event.
 *
 * @example
 * ```ts
 * import type { CollectionCounts } from '@pymm/core';
 * const counts: CollectionCounts = { examined: 10, collected: 2, uncollectable: 0 };
 * counts.collected; // 2
 * ```
 */
export interface CollectionCounts {
  /** Objects the collection looked at. */
  readonly examined: number;
  /** Unreachable objects found (what `gc.collect()` returns). */
  readonly collected: number;
  /** Unreachable objects that could not be freed (`gc.garbage`). */
  readonly uncollectable: number;
  /** False when an incremental collection stopped before the end of its cycle. Default true. */
  readonly complete?: boolean;
}

/**
 * The heap as a collector sees it. `Heap` implements it; a strategy receives
 * it in {@link StrategyFactory.create} and keeps it for its whole life.
 *
 * @example
 * ```ts
 * import { type CollectorHeap, createRuntime, type Strategy, type StrategyFactory } from '@pymm/core';
 * let seen: CollectorHeap | null = null;
 * const watcher: StrategyFactory = {
 *   name: 'watcher',
 *   requirements: { referenceCounting: true, writeBarrier: false },
 *   guarantees: { reclaimsCycles: false, prompt: true },
 *   create(heap): Strategy {
 *     seen = heap;
 *     return {
 *       name: 'watcher', allocating() {}, released() {}, track() {}, untrack() {},
 *       collect: () => 0, stats: () => ({ collections: [0], collected: [0], uncollectable: [0] }),
 *     };
 *   },
 * };
 * const py = createRuntime({ strategy: watcher });
 * py.locals.xs = py.list();
 * seen === py.heap; // true
 * ```
 */
export interface CollectorHeap {
  // --- The objects -----------------------------------------------------------------------------

  /**
   * Every object's state as typed arrays indexed by slot: `type`, `flags`,
   * `refcount`, `sizeof`, `scalar` (a weak reference's referent), and the
   * reference cells (`refStart`, `refLen`, `refs.cells`). Walk references
   * with `forEachReference` rather than by hand.
   */
  readonly store: ObjectStore;
  /** Object sizes for the modelled CPython version. */
  readonly sizes: SizeModel;
  /** Bytes in live objects (what `tracemalloc` would count as the program's). */
  readonly liveBytes: number;
  /** The allocator model objects' memory comes from: what the process holds is `allocator.stats().heldBytes`. */
  readonly allocator: Allocator;
  /** Operation counter: the runtime advances it once per top-level operation. */
  readonly operation: number;
  /** The event stream: a collector emits nothing itself except through {@link CollectorHeap.collection}. */
  readonly events: EventBus;
  /** Files currently open. */
  readonly openFileCount: number;
  /** A short description of an object for messages, e.g. `list at slot 12`. */
  describe(slot: number): string;
  /** The Python type name of an object (`list`, `Node`, ...). */
  typeNameOf(slot: number): string;

  // --- Roots -----------------------------------------------------------------------------------

  /** Visits every reference a root holds (frames' locals, globals, temporaries). */
  forEachRoot(visit: (slot: number) => void): void;

  // --- Reference counts (kept only when the strategy requires them) ----------------------------

  /** `Py_INCREF`. */
  incref(slot: number): void;
  /** `Py_DECREF`: frees the object when its count reaches zero. */
  decref(slot: number): void;

  // --- Reclaiming an object, in the order a collection does it ---------------------------------

  /** Whether the object has a finalizer (PEP 442) that has not run yet. */
  needsFinalizing(slot: number): boolean;
  /** Runs the object's finalizer once (`__del__`, a generator's close, closing a file); it may resurrect. */
  finalize(slot: number): void;
  /** `tp_clear`: drops the object's references (each one decref'd when counting). */
  clearReferences(slot: number): void;
  /**
   * Frees an object whose references the collector has already dealt with
   * (for strategies that keep no reference counts): closes it if it is a
   * resource, clears weak references to it without callbacks, releases its memory.
   */
  destroy(slot: number): void;

  // --- Weak references ----------------------------------------------------------------------------

  /** Weak references to an object, in CPython's list order. */
  weakrefsTo(slot: number): readonly number[];
  /** Clears one weak reference (its referent becomes `None`) without calling its callback. */
  clearWeakref(slot: number): void;
  /** Whether a weak reference has a callback that has not run. */
  weakrefHasCallback(slot: number): boolean;
  /** Calls a cleared weak reference's callback once. */
  callWeakrefCallback(slot: number): void;

  // --- CPython's collector's helpers --------------------------------------------------------------

  /** `_PyTuple_MaybeUntrack`: untracks a tuple that can never be part of a cycle; returns whether it did. */
  maybeUntrackTuple(slot: number): boolean;
  /** `_PyDict_MaybeUntrack`: the same for dicts. */
  maybeUntrackDict(slot: number): boolean;
  /** Empties the free lists, as a full collection does (`clear_freelists`). */
  clearFreeLists(): void;

  // --- Objects a gc module creates for the program (gc.garbage, callback info) --------------------

  /** A new empty list (a slot). */
  newList(capacity?: number): number;
  /** A new tuple of the given items (slots). */
  newTuple(items: ArrayLike<number>): number;
  /** A new str. */
  newStr(text: string, intern?: boolean): number;
  /** A new empty dict. */
  newDict(): number;

  // --- The collection bracket -----------------------------------------------------------------------

  /**
   * Runs one collection: emits `collection-start`, runs `body`, and emits
   * `collection-stop` with the counts `body` returns and the time it took.
   * Objects freed inside are attributed to the collector. If `body` throws,
   * the bracket is still closed (with what `partial` says, or zeros) and the
   * error propagates.
   */
  collection(
    generation: number,
    reason: CollectionReason,
    body: () => CollectionCounts,
    partial?: () => CollectionCounts,
  ): CollectionCounts;
}
