/**
 * Finalization: what happens to unreachable objects that have a finalizer
 * (`__del__`, a generator's `finally` blocks, a file's close), after marking
 * and after weak references were cleared (PEP 442 semantics):
 *
 * 1. *Discovery*: the unreachable objects whose finalizer has not run are
 *    found through a registry filled when such objects are created (core's
 *    `finalizerRegistered` hook; no heap scan), and shaded (files aside: see {@link FinalizationQueue.discover}), so that
 * 2. *marking from them* keeps them and everything they reach alive through
 *    this cycle: a finalizer must find its object and its referents intact;
 * 3. *running* their finalizers, each at most once in the object's life
 *    (`heap.finalize` sets the FINALIZED bit).
 *
 * A finalizer may resurrect its object (store it somewhere reachable). Nothing
 * extra is needed for that: the object stays marked through this cycle, and
 * the next cycle frees it only if it is unreachable then; its finalizer never
 * runs again.
 *
 * @module
 */

import { type CollectorHeap, TypeId } from '@pymm/core';
import { MARKED } from './mark-bits.js';
import { ObjectRegistry } from './object-registry.js';
import { SlotList } from './slot-list.js';
import type { Tracer } from './tracer.js';

/** Finds unreachable objects with pending finalizers and runs the finalizers. */
export class FinalizationQueue {
  private readonly registry: ObjectRegistry;
  /** Unreachable objects found by the current discovery, in registration (creation) order. */
  private readonly pending = new SlotList();
  private nextToRun = 0;
  /** Finalizers run, over the queue's lifetime (files excluded). */
  finalizersRun = 0;
  /** Unreachable files finalized (closed if still open), over the queue's lifetime. */
  filesClosed = 0;

  constructor(private readonly heap: CollectorHeap) {
    this.registry = new ObjectRegistry(heap);
  }

  /** Objects registered (live or not yet pruned). */
  get registered(): number {
    return this.registry.size;
  }

  /** Registers a new object that has a finalizer (call from `finalizerRegistered`, once per object). */
  register(slot: number): void {
    this.registry.add(slot);
  }

  /** Starts a discovery (after weak references were processed). */
  beginDiscovery(): void {
    this.pending.clear();
    this.nextToRun = 0;
    this.registry.beginPass();
  }

  /** Whether the discovery has visited the whole registry. */
  get discoveryDone(): boolean {
    return this.registry.passDone;
  }

  /** Objects found unreachable with a pending finalizer by the current discovery. */
  get found(): number {
    return this.pending.length;
  }

  /**
   * Visits up to `budget` registry entries: each unmarked object whose
   * finalizer has not run is queued (in registration order, which is creation
   * order, like CPython's list of unreachable objects) and shaded, so that the
   * tracer marks what it reaches. Objects already finalized leave the
   * registry for good.
   *
   * Files are queued but not shaded: a file's finalizer is core's `close()`,
   * which runs no program code and so cannot resurrect anything, and a file
   * holds no references. An unreachable file is therefore closed in its turn
   * and freed by this cycle's sweep, unless another pending finalizer can
   * reach it (then it is kept with that object, closed).
   * Returns the entries visited (work units).
   */
  discover(budget: number, tracer: Tracer): number {
    const heap = this.heap;
    const store = heap.store;
    return this.registry.passStep(budget, (slot) => {
      if (!heap.needsFinalizing(slot)) return false;
      if ((store.flags[slot] & MARKED) !== 0) return true;
      this.pending.push(slot);
      if (store.type[slot] !== TypeId.File) tracer.shade(slot);
      return true;
    });
  }

  /** The handles of the queued objects from the `from`-th to the next to run (for the phase events). */
  queuedHandles(from: number): Int32Array {
    const handles = new Int32Array(Math.max(0, this.nextToRun - from));
    for (let i = 0; i < handles.length; i++) handles[i] = this.heap.store.handleOf(this.pending.at(from + i));
    return handles;
  }

  /** How many queued finalizers have run (the index of the next to run). */
  get position(): number {
    return this.nextToRun;
  }

  /** Whether every queued finalizer has run. */
  get runDone(): boolean {
    return this.nextToRun >= this.pending.length;
  }

  /**
   * Runs up to `budget` queued finalizers (one unit each); returns how many ran.
   * `onError` receives what a finalizer throws (Python ignores it after
   * printing "Exception ignored in").
   */
  run(budget: number, onError: (error: unknown) => void): number {
    let ran = 0;
    while (ran < budget && this.nextToRun < this.pending.length) {
      const slot = this.pending.at(this.nextToRun++);
      ran++;
      if (this.heap.store.type[slot] === TypeId.File) this.filesClosed++;
      else this.finalizersRun++;
      try {
        this.heap.finalize(slot);
      } catch (error) {
        onError(error);
      }
    }
    return ran;
  }
}
