/**
 * Registries of the objects the collector must find without scanning the
 * whole heap: weak references (cleared when their referent dies) and objects
 * with finalizers (finalized when found unreachable). Entries are handles, not
 * slots, so an entry whose object died is recognised even after its slot was
 * reused; dead entries are dropped by the next pass over the registry.
 *
 * @module
 */

import type { CollectorHeap } from '@pymm/core';
import { slotOfHandle } from '@pymm/core/gc';
import { SlotList } from './slot-list.js';

/**
 * A list of objects (by handle) with a resumable filtering pass: a pass visits
 * each listed live object once, in registration order, and keeps it only if
 * the visitor says so. Objects registered during a pass are visited by it too.
 */
export class ObjectRegistry {
  private readonly entries = new SlotList();
  private readPos = 0;
  private writePos = 0;
  private passing = false;

  constructor(private readonly heap: CollectorHeap) {}

  /** Entries listed (some may name objects that died since the last pass). */
  get size(): number {
    return this.entries.length;
  }

  /** Lists a live object. */
  add(slot: number): void {
    this.entries.push(this.heap.store.handleOf(slot));
  }

  /** Starts a pass over the registry. */
  beginPass(): void {
    this.readPos = 0;
    this.writePos = 0;
    this.passing = true;
  }

  /** Whether no pass is under way (the last one finished). */
  get passDone(): boolean {
    return !this.passing;
  }

  /**
   * Visits up to `budget` entries of the current pass. `keep(slot)` is called
   * for each entry whose object is alive and returns whether the entry stays
   * listed; entries of dead objects are dropped without a call. Returns the
   * number of entries visited.
   */
  passStep(budget: number, keep: (slot: number) => boolean): number {
    const store = this.heap.store;
    const entries = this.entries;
    let visited = 0;
    while (visited < budget && this.readPos < entries.length) {
      const handle = entries.at(this.readPos++);
      visited++;
      if (!store.isAlive(handle)) continue;
      if (keep(slotOfHandle(handle))) entries.set(this.writePos++, handle);
    }
    if (this.readPos === entries.length) {
      entries.length = this.writePos;
      this.passing = false;
    }
    return visited;
  }
}
