/**
 * Interned strings: the one cache of the heap that can hand the program an
 * object the collector has already found unreachable. `newStr(text, true)`
 * returns the existing interned string for `text` without telling the
 * strategy, so a string that is garbage but not swept yet (lazy or
 * incremental sweeping) could be handed out, stored, and then freed under the
 * program's feet.
 *
 * The remedy is to take garbage interned strings out of the cache before the
 * program can ask for them again, which core allows only by freeing them
 * (`heap.destroy` removes a string from the intern table). So, once marking
 * and finalization marking are over (an interned string that a pending
 * finalizer can reach must stay), the unmarked interned strings are freed at
 * once instead of waiting for the sweeper.
 *
 * They are found without scanning the heap: every new str is listed at
 * allocation, and a pass during finalizer discovery keeps only the interned
 * ones (core sets the interned bit right after creating the string).
 *
 * @module
 */

import { type CollectorHeap, ObjectFlag, TypeId } from '@pymm/core';
import { MARKED } from './mark-bits.js';
import { ObjectRegistry } from './object-registry.js';
import { SlotList } from './slot-list.js';

/** Finds interned strings that are garbage, so that they leave the intern table before the program runs again. */
export class InternedStrings {
  private readonly registry: ObjectRegistry;
  private readonly garbage = new SlotList();

  constructor(private readonly heap: CollectorHeap) {
    this.registry = new ObjectRegistry(heap);
  }

  /** Lists a new object if it is a str (call from `allocated`). */
  noteAllocated(slot: number): void {
    if (this.heap.store.type[slot] === TypeId.Str) this.registry.add(slot);
  }

  /** Starts a pass that collects the unmarked interned strings. */
  beginPass(): void {
    this.garbage.clear();
    this.registry.beginPass();
  }

  /** Whether the pass is over. */
  get passDone(): boolean {
    return this.registry.passDone;
  }

  /** Visits up to `budget` listed strings; drops those that are not interned. Returns the entries visited. */
  passStep(budget: number): number {
    const flags = this.heap.store.flags;
    return this.registry.passStep(budget, (slot) => {
      if ((flags[slot] & ObjectFlag.Interned) === 0) return false;
      if ((flags[slot] & MARKED) === 0) this.garbage.push(slot);
      return true;
    });
  }

  /**
   * Calls `free` for each string the pass found unmarked that is still alive
   * and unmarked (one reached since, by a finalizer's object or the program,
   * stays). Returns the strings examined (work units).
   */
  releaseGarbage(free: (slot: number) => void): number {
    const flags = this.heap.store.flags;
    const garbage = this.garbage;
    for (let i = 0; i < garbage.length; i++) {
      const slot = garbage.at(i);
      const f = flags[slot];
      if ((f & ObjectFlag.Alive) !== 0 && (f & ObjectFlag.Interned) !== 0 && (f & MARKED) === 0) free(slot);
    }
    const examined = garbage.length;
    garbage.clear();
    return examined;
  }
}
