/**
 * Weak-reference processing, run once marking has finished and before any
 * finalizer runs (CPython's `handle_weakrefs`):
 *
 * 1. every weak reference whose referent is unmarked (unreachable) is
 *    cleared, all of them before any callback runs, so no callback can reach
 *    an unreachable object through a weak reference;
 * 2. weak references that are themselves unreachable are cleared too, even
 *    when their referent lives (as CPython's `handle_weakrefs` does): they get
 *    no callback, and the heap, which hands out an existing plain weak
 *    reference to `weakref.ref(x)`, can no longer give the program one that
 *    is about to be swept;
 * 3. then the callbacks of the cleared weak references that are themselves
 *    reachable are called, referent by referent in the order of the
 *    referent's weak-reference list (CPython's order).
 *
 * Weak references are found through a registry filled at allocation, so this
 * costs one unit per weak reference, not a scan of the heap. The clearing and
 * the callbacks are core's {@link WeakrefClearing} (all cleared first, then
 * the callbacks), fed with the dying referents and weak references the
 * registry finds.
 *
 * @module
 */

import { type CollectorHeap, PHASE_CALLED_BACK, TypeId } from '@pymm/core';
import { WeakrefClearing } from '@pymm/core/gc';
import { MARKED, WEAKREFS_HANDLED } from './mark-bits.js';
import { ObjectRegistry } from './object-registry.js';
import { SlotList } from './slot-list.js';

/** What one round of weak-reference processing did. */
export interface WeakrefOutcome {
  /** Weak references examined (work units). */
  readonly examined: number;
  /** Weak references cleared because their referent was unreachable. */
  readonly cleared: number;
  /** Callbacks called. */
  readonly callbacks: number;
  /**
   * When asked for (`process(true)`): the weak references cleared, as handles,
   * and for each {@link PHASE_CALLED_BACK} if its callback was called, else 0.
   */
  readonly recorded?: { readonly weakrefs: Int32Array; readonly calledBack: Int32Array };
}

/** Clears weak references to unreachable objects and calls their callbacks. */
export class WeakrefProcessor {
  private readonly registry: ObjectRegistry;
  private readonly referents = new SlotList();
  /**
   * Every weak reference to an unreachable referent, and every unreachable
   * weak reference, found through the registry. Normally each of the first
   * kind is also in its referent's list (`heap.weakrefsTo`), but core's
   * `newWeakref` can attach a new weak reference to a list that a collection
   * inside its own allocation just emptied and dropped, so the registry is the
   * authority on what must be cleared.
   */
  private readonly dying = new SlotList();
  /** Clears first, calls back after; a weak reference that is garbage itself gets no callback. */
  private readonly clearing: WeakrefClearing;

  constructor(private readonly heap: CollectorHeap) {
    this.registry = new ObjectRegistry(heap);
    this.clearing = new WeakrefClearing(heap, (slot) => (heap.store.flags[slot] & MARKED) === 0);
  }

  /** Weak references registered (live or not yet pruned). */
  get registered(): number {
    return this.registry.size;
  }

  /** Registers a new object if it is a weak reference (call from `allocated`). */
  noteAllocated(slot: number): void {
    if (this.heap.store.type[slot] === TypeId.WeakRef) this.registry.add(slot);
  }

  /**
   * Clears every weak reference to an unmarked object and every unmarked weak
   * reference, then calls the callbacks of the cleared ones that are marked.
   * What a callback throws goes to the strategy's `reportUnraisable` (Python
   * ignores it after printing "Exception ignored in"). With `record`, the
   * outcome also names the weak references cleared (for the phase events).
   */
  process(record = false): WeakrefOutcome {
    const store = this.heap.store;
    const referents = this.referents;
    referents.clear();

    // Find the unreachable referents, each once, and the weak references to them; drop dead and
    // cleared weak references from the registry.
    const dying = this.dying;
    dying.clear();
    this.registry.beginPass();
    const examined = this.registry.passStep(Number.POSITIVE_INFINITY, (weakref) => {
      const referent = store.scalar[weakref];
      if (referent < 0) return false;
      const flags = store.flags[referent];
      if ((flags & MARKED) !== 0) {
        if ((store.flags[weakref] & MARKED) !== 0) return true;
        dying.push(weakref); // garbage itself: cleared so that the heap never hands it out again
        return false;
      }
      dying.push(weakref);
      if ((flags & WEAKREFS_HANDLED) === 0) {
        store.flags[referent] = flags | WEAKREFS_HANDLED;
        referents.push(referent);
      }
      return false;
    });

    // Which of them have a callback still to run, to tell afterwards which were called.
    const hadCallback = record ? this.pendingCallbacks() : null;

    // Clear all of them before any callback runs: referent by referent in the referent's list order
    // (CPython's), then any the heap's lists missed (see the note on `dying`).
    const clearing = this.clearing;
    for (let i = 0; i < referents.length; i++) {
      const referent = referents.at(i);
      store.flags[referent] &= ~WEAKREFS_HANDLED;
      clearing.referentDies(referent);
    }
    for (let i = 0; i < dying.length; i++) clearing.weakrefDies(dying.at(i));

    // Then call the callbacks of the weak references that survive.
    const round = clearing.callCallbacks();
    const outcome = { examined, cleared: round.cleared, callbacks: round.callbacks };
    return hadCallback === null ? outcome : { ...outcome, recorded: this.recordRound(hadCallback) };
  }

  /** Whether each dying weak reference has a callback that has not run yet. */
  private pendingCallbacks(): Uint8Array {
    const dying = this.dying;
    const pending = new Uint8Array(dying.length);
    for (let i = 0; i < dying.length; i++) pending[i] = this.heap.weakrefHasCallback(dying.at(i)) ? 1 : 0;
    return pending;
  }

  /**
   * The dying weak references as handles, and which were called back: those
   * whose callback was pending before and is not now. Nothing is freed while
   * a mark-sweep cycle processes weak references, so the slots still hold them.
   */
  private recordRound(hadCallback: Uint8Array): { weakrefs: Int32Array; calledBack: Int32Array } {
    const dying = this.dying;
    const weakrefs = new Int32Array(dying.length);
    const calledBack = new Int32Array(dying.length);
    for (let i = 0; i < dying.length; i++) {
      const slot = dying.at(i);
      weakrefs[i] = this.heap.store.handleOf(slot);
      if (hadCallback[i] === 1 && !this.heap.weakrefHasCallback(slot)) calledBack[i] = PHASE_CALLED_BACK;
    }
    return { weakrefs, calledBack };
  }
}
