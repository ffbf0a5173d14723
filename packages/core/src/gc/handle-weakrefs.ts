/**
 * `handle_weakrefs`, the part every collector shares: when objects die in a
 * collection, every weak reference to them is cleared *before* any callback
 * runs, so that no callback can reach a dying object through a weak
 * reference; then the callbacks run, referent by referent in each referent's
 * list order (CPython's). A weak reference that is itself dying is cleared
 * too and never called back.
 *
 * @module
 */

import { TypeId } from '../objects/type-id.js';
import type { CollectorHeap } from '../strategy/collector-heap.js';

/**
 * What one round of weak-reference handling did.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { WeakrefClearing, type WeakrefRound } from '@pymm/core/gc';
 * const py = createRuntime();
 * const round: WeakrefRound = new WeakrefClearing(py.heap, () => false).callCallbacks();
 * round; // { cleared: 0, callbacks: 0, freedByCallbacks: 0 }
 * ```
 */
export interface WeakrefRound {
  /** Weak references cleared. */
  readonly cleared: number;
  /** Callbacks called. */
  readonly callbacks: number;
  /** Weak references whose callback freed them (they died when the collector let go of them). */
  readonly freedByCallbacks: number;
}

/**
 * One round of weak-reference handling for one collection. Tell it each dying
 * referent ({@link WeakrefClearing.referentDies}) and each dying weak
 * reference ({@link WeakrefClearing.weakrefDies}), in the order the collector
 * finds them; then {@link WeakrefClearing.callCallbacks}.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { slotOfHandle, WeakrefClearing } from '@pymm/core/gc';
 * const py = createRuntime();
 * const Node = py.class('Node');
 * py.locals.node = Node.new();
 * const calls: string[] = [];
 * py.locals.ref = py.weakref(py.locals.node, () => calls.push('callback'));
 * const node = slotOfHandle(py.locals.node);
 * const round = new WeakrefClearing(py.heap, (slot) => slot === node);
 * round.referentDies(node);
 * calls;                 // []: cleared first, no callback yet
 * round.callCallbacks(); // { cleared: 1, callbacks: 1, freedByCallbacks: 0 }
 * calls;                 // ['callback']
 * ```
 */
export class WeakrefClearing {
  private readonly pending: number[] = [];
  private cleared = 0;

  /**
   * @param heap - the collector's heap.
   * @param isDying - whether an object (a slot) dies in this collection; a
   *   dying weak reference is cleared without its callback.
   */
  constructor(
    private readonly heap: CollectorHeap,
    private readonly isDying: (slot: number) => boolean,
  ) {}

  /**
   * A referent dies: clears every weak reference to it now, in its list
   * order, and queues the callbacks of those that survive. A dying weak
   * reference passed here is cleared as well (see {@link WeakrefClearing.weakrefDies}).
   */
  referentDies(slot: number): void {
    const heap = this.heap;
    if (heap.store.type[slot] === TypeId.WeakRef) this.weakrefDies(slot);
    const refs = heap.weakrefsTo(slot);
    if (refs.length === 0) return;
    for (const weakref of refs.slice()) {
      heap.clearWeakref(weakref);
      this.cleared++;
      if (heap.weakrefHasCallback(weakref) && !this.isDying(weakref)) {
        heap.incref(weakref); // held while queued, as CPython's wrcb_to_call list holds it
        this.pending.push(weakref);
      }
    }
  }

  /** A weak reference dies: cleared (its referent becomes None), never called back. */
  weakrefDies(slot: number): void {
    if (this.heap.store.scalar[slot] < 0) return;
    this.heap.clearWeakref(slot);
    this.cleared++;
  }

  /** Calls the queued callbacks in the order they were queued, then forgets them. */
  callCallbacks(): WeakrefRound {
    const heap = this.heap;
    const store = heap.store;
    let freedByCallbacks = 0;
    const pending = this.pending;
    for (let i = 0; i < pending.length; i++) {
      const weakref = pending[i];
      const handle = store.handleOf(weakref);
      heap.callWeakrefCallback(weakref);
      heap.decref(weakref);
      if (!store.isAlive(handle)) freedByCallbacks++;
    }
    const round = { cleared: this.cleared, callbacks: pending.length, freedByCallbacks };
    pending.length = 0;
    this.cleared = 0;
    return round;
  }
}
