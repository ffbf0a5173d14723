/**
 * Deallocation, in CPython's order (`_Py_Dealloc` and each type's
 * `tp_dealloc`): untrack; the trashcan; the finalizer, which may resurrect;
 * weak references cleared and their callbacks called; the references the
 * object held released (last to first for lists and tuples); its memory
 * freed, to a free list or the allocator. Iterative over an explicit
 * {@link TrashcanStack}: a million-long chain needs no JavaScript stack.
 *
 * @module
 */

import { isGcType, releasesItemsBackwards, TypeId } from '../objects/type-id.js';
import type { CollectionBracket } from './collection-bracket.js';
import type { Finalization } from './finalization.js';
import { pushFreeList } from './free-list-memory.js';
import type { HeapCore } from './heap-core.js';
import type { ObjectFactory } from './object-factory.js';
import { NO_ADDRESS, NULL_REF, ObjectFlag } from './object-store.js';
import type { Resources } from './resources.js';
import { PHASE_BEGIN, PHASE_CHAIN, PHASE_FINISH, PHASE_RELEASE, type TrashcanStack } from './trashcan.js';
import type { WeakReferences } from './weak-references.js';

/** The heap's deallocator. */
export class Deallocator {
  constructor(
    private readonly heap: HeapCore,
    private readonly stack: TrashcanStack,
    private readonly factory: ObjectFactory,
    private readonly weakrefs: WeakReferences,
    private readonly finalization: Finalization,
    private readonly resources: Resources,
    private readonly collections: CollectionBracket,
  ) {}

  /**
   * Destroys an object whose references a collector has already dealt with:
   * closes it if it is a resource, clears weak references to it (no callbacks),
   * and releases its memory, without touching what it referenced. For tracing
   * strategies that keep no reference counts.
   */
  destroy(slot: number): void {
    const heap = this.heap;
    heap.untrack(slot);
    if ((heap.store.flags[slot] & ObjectFlag.Open) !== 0) this.resources.closeFile(slot, 'dealloc');
    this.weakrefs.clearAllTo(slot);
    if (heap.store.type[slot] === TypeId.WeakRef) this.weakrefs.clearDying(slot);
    this.releaseMemory(slot);
  }

  /**
   * Deallocates an object whose reference count reached zero, and, frame by
   * frame, every object whose count drops to zero as a result. Deeper than the
   * trashcan allows, an object is deposited (`Py_TRASHCAN_BEGIN`) and
   * destroyed once the outer deallocations have unwound.
   */
  deallocate(slot: number): void {
    const heap = this.heap;
    const store = heap.store;
    const stack = this.stack;
    const base = stack.top;
    stack.push(slot, PHASE_BEGIN);
    while (stack.top > base) {
      const top = stack.top - 1;
      const current = stack.slot[top];
      switch (stack.phase[top]) {
        case PHASE_BEGIN: {
          const type = store.type[current];
          if (type !== TypeId.File) heap.untrack(current);
          if (usesTrashcan(type) && !stack.begin(top)) break;
          if (this.finalization.needsFinalizing(current)) {
            const gc = isGcType(type);
            if (gc && type !== TypeId.File) heap.track(current);
            store.refcount[current] = 1;
            this.finalization.callFinalizer(current);
            if (gc) store.flags[current] |= ObjectFlag.Finalized;
            store.refcount[current]--;
            this.finalization.emitFinalized(current, store.refcount[current] > 0);
            if (store.refcount[current] > 0) {
              stack.end(top); // resurrected
              break;
            }
            heap.untrack(current);
          } else if (type === TypeId.File) {
            heap.untrack(current);
          }
          if ((store.flags[current] & ObjectFlag.WeaklyReferenced) !== 0)
            this.weakrefs.clearAndCallBack(current);
          if (type === TypeId.WeakRef) this.weakrefs.clearDying(current);
          stack.phase[top] = PHASE_RELEASE;
          stack.position[top] = releasesItemsBackwards(type)
            ? store.refLen[current] - 1
            : (store.flags[current] & ObjectFlag.HoldsType) !== 0
              ? 1
              : 0;
          break;
        }
        case PHASE_RELEASE: {
          const child = this.nextDyingChild(top, current);
          if (child === NULL_REF) stack.phase[top] = PHASE_FINISH;
          else stack.push(child, PHASE_BEGIN);
          break;
        }
        case PHASE_FINISH: {
          this.releaseMemory(current);
          stack.end(top);
          break;
        }
        case PHASE_CHAIN: {
          const deposited = stack.nextDeposited();
          if (deposited !== -1) stack.push(deposited, PHASE_BEGIN);
          break;
        }
      }
    }
  }

  /** Finds the next referenced object of a dying object whose count drops to zero; releases the rest. */
  private nextDyingChild(top: number, current: number): number {
    const heap = this.heap;
    const store = heap.store;
    const stack = this.stack;
    const start = store.refStart[current];
    const backwards = releasesItemsBackwards(store.type[current]);
    // An instance releases its heap type last (subtype_dealloc's final Py_DECREF(type)): cell 0
    // is visited at position `len`, after the others.
    const typeLast = (store.flags[current] & ObjectFlag.HoldsType) !== 0;
    let pos = stack.position[top];
    const len = store.refLen[current];
    while (backwards ? pos >= 0 : typeLast ? pos <= len : pos < len) {
      const target = store.refs.cells[start + (typeLast && pos === len ? 0 : pos)];
      pos += backwards ? -1 : 1;
      if (target === NULL_REF || (store.flags[target] & ObjectFlag.Static) !== 0) continue;
      heap.refcountUpdates++;
      const rc = --store.refcount[target];
      if (rc === 0) {
        stack.position[top] = pos;
        return target;
      }
      if (rc < 0)
        throw new Error(`internal error: reference count of ${heap.describe(target)} fell below zero`);
    }
    stack.position[top] = pos;
    return NULL_REF;
  }

  /** Frees an object's memory (free list or allocator), tells the strategy, emits `free`, frees the slot. */
  releaseMemory(slot: number): void {
    const heap = this.heap;
    const store = heap.store;
    const sizes = heap.sizes;
    const type = store.type[slot] as TypeId;
    const bytes = store.sizeof[slot];
    const extra = store.extraAddress[slot];
    if (extra !== NO_ADDRESS) heap.allocator.free(extra);
    let objectBytes = bytes;
    if (type === TypeId.List) objectBytes = sizes.listObjectBytes();
    else if (type === TypeId.ListSubclass) objectBytes = bytes - sizes.listItemsBytes(store.aux[slot]);
    else if (type === TypeId.Dict) objectBytes = sizes.dictObjectBytes();
    const length = type === TypeId.Tuple ? store.refLen[slot] : 0;
    const kept = pushFreeList(heap, type, store.address[slot], length);
    if (!kept) heap.allocator.free(store.address[slot]);
    heap.strategy.released(type, objectBytes, !kept, slot);
    heap.liveBytes -= bytes;
    if (heap.events.wants('free')) {
      heap.events.emit({
        kind: 'free',
        handle: store.handleOf(slot),
        type: heap.typeNameOf(slot),
        bytes,
        toFreeList: kept,
        operation: heap.operation,
        by: this.collections.depth > 0 ? 'collector' : 'refcount',
      });
    }
    const flags = store.flags[slot];
    if ((flags & ObjectFlag.Interned) !== 0) this.factory.forgetInterned(store.text.get(slot)!);
    this.resources.forget(slot, type);
    if ((flags & ObjectFlag.WeaklyReferenced) !== 0) this.weakrefs.forget(slot);
    if ((flags & ObjectFlag.ReleaseHook) !== 0) this.resources.runReleaseHook(slot);
    if (type === TypeId.Dict || type === TypeId.Set || type === TypeId.FrozenSet)
      heap.keyIndexes.delete(slot);
    heap.customKeyTokens.delete(slot);
    store.freeSlot(slot);
  }
}

/** Types whose deallocator uses CPython's trashcan (`Py_TRASHCAN_BEGIN`). */
function usesTrashcan(type: number): boolean {
  return (
    type === TypeId.List ||
    type === TypeId.Tuple ||
    type === TypeId.Dict ||
    type === TypeId.Set ||
    type === TypeId.FrozenSet ||
    type === TypeId.Instance ||
    type === TypeId.SlotsInstance ||
    type === TypeId.ListSubclass
  );
}
