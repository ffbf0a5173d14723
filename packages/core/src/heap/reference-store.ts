/**
 * Typed-array storage for the references that container objects hold.
 *
 * Every object owns at most one block of cells in one shared `Int32Array`. A
 * block's capacity is a power of two (2 .. 2^30); freed blocks go to a free list
 * per capacity class, threaded through the blocks' first cell. Nothing here
 * allocates a JavaScript object per simulated object or per reference.
 *
 * @module
 */

const MIN_LOG2 = 1;
const MAX_LOG2 = 30;
const NO_BLOCK = -1;

/**
 * A pool of reference blocks. Callers keep, per object, the block start and the
 * capacity class returned by {@link ReferenceStore.allocate}.
 *
 * @example
 * ```ts
 * import { ReferenceStore } from '@pymm/core/heap';
 * const store = new ReferenceStore();
 * const start = store.allocate(1);         // class 1: room for 2 references
 * store.cells[start] = 42;
 * const moved = store.grow(start, 1, 2);   // now room for 4, contents copied
 * store.cells[moved];                      // 42
 * ```
 */
export class ReferenceStore {
  /** The cells. Re-read after any allocation: growth replaces the array. */
  cells: Int32Array;
  private top = 0;
  private readonly freeHeads = new Int32Array(MAX_LOG2 + 1).fill(NO_BLOCK);
  private liveCells = 0;

  constructor(initialCells = 1 << 16) {
    this.cells = new Int32Array(initialCells);
  }

  /** The capacity class (log2 of the block size) able to hold `count` references. */
  static classFor(count: number): number {
    let log2 = MIN_LOG2;
    while (1 << log2 < count) log2++;
    if (log2 > MAX_LOG2) throw new RangeError(`a container cannot hold ${count} references`);
    return log2;
  }

  /** Allocates a block of `2 ** log2` cells and returns its start. Contents are undefined. */
  allocate(log2: number): number {
    const head = this.freeHeads[log2];
    this.liveCells += 1 << log2;
    if (head !== NO_BLOCK) {
      this.freeHeads[log2] = this.cells[head];
      return head;
    }
    const size = 1 << log2;
    const start = this.top;
    if (start + size > this.cells.length) this.expand(start + size);
    this.top = start + size;
    return start;
  }

  /** Returns a block to its free list. */
  release(start: number, log2: number): void {
    this.cells[start] = this.freeHeads[log2];
    this.freeHeads[log2] = start;
    this.liveCells -= 1 << log2;
  }

  /** Moves a block's first `length` cells into a block of class `newLog2`; returns the new start. */
  grow(start: number, log2: number, newLog2: number, length = 1 << log2): number {
    const moved = this.allocate(newLog2);
    this.cells.copyWithin(moved, start, start + length);
    this.release(start, log2);
    return moved;
  }

  /** Cells in live blocks (for host-memory accounting). */
  get cellsInUse(): number {
    return this.liveCells;
  }

  /** Bytes of host memory the store holds. */
  get hostBytes(): number {
    return this.cells.byteLength;
  }

  private expand(minimum: number): void {
    let size = this.cells.length * 2;
    while (size < minimum) size *= 2;
    const next = new Int32Array(size);
    next.set(this.cells.subarray(0, this.top));
    this.cells = next;
  }
}
