/**
 * The phases of one mark-sweep cycle as `collection-phase` events (see core's
 * `CollectionPhase` for what each event holds). The strategy creates a
 * {@link PhaseReport} at the start of a cycle only when a listener wants the
 * events, and each phase calls it behind one `report !== null` test: an
 * unobserved cycle pays nothing more, and the tracer's inner loop is never
 * touched.
 *
 * Marking is reported in colour changes. The report remembers the colour it
 * last reported for each slot; after each batch of marking it walks the slots
 * and reports those whose colour changed (a batch that changed nothing is not
 * reported). Batches are sized so that one cycle
 * reports at most {@link MAX_MARK_BATCHES} of them (plus one per incremental
 * step), whatever the size of the heap.
 *
 * @module
 */

import {
  COLOUR_BLACK,
  COLOUR_GREY,
  COLOUR_WHITE,
  type CollectionPhase,
  type CollectorHeap,
  ObjectFlag,
} from '@pymm/core';
import { GREY, MARKED } from './mark-bits.js';
import type { Sweeper } from './sweeper.js';
import type { Tracer } from './tracer.js';

/** Marking batches reported per cycle, at most; after that a step's marking is one batch. */
export const MAX_MARK_BATCHES = 64;
/** Work units per batch of marking: at least this many... */
const MIN_BATCH_UNITS = 8;
/** ...and otherwise the heap's slots divided by this, so a full marking takes a few dozen batches. */
const BATCHES_PER_HEAP = 32;

/** Reports the phases of one mark-sweep cycle to the heap's event stream. */
export class PhaseReport {
  /** The colour last reported for each slot (white for slots never reported). */
  private reported: Uint8Array;
  private batches = 0;
  /** Objects freed outside the sweep (garbage interned strings), reported before the sweep. */
  private readonly released: number[] = [];

  constructor(private readonly heap: CollectorHeap) {
    this.reported = new Uint8Array(heap.store.slotLimit);
  }

  /** The report for a cycle starting now, or `null` when nobody listens (asked once per cycle). */
  static forCycle(heap: CollectorHeap): PhaseReport | null {
    return heap.events.wants('collection-phase') ? new PhaseReport(heap) : null;
  }

  /** Scans the roots with `tracer` and reports the objects they shaded (`mark_roots`). */
  scanRoots(tracer: Tracer): number {
    const stack = tracer.stack;
    const before = stack.top;
    const work = tracer.scanRoots();
    const store = this.heap.store;
    const shaded = stack.items.subarray(before, stack.top);
    const objects = new Int32Array(shaded.length);
    for (let i = 0; i < shaded.length; i++) {
      objects[i] = store.handleOf(shaded[i]);
      this.note(shaded[i], COLOUR_GREY);
    }
    this.emit('mark_roots', objects, new Int32Array(objects.length).fill(COLOUR_GREY));
    return work;
  }

  /**
   * Drains up to `room` units of grey objects with `tracer`, in batches, and
   * reports the colour changes after each (`mark`). Returns the units spent.
   */
  drain(tracer: Tracer, room: number): number {
    let work = 0;
    while (work < room) {
      const batch =
        this.batches < MAX_MARK_BATCHES
          ? Math.max(MIN_BATCH_UNITS, Math.ceil(this.heap.store.slotLimit / BATCHES_PER_HEAP))
          : Number.POSITIVE_INFINITY;
      const spent = tracer.drain(Math.min(batch, room - work));
      work += spent;
      this.batches++;
      this.reportColourChanges('mark');
      if (tracer.isEmpty || spent === 0) break;
    }
    return work;
  }

  /** Marking ended: every live object, black (reachable) or white (garbage) (`mark_termination`). */
  markingTerminated(): void {
    const store = this.heap.store;
    const flags = store.flags;
    const objects: number[] = [];
    const values: number[] = [];
    for (let slot = 0; slot < store.slotLimit; slot++) {
      const f = flags[slot];
      if ((f & ObjectFlag.Alive) === 0 || (f & ObjectFlag.Static) !== 0) continue;
      const colour = colourOf(f);
      objects.push(store.handleOf(slot));
      values.push(colour);
      this.note(slot, colour);
    }
    this.emit('mark_termination', Int32Array.from(objects), Int32Array.from(values));
  }

  /** Weak references cleared, and whether each was called back (`handle_weakrefs`). */
  weakrefsHandled(weakrefs: Int32Array, calledBack: Int32Array): void {
    this.emit('handle_weakrefs', weakrefs, calledBack);
  }

  /** Finalizers ran for these objects (`finalize_garbage`). */
  finalized(objects: Int32Array): void {
    this.emit('finalize_garbage', objects, undefined);
  }

  /** A garbage interned string is about to be freed, before the sweep (reported with the sweep). */
  releasing(slot: number): void {
    this.released.push(this.heap.store.handleOf(slot));
  }

  /**
   * Sweeps up to `room` slots with `sweeper` and reports the objects freed
   * (`sweep`), with the interned strings released before it, if any; a step
   * that frees nothing is reported only if it ends the sweep. The
   * sweeper frees exactly the live, non-static, unmarked objects of its
   * range, so they are named before it frees them.
   */
  sweep(sweeper: Sweeper, room: number): number {
    const store = this.heap.store;
    const flags = store.flags;
    const end = Math.min(sweeper.limit, sweeper.cursor + room);
    const freed = this.released.splice(0);
    for (let slot = sweeper.cursor; slot < end; slot++) {
      const f = flags[slot];
      if ((f & ObjectFlag.Alive) !== 0 && (f & ObjectFlag.Static) === 0 && (f & MARKED) === 0) {
        freed.push(store.handleOf(slot));
      }
    }
    const work = sweeper.sweep(room);
    // A lazy sweep takes many steps: those that free nothing are reported only if they end the sweep.
    if (freed.length > 0 || sweeper.done) {
      this.emit('sweep', Int32Array.from(freed.filter((handle) => !store.isAlive(handle))), undefined);
    }
    return work;
  }

  /** Reports every live object whose colour differs from the colour last reported for it, if any does. */
  private reportColourChanges(phase: CollectionPhase): void {
    const store = this.heap.store;
    const flags = store.flags;
    this.reserve(store.slotLimit);
    const reported = this.reported;
    const objects: number[] = [];
    const values: number[] = [];
    for (let slot = 0; slot < store.slotLimit; slot++) {
      const f = flags[slot];
      if ((f & ObjectFlag.Alive) === 0 || (f & ObjectFlag.Static) !== 0) continue;
      const colour = colourOf(f);
      if (colour === reported[slot]) continue;
      reported[slot] = colour;
      objects.push(store.handleOf(slot));
      values.push(colour);
    }
    if (objects.length > 0) this.emit(phase, Int32Array.from(objects), Int32Array.from(values));
  }

  private note(slot: number, colour: number): void {
    this.reserve(slot + 1);
    this.reported[slot] = colour;
  }

  private reserve(slots: number): void {
    if (this.reported.length >= slots) return;
    const grown = new Uint8Array(Math.max(slots, this.reported.length * 2));
    grown.set(this.reported);
    this.reported = grown;
  }

  private emit(phase: CollectionPhase, objects: Int32Array, values: Int32Array | undefined): void {
    const heap = this.heap;
    heap.events.emit({
      kind: 'collection-phase',
      phase,
      generation: 0,
      objects,
      values,
      operation: heap.operation,
    });
  }
}

/** Shades the roots' referents with `tracer` (reported when there is a `report`); returns the work units. */
export function shadeRoots(tracer: Tracer, report: PhaseReport | null): number {
  return report === null ? tracer.scanRoots() : report.scanRoots(tracer);
}

/** Scans grey objects with `tracer` for up to `room` units (reported in batches when there is a `report`). */
export function drainGrey(tracer: Tracer, report: PhaseReport | null, room: number): number {
  return report === null ? tracer.drain(room) : report.drain(tracer, room);
}

/** Sweeps up to `room` slots with `sweeper` (reported when there is a `report`). */
export function sweepSlots(sweeper: Sweeper, report: PhaseReport | null, room: number): number {
  return report === null ? sweeper.sweep(room) : report.sweep(sweeper, room);
}

/** The write barrier shaded `target`, stored into `holder`: a `write-barrier` event. */
export function reportBarrierShade(heap: CollectorHeap, holder: number, target: number): void {
  const store = heap.store;
  heap.events.emit({
    kind: 'write-barrier',
    holder: store.handleOf(holder),
    target: store.handleOf(target),
    operation: heap.operation,
  });
}

/** The tri-colour value of an object's flags. */
function colourOf(flags: number): number {
  if ((flags & GREY) !== 0) return COLOUR_GREY;
  return (flags & MARKED) !== 0 ? COLOUR_BLACK : COLOUR_WHITE;
}
