/**
 * The phases of one collection as `collection-phase` events (see core's
 * `CollectionPhase` for what each event holds). {@link collectGeneration}
 * creates a {@link PhaseReport} only when a listener wants the events, once
 * per collection, and each phase calls it behind one `report !== null` test:
 * an unobserved collection pays nothing more.
 *
 * @module
 */

import {
  type CollectionPhase,
  type CollectorHeap,
  PHASE_CALLED_BACK,
  PHASE_FREED,
  PHASE_REACHABLE,
  PHASE_SURVIVED,
  PHASE_UNREACHABLE,
} from '@pymm/core';
import type { CollectorState } from './gc-state.js';

/** Reports the phases of one collection of `generation` to the heap's event stream. */
export class PhaseReport {
  /** Weak references cleared by `handle_weakrefs` (handles) and whether each was called back. */
  private readonly weakrefs: number[] = [];
  private readonly calledBack: number[] = [];
  /** Objects whose finalizer `finalize_garbage` ran (handles). */
  private readonly finalized: number[] = [];

  constructor(
    private readonly heap: CollectorHeap,
    private readonly state: CollectorState,
    private readonly generation: number,
  ) {}

  /** The report for this collection, or `null` when nobody listens (asked once per collection). */
  static forCollection(heap: CollectorHeap, state: CollectorState, generation: number): PhaseReport | null {
    return heap.events.wants('collection-phase') ? new PhaseReport(heap, state, generation) : null;
  }

  /** After `update_refs` or `subtract_refs`: each object of `head` with its `gc_refs`. */
  gcRefs(phase: 'update_refs' | 'subtract_refs', head: number): void {
    const slots = this.slotsOf(head);
    const refs = this.state.gcRefs;
    const values = new Int32Array(slots.length);
    for (let i = 0; i < slots.length; i++) values[i] = refs[slots[i]];
    this.emit(phase, this.handles(slots), values);
  }

  /**
   * After `move_unreachable` (or the same analysis in `handle_resurrected_objects`):
   * the objects left in `reachable`, then those in `unreachable`.
   */
  partition(
    phase: 'move_unreachable' | 'handle_resurrected_objects',
    reachable: number,
    unreachable: number,
  ): void {
    const alive = this.slotsOf(reachable);
    const dead = this.slotsOf(unreachable);
    const values = new Int32Array(alive.length + dead.length);
    values.fill(PHASE_REACHABLE, 0, alive.length);
    values.fill(PHASE_UNREACHABLE, alive.length);
    this.emit(phase, this.handles(alive.concat(dead)), values);
  }

  /** During `handle_weakrefs`: a weak reference was cleared (its handle is taken now, while it lives). */
  weakrefCleared(slot: number): void {
    this.weakrefs.push(this.heap.store.handleOf(slot));
    this.calledBack.push(0);
  }

  /** During `handle_weakrefs`: the weak reference cleared last will be called back. */
  weakrefQueued(): void {
    this.calledBack[this.calledBack.length - 1] = PHASE_CALLED_BACK;
  }

  /** After `handle_weakrefs`, which ran the callbacks (a callback may have freed its weak reference). */
  weakrefsHandled(): void {
    this.emit('handle_weakrefs', Int32Array.from(this.weakrefs), Int32Array.from(this.calledBack));
  }

  /** During `finalize_garbage`: the finalizer of `handle`'s object is about to run. */
  finalizing(handle: number): void {
    this.finalized.push(handle);
  }

  /** After `finalize_garbage`. */
  finalizersRan(): void {
    this.emit('finalize_garbage', Int32Array.from(this.finalized), undefined);
  }

  /** Before `delete_garbage`: the handles of the objects about to be cleared. */
  beforeDelete(head: number): Int32Array {
    return this.handles(this.slotsOf(head));
  }

  /** After `delete_garbage`: which of `handles` were freed and which survived their `tp_clear`. */
  deleted(handles: Int32Array): void {
    const store = this.heap.store;
    const values = new Int32Array(handles.length);
    for (let i = 0; i < handles.length; i++)
      values[i] = store.isAlive(handles[i]) ? PHASE_SURVIVED : PHASE_FREED;
    this.emit('delete_garbage', handles, values);
  }

  private slotsOf(head: number): number[] {
    const slots: number[] = [];
    const lists = this.state.lists;
    for (let slot = lists.first(head); slot >= 0; slot = lists.after(slot, head)) slots.push(slot);
    return slots;
  }

  private handles(slots: readonly number[]): Int32Array {
    const store = this.heap.store;
    const handles = new Int32Array(slots.length);
    for (let i = 0; i < slots.length; i++) handles[i] = store.handleOf(slots[i]);
    return handles;
  }

  private emit(phase: CollectionPhase, objects: Int32Array, values: Int32Array | undefined): void {
    const heap = this.heap;
    heap.events.emit({
      kind: 'collection-phase',
      phase,
      generation: this.generation,
      objects,
      values,
      operation: heap.operation,
    });
  }
}
