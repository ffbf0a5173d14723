/**
 * Finalization (PEP 442): an object's finalizer (`__del__`, a generator's
 * close, a file's close) runs at most once, marked by the FINALIZED flag, and
 * may resurrect its object.
 *
 * @module
 */

import { TypeId } from '../objects/type-id.js';
import type { ClassRegistry } from './class-registry.js';
import type { HeapCore } from './heap-core.js';
import { ObjectFlag } from './object-store.js';
import type { Resources } from './resources.js';

/** Runs finalizers for the deallocator and for collectors (`finalize_garbage`). */
export class Finalization {
  constructor(
    private readonly heap: HeapCore,
    private readonly classes: ClassRegistry,
    private readonly resources: Resources,
  ) {}

  /** Whether an object has a finalizer that has not run yet (PEP 442). */
  needsFinalizing(slot: number): boolean {
    const flags = this.heap.store.flags[slot];
    return (flags & ObjectFlag.HasFinalizer) !== 0 && (flags & ObjectFlag.Finalized) === 0;
  }

  /**
   * Runs an object's finalizer once (a collector's `finalize_garbage`): sets the
   * FINALIZED bit first, holds a reference while the finalizer runs.
   */
  finalize(slot: number): void {
    if (!this.needsFinalizing(slot)) return;
    const heap = this.heap;
    heap.store.flags[slot] |= ObjectFlag.Finalized;
    const before = heap.store.refcount[slot];
    heap.incref(slot);
    this.callFinalizer(slot);
    // Resurrected: the finalizer stored a new reference to its object somewhere.
    this.emitFinalized(slot, heap.refcounting && heap.store.refcount[slot] > before + 1);
    heap.decref(slot);
  }

  /** Emits the `finalizer` event (not for files, whose closing has its own event). */
  emitFinalized(slot: number, resurrected: boolean): void {
    const heap = this.heap;
    if (!heap.events.wants('finalizer') || heap.store.type[slot] === TypeId.File) return;
    heap.events.emit({
      kind: 'finalizer',
      handle: heap.store.handleOf(slot),
      type: heap.typeNameOf(slot),
      resurrected,
      operation: heap.operation,
    });
  }

  /**
   * Calls the finalizer itself (`tp_finalize`): closes a file, closes a
   * generator, or calls a class's `__del__`. An error it raises is reported
   * as unraisable, never thrown.
   */
  callFinalizer(slot: number): void {
    const heap = this.heap;
    const store = heap.store;
    const type = store.type[slot];
    if (type === TypeId.File) {
      this.resources.closeFile(slot, 'dealloc');
      return;
    }
    try {
      if (type === TypeId.Generator) {
        this.resources.closeGenerator(slot);
      } else {
        const klass = this.classes.at(store.klass[slot]);
        klass?.finalizer?.(store.handleOf(slot));
      }
    } catch (error) {
      heap.reportUnraisable(`${heap.typeNameOf(slot)}.__del__`, error);
    }
  }
}
