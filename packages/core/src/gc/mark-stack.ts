/**
 * The mark stack: the grey objects waiting to be scanned, as slot numbers in a
 * growable `Int32Array`. Marking pushes and pops here instead of recursing, so
 * a million-long chain needs a million-entry stack, not a million JavaScript
 * frames.
 *
 * @module
 */

/**
 * A LIFO stack of object slots backed by an `Int32Array` that doubles when full.
 *
 * @example
 * ```ts
 * import { MarkStack } from '@pymm/core/gc';
 * const stack = new MarkStack();
 * stack.push(7);
 * stack.push(9);
 * stack.pop();     // 9
 * stack.length;    // 1
 * stack.highWater; // 2
 * ```
 */
export class MarkStack {
  /**
   * The entries `0 .. top - 1`. Public for the tracer's inner loop, which
   * pushes and pops on it directly (calling {@link MarkStack.grow} when full);
   * everyone else uses the methods.
   */
  items: Int32Array;
  /** Number of entries (see {@link MarkStack.items}). */
  top = 0;
  private deepest = 0;

  constructor(initialCapacity = 1024) {
    this.items = new Int32Array(Math.max(16, initialCapacity));
  }

  /** Entries on the stack. */
  get length(): number {
    return this.top;
  }

  /** The most entries the stack has held at once. */
  get highWater(): number {
    return this.deepest;
  }

  /** Host bytes the stack's array holds. */
  get hostBytes(): number {
    return this.items.byteLength;
  }

  /** Pushes a slot. */
  push(slot: number): void {
    if (this.top === this.items.length) this.grow();
    this.items[this.top++] = slot;
    if (this.top > this.deepest) this.deepest = this.top;
  }

  /** Pops the most recently pushed slot, or returns -1 when the stack is empty. */
  pop(): number {
    return this.top === 0 ? -1 : this.items[--this.top];
  }

  /** Empties the stack (keeps its capacity). */
  clear(): void {
    this.top = 0;
  }

  /** Doubles the capacity, keeping the entries. */
  grow(): void {
    const bigger = new Int32Array(this.items.length * 2);
    bigger.set(this.items);
    this.items = bigger;
  }

  /** Records a depth reached by code that pushed on {@link MarkStack.items} directly (default: the current one). */
  noteDepth(depth = this.top): void {
    if (depth > this.deepest) this.deepest = depth;
  }
}
