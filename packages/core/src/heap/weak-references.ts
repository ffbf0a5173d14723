/**
 * Weak references (`Objects/weakrefobject.c`): each referent's list of weak
 * references in CPython's order (the shared plain reference first, then those
 * with callbacks, newest first), clearing them, and calling their callbacks.
 *
 * @module
 */

import { TypeId } from '../objects/type-id.js';
import type { ClassRegistry } from './class-registry.js';
import type { HeapCore } from './heap-core.js';
import type { ObjectFactory } from './object-factory.js';
import { type Handle, NO_ADDRESS, ObjectFlag } from './object-store.js';

const EMPTY: readonly number[] = [];

/** The weak references of a heap: a weak reference's referent is in its `scalar` column (-1 once cleared). */
export class WeakReferences {
  /** Each weakly referenced object's weak references, in CPython's list order. */
  private readonly lists = new Map<number, number[]>();
  /** Callbacks of weak references whose callback has not run. */
  private readonly callbacks = new Map<number, (ref: Handle) => void>();

  constructor(
    private readonly heap: HeapCore,
    private readonly factory: ObjectFactory,
    private readonly classes: ClassRegistry,
  ) {}

  /**
   * A weak reference to `referent` (`PyWeakref_NewRef`). Without a callback an
   * existing plain weak reference is returned (CPython shares them). References
   * with callbacks are kept newest first, so callbacks run newest first.
   *
   * The new object's memory is obtained before the referent's list is looked
   * up: the allocation may run a collection that clears weak references and
   * drops an emptied list, so the list is read (or created) only afterwards,
   * as `PyWeakref_NewRef` re-reads the list after `new_weakref`.
   *
   * A nonzero `proxyClass` makes a proxy (`PyWeakref_NewProxy`): a weak
   * reference whose `klass` column holds the proxy's class. A plain proxy is
   * shared too, and kept right after the plain reference (`get_basic_refs`).
   */
  newWeakref(referent: number, callback?: (ref: Handle) => void, proxyClass = 0): number {
    const heap = this.heap;
    const store = heap.store;
    const type = store.type[referent];
    const weakrefable =
      ((type === TypeId.Instance ||
        type === TypeId.SlotsInstance ||
        type === TypeId.Native ||
        type === TypeId.NativeAtom) &&
        this.classes.at(store.klass[referent])!.weakrefable) ||
      type === TypeId.Function ||
      type === TypeId.Generator ||
      type === TypeId.Set ||
      type === TypeId.FrozenSet ||
      type === TypeId.File;
    if (!weakrefable)
      throw new TypeError(`cannot create weak reference to '${heap.typeNameOf(referent)}' object`);
    if (!callback) {
      const shared = proxyClass === 0 ? this.basicRef(referent) : this.basicProxy(referent);
      if (shared >= 0) return shared;
    }
    const slot = this.factory.createObject(TypeId.WeakRef, heap.sizes.weakrefBytes(), NO_ADDRESS);
    store.scalar[slot] = referent;
    store.klass[slot] = proxyClass;
    // Only now, after any collection the allocation ran: the referent's list as it is.
    let list = this.lists.get(referent);
    if (list === undefined) {
      list = [];
      this.lists.set(referent, list);
    }
    store.flags[referent] |= ObjectFlag.WeaklyReferenced;
    const basics = (this.basicRef(referent) >= 0 ? 1 : 0) + (this.basicProxy(referent) >= 0 ? 1 : 0);
    if (callback) {
      this.callbacks.set(slot, callback);
      list.splice(basics, 0, slot);
    } else if (proxyClass !== 0) {
      list.splice(this.basicRef(referent) >= 0 ? 1 : 0, 0, slot);
    } else {
      list.unshift(slot);
    }
    heap.track(slot);
    return slot;
  }

  /** The referent's plain (shareable) weak reference: the head of its list when it has no callback; else -1. */
  private basicRef(referent: number): number {
    const list = this.lists.get(referent);
    if (list === undefined || list.length === 0 || this.callbacks.has(list[0])) return -1;
    return this.heap.store.klass[list[0]] === 0 ? list[0] : -1;
  }

  /** The referent's plain proxy: right after its plain reference (or the head) when it has no callback; else -1. */
  private basicProxy(referent: number): number {
    const list = this.lists.get(referent);
    if (list === undefined) return -1;
    const at = this.basicRef(referent) >= 0 ? 1 : 0;
    if (at >= list.length || this.callbacks.has(list[at])) return -1;
    return this.heap.store.klass[list[at]] !== 0 ? list[at] : -1;
  }

  /** The referent of a weak reference, or `None`'s slot once it was cleared. */
  target(slot: number): number {
    const target = this.heap.store.scalar[slot];
    return target < 0 ? this.heap.none : target;
  }

  /** Weak references to an object, in CPython's list order. */
  to(slot: number): readonly number[] {
    return this.lists.get(slot) ?? EMPTY;
  }

  /** Whether a weak reference has a callback that has not run. */
  hasCallback(slot: number): boolean {
    return this.callbacks.has(slot);
  }

  /** Clears one weak reference (its referent becomes `None`) without calling its callback. */
  clear(slot: number): void {
    const store = this.heap.store;
    const referent = store.scalar[slot];
    if (referent < 0) return;
    store.scalar[slot] = -1;
    const list = this.lists.get(referent);
    if (list) {
      const i = list.indexOf(slot);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.lists.delete(referent);
    }
  }

  /** Clears a dying weak reference itself and drops its callback, which will never run. */
  clearDying(slot: number): void {
    this.clear(slot);
    this.callbacks.delete(slot);
  }

  /** Clears every weak reference to an object without calling any callback. */
  clearAllTo(referent: number): void {
    const list = this.lists.get(referent);
    if (list) for (const wr of list.slice()) this.clear(wr);
  }

  /** Calls a cleared weak reference's callback once (with the weak reference). */
  callCallback(slot: number): void {
    const callback = this.callbacks.get(slot);
    if (!callback) return;
    this.callbacks.delete(slot);
    const heap = this.heap;
    if (heap.events.wants('weakref-callback')) {
      heap.events.emit({
        kind: 'weakref-callback',
        weakref: heap.store.handleOf(slot),
        operation: heap.operation,
      });
    }
    try {
      callback(heap.store.handleOf(slot));
    } catch (error) {
      heap.reportUnraisable('weak reference callback', error, 'weakref-callback');
    }
  }

  /**
   * Clears every weak reference to a dying object and calls their callbacks
   * (`PyObject_ClearWeakRefs`): all are cleared first, then callbacks run in
   * list order. Weak references that are themselves dying get no callback.
   */
  clearAndCallBack(referent: number): void {
    const list = this.lists.get(referent);
    if (!list) return;
    const heap = this.heap;
    const refs = list.slice();
    for (const wr of refs) this.clear(wr);
    for (const wr of refs) {
      if (!this.callbacks.has(wr)) continue;
      if (heap.refcounting && heap.store.refcount[wr] === 0) {
        this.callbacks.delete(wr);
        continue;
      }
      heap.incref(wr);
      this.callCallback(wr);
      heap.decref(wr);
    }
  }

  /** Forgets a freed object's list. */
  forget(referent: number): void {
    this.lists.delete(referent);
  }
}
