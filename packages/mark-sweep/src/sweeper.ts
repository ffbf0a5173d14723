/**
 * The sweeper: walks the heap's slots in order and frees every object that
 * marking left white; a marked object survives and has its colour cleared for
 * the next cycle. Objects never move.
 *
 * The walk has a cursor, so it can run all at once (eager sweeping, inside the
 * collection pause) or a bounded number of slots at a time (lazy sweeping,
 * spread over the allocations and safepoints that follow). While a lazy sweep
 * is under way the slots split in three ranges:
 *
 * - `0 .. cursor - 1`: swept. Survivors' colours are cleared; a new object
 *   placed here (in a freed slot) starts white, as outside a cycle.
 * - `cursor .. limit - 1`: not swept yet. A white object here is garbage, so a
 *   new object placed here must be marked, or the sweeper would free it
 *   ({@link Sweeper.isUnswept}).
 * - `limit ..`: slots first used after the sweep began; never swept in this
 *   cycle, so new objects here start white.
 *
 * @module
 */

import { type CollectorHeap, ObjectFlag } from '@pymm/core';
import { COLOUR_BITS, MARKED } from './mark-bits.js';

/**
 * Frees unmarked objects, a bounded number of slots at a time.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { markSweep, Sweeper } from '@pymm/mark-sweep';
 * const py = createRuntime({ strategy: markSweep() });
 * py.list();                  // a temporary nobody keeps...
 * py.flushTemporaries();      // ...released: garbage, and nothing marked it
 * const sweeper = new Sweeper(py.heap);
 * sweeper.begin(py.heap.store.slotLimit);
 * while (!sweeper.done) sweeper.sweep(100);
 * sweeper.freedObjects;       // 1
 * ```
 */
export class Sweeper {
  /** Next slot to sweep. */
  cursor = 0;
  /** End of the range being swept (the heap's slot limit when the sweep began). */
  limit = 0;
  /** Objects freed, over the sweeper's lifetime. */
  freedObjects = 0;
  /** Bytes (`sys.getsizeof`) of the objects freed, over the sweeper's lifetime. */
  freedBytes = 0;
  /** Slots examined, over the sweeper's lifetime. */
  sweptSlots = 0;

  constructor(private readonly heap: CollectorHeap) {}

  /** Starts sweeping slots `0 .. limit - 1`. */
  begin(limit: number): void {
    this.cursor = 0;
    this.limit = limit;
  }

  /** Whether the current sweep reached its limit. */
  get done(): boolean {
    return this.cursor >= this.limit;
  }

  /** Whether `slot` lies in the part of the heap that the current sweep has not reached. */
  isUnswept(slot: number): boolean {
    return slot >= this.cursor && slot < this.limit;
  }

  /**
   * Sweeps up to `budget` slots; returns the slots examined (work units).
   * Frees each live, non-static, unmarked object with `heap.destroy` (which
   * closes a still-open file and releases the memory without touching the
   * object's referents), and clears the colour of each marked one.
   */
  sweep(budget: number): number {
    const store = this.heap.store;
    const end = this.limit - this.cursor > budget ? this.cursor + budget : this.limit;
    const start = this.cursor;
    for (let slot = start; slot < end; slot++) {
      // Re-read the column: destroying an object never grows the store, but keep it obviously right.
      const flags = store.flags[slot];
      if ((flags & ObjectFlag.Alive) === 0 || (flags & ObjectFlag.Static) !== 0) continue;
      if ((flags & MARKED) !== 0) {
        store.flags[slot] = flags & ~COLOUR_BITS;
        continue;
      }
      this.cursor = slot + 1;
      this.free(slot);
    }
    this.cursor = end;
    this.sweptSlots += end - start;
    return end - start;
  }

  /** Frees one unmarked object now (the sweep will find its slot empty), counting it as swept garbage. */
  free(slot: number): void {
    this.freedBytes += this.heap.store.sizeof[slot];
    this.freedObjects++;
    this.heap.destroy(slot);
  }
}
