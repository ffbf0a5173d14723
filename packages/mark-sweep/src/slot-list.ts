/**
 * A growable list of integers (object slots or handles) in an `Int32Array`,
 * for the collector's queues and registries: no JavaScript object per entry.
 *
 * @module
 */

/** A growable `Int32Array`-backed list. */
export class SlotList {
  private items: Int32Array;
  /** Entries in use (`0 .. length - 1`). */
  length = 0;

  constructor(initialCapacity = 64) {
    this.items = new Int32Array(Math.max(4, initialCapacity));
  }

  /** Appends a value. */
  push(value: number): void {
    if (this.length === this.items.length) {
      const bigger = new Int32Array(this.items.length * 2);
      bigger.set(this.items);
      this.items = bigger;
    }
    this.items[this.length++] = value;
  }

  /** The value at `index` (no bounds check beyond the array's). */
  at(index: number): number {
    return this.items[index];
  }

  /** Overwrites the value at `index`. */
  set(index: number, value: number): void {
    this.items[index] = value;
  }

  /** Empties the list (keeps its capacity). */
  clear(): void {
    this.length = 0;
  }
}
