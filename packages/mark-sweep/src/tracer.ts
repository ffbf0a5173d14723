/**
 * The tracer: marking. It shades objects (white → grey: set the mark, push on
 * the mark stack) and scans grey objects (grey → black: shade everything they
 * reference), with an explicit {@link MarkStack} over the heap's typed arrays
 * and never a recursive call, so the depth of the object graph does not matter.
 *
 * Work is counted in *units*: one per object taken off the stack, one per
 * reference cell read, one per root reference visited. {@link Tracer.drain}
 * stops when its budget of units is spent, which is what bounds an
 * incremental step. An object with more references than the budget left is
 * scanned in parts (see {@link Tracer.drain} for how a part-scanned object
 * stays correct while the program changes it between steps).
 *
 * @module
 */

import { type CollectorHeap, ObjectFlag } from '@pymm/core';
import { MarkStack } from '@pymm/core/gc';
import { GREY, MARKED } from './mark-bits.js';

const SKIP_BITS = MARKED | ObjectFlag.Static;

/**
 * Marks objects reachable from the roots of one heap.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { markSweep, Tracer } from '@pymm/mark-sweep';
 * const py = createRuntime({ strategy: markSweep() });
 * py.locals.xs = py.list([py.list(), py.list()]);
 * const tracer = new Tracer(py.heap);
 * tracer.scanRoots();         // root references visited
 * tracer.drain(Infinity);     // work units spent
 * tracer.marked;              // 3: the outer list and its two items
 * tracer.clearMarks();        // leave the heap as it was
 * ```
 */
export class Tracer {
  /** Grey objects waiting to be scanned. */
  readonly stack = new MarkStack();
  /** Objects shaded so far (white → grey), over the tracer's lifetime. */
  marked = 0;
  /** Reference cells read so far. */
  tracedReferences = 0;
  /** Root references visited so far. */
  rootsVisited = 0;

  /** The object being scanned in parts, or -1. */
  private partial = -1;
  /** Next cell of {@link Tracer.partial} to read. */
  private partialIndex = 0;
  /** Its reference count when the last part ended. */
  private partialLength = 0;
  /** Stores into it (write-barrier calls) since the last part ended. */
  private partialStores = 0;

  constructor(private readonly heap: CollectorHeap) {}

  /** Whether no grey object is left (nothing on the stack, nothing part-scanned). */
  get isEmpty(): boolean {
    return this.stack.length === 0 && this.partial < 0;
  }

  /**
   * Shades an object: a white object becomes grey (marked and pushed).
   * Static objects are never marked (they are never freed). Returns whether
   * the object was white.
   */
  shade(slot: number): boolean {
    const flags = this.heap.store.flags;
    if ((flags[slot] & SKIP_BITS) !== 0) return false;
    flags[slot] |= MARKED | GREY;
    this.stack.push(slot);
    this.marked++;
    return true;
  }

  /** Shades every object a root refers to; returns the root references visited (work units). */
  scanRoots(): number {
    let visited = 0;
    this.heap.forEachRoot((slot) => {
      visited++;
      this.shade(slot);
    });
    this.rootsVisited += visited;
    return visited;
  }

  /**
   * Tells the tracer that a reference was stored into `holder` (the write
   * barrier calls this), so that a part-scanned holder is resumed safely.
   */
  noteStore(holder: number): void {
    if (holder === this.partial) this.partialStores++;
  }

  /**
   * Scans grey objects until none is left or `budget` work units are spent;
   * returns the units spent. Each scanned object costs one unit plus one per
   * reference cell read, so a step never exceeds its budget: an object with
   * more references than the budget left is scanned in parts.
   *
   * Between two parts the program may change the object. Stores are no
   * danger (the write barrier shades what a marked object is given), but
   * removing an item shifts the later items down (`del xs[0]`), which could
   * slide an unread item below the resume point. Every removal shortens the
   * object by one and every append is a barrier call, so at most
   * `lengthBefore + stores - lengthNow` items were removed; resuming that many
   * cells earlier reads every item that was unread when the part ended.
   */
  drain(budget: number): number {
    const store = this.heap.store;
    const flags = store.flags;
    const refStart = store.refStart;
    const refLen = store.refLen;
    const cells = store.refs.cells;
    const stack = this.stack;
    // The inner loop pushes and pops on the stack's array directly, and reads the reference cells in
    // storage order rather than through core's `forEachReference` (tp_traverse order): marking does
    // not depend on the order, and a callback per reference would slow the collector's hottest loop.
    let items = stack.items;
    let top = stack.top;
    let marked = 0;
    let traced = 0;
    let deepest = 0;
    let units = 0;
    while (units < budget) {
      let slot: number;
      let index: number;
      if (this.partial >= 0) {
        slot = this.partial;
        index = this.resumeIndex(refLen[slot]);
        this.partial = -1;
      } else {
        if (top === 0) break;
        slot = items[--top];
        index = 0;
        units++;
      }
      const start = refStart[slot];
      const length = refLen[slot];
      const end = length - index > budget - units ? index + (budget - units) : length;
      for (let i = start + index, last = start + end; i < last; i++) {
        const target = cells[i];
        if (target >= 0 && (flags[target] & SKIP_BITS) === 0) {
          flags[target] |= MARKED | GREY;
          if (top === items.length) {
            stack.top = top;
            stack.grow();
            items = stack.items;
          }
          items[top++] = target;
          marked++;
        }
      }
      const read = end - index;
      units += read;
      traced += read;
      if (end < length) {
        this.partial = slot;
        this.partialIndex = end;
        this.partialLength = length;
        this.partialStores = 0;
        break;
      }
      flags[slot] &= ~GREY;
      if (top > deepest) deepest = top;
    }
    stack.top = top;
    stack.noteDepth(Math.max(deepest, top));
    this.marked += marked;
    this.tracedReferences += traced;
    return units;
  }

  /** Where to resume the part-scanned object (see {@link Tracer.drain}). */
  private resumeIndex(lengthNow: number): number {
    const removedAtMost = this.partialLength + this.partialStores - lengthNow;
    const index = removedAtMost > 0 ? this.partialIndex - removedAtMost : this.partialIndex;
    return Math.max(0, Math.min(index, lengthNow));
  }

  /** Forgets all grey objects (the stack and any part-scanned object). */
  reset(): void {
    this.stack.clear();
    this.partial = -1;
  }

  /** Clears the mark and grey bits of every object (for tools and benchmarks that trace outside a collection). */
  clearMarks(): void {
    this.reset();
    const store = this.heap.store;
    const flags = store.flags;
    const n = store.slotLimit;
    for (let slot = 0; slot < n; slot++) flags[slot] &= ~(MARKED | GREY);
  }
}
