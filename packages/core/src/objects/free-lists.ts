/**
 * CPython 3.11's free lists: recently freed objects whose memory is kept for
 * reuse instead of going back to the allocator. They matter beyond memory:
 * taking an object from a free list skips `_PyObject_GC_Link` and putting one
 * back skips `PyObject_GC_Del`, so neither moves the collector's counts.
 *
 * @module
 */

/**
 * Free-list capacities of CPython 3.11 (`pycore_*.h`).
 *
 * @example
 * ```ts
 * import { FREE_LIST_LIMITS, FreeLists } from '@pymm/core/heap';
 * FREE_LIST_LIMITS.list; // 80
 * const lists = new FreeLists();
 * let kept = 0;
 * for (let i = 0; i < 100; i++) if (lists.pushList(4096 + i * 64)) kept++;
 * kept; // 80: the other 20 blocks go back to the allocator
 * ```
 */
export const FREE_LIST_LIMITS = {
  /** `PyList_MAXFREELIST`: exact lists. */
  list: 80,
  /** `PyDict_MAXFREELIST`: exact dicts. */
  dict: 80,
  /** `PyFloat_MAXFREELIST`. */
  float: 100,
  /** `PyTuple_MAXFREELIST`: per tuple length. */
  tuplePerLength: 2000,
  /** Tuples of length 1 .. 20 are pushed (`PyTuple_MAXSAVESIZE`); 3.11 and 3.12 pop only lengths below 20. */
  tupleMaxSaveLength: 20,
} as const;

/**
 * Which free list an object kind uses.
 *
 * @example
 * ```ts
 * import { type FreeListKind, FreeLists } from '@pymm/core/heap';
 * const lists = new FreeLists();
 * lists.pushFloat(4096);
 * lists.pushTuple(2, 8192);
 * const released: FreeListKind[] = [];
 * lists.clear((kind) => released.push(kind)); // what a full collection's clear_freelists does
 * released; // ['tuple', 'float']
 * ```
 */
export type FreeListKind = 'list' | 'dict' | 'float' | 'tuple';

/**
 * Free-list contents, for reports and `debugMallocStats`.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { type FreeListCounts } from '@pymm/core/heap';
 * const py = createRuntime();
 * const counts: FreeListCounts = py.heap.freeLists.counts();
 * [counts.list, counts.dict, counts.float]; // [0, 0, 0]
 * counts.tuple.length; // 20: lengths 1 to 20
 * ```
 */
export interface FreeListCounts {
  readonly list: number;
  readonly dict: number;
  readonly float: number;
  /** Index `n - 1` holds the count for tuples of length `n` (1..20). */
  readonly tuple: readonly number[];
}

class AddressStack {
  readonly addresses: Float64Array;
  count = 0;
  constructor(readonly limit: number) {
    this.addresses = new Float64Array(limit);
  }
  push(address: number): boolean {
    if (this.count >= this.limit) return false;
    this.addresses[this.count++] = address;
    return true;
  }
  pop(): number {
    return this.count > 0 ? this.addresses[--this.count] : -1;
  }
}

/**
 * The free lists of one heap: stacks of block addresses, one per object kind
 * (and per length for tuples).
 *
 * @example
 * ```ts
 * import { FreeLists } from '@pymm/core/heap';
 * const lists = new FreeLists();
 * lists.pushTuple(1, 4096);  // true: a 1-tuple's block is kept
 * lists.popTuple(1);         // 4096
 * lists.pushTuple(20, 8192); // true: length 20 is kept...
 * lists.popTuple(20);        // -1: ...but never reused (CPython 3.11's quirk)
 * ```
 */
export class FreeLists {
  /**
   * @param reuseLongestTuples Whether tuples of the longest saved length (20)
   *   are reused: false in CPython 3.11 and 3.12 (`size < PyTuple_MAXSAVESIZE`),
   *   true in 3.13.
   */
  constructor(private readonly reuseLongestTuples = false) {}

  private readonly list = new AddressStack(FREE_LIST_LIMITS.list);
  private readonly dict = new AddressStack(FREE_LIST_LIMITS.dict);
  private readonly float = new AddressStack(FREE_LIST_LIMITS.float);
  private readonly tuple: AddressStack[] = Array.from(
    { length: FREE_LIST_LIMITS.tupleMaxSaveLength },
    () => new AddressStack(FREE_LIST_LIMITS.tuplePerLength),
  );

  /** Keeps a list object's block; false when the free list is full. */
  pushList(address: number): boolean {
    return this.list.push(address);
  }
  /** A kept list block, or -1. */
  popList(): number {
    return this.list.pop();
  }
  /** Keeps a dict object's block; false when the free list is full. */
  pushDict(address: number): boolean {
    return this.dict.push(address);
  }
  /** A kept dict block, or -1. */
  popDict(): number {
    return this.dict.pop();
  }
  /** Keeps a float's block; false when the free list is full. */
  pushFloat(address: number): boolean {
    return this.float.push(address);
  }
  /** A kept float block, or -1. */
  popFloat(): number {
    return this.float.pop();
  }
  /** Keeps a tuple's block (lengths 1..20); false when not kept. */
  pushTuple(length: number, address: number): boolean {
    if (length < 1 || length > FREE_LIST_LIMITS.tupleMaxSaveLength) return false;
    return this.tuple[length - 1].push(address);
  }
  /** A kept tuple block for this length (1..19), or -1. */
  popTuple(length: number): number {
    const limit = FREE_LIST_LIMITS.tupleMaxSaveLength + (this.reuseLongestTuples ? 1 : 0);
    if (length < 1 || length >= limit) return -1;
    return this.tuple[length - 1].pop();
  }

  /** Current contents. */
  counts(): FreeListCounts {
    return {
      list: this.list.count,
      dict: this.dict.count,
      float: this.float.count,
      tuple: this.tuple.map((s) => s.count),
    };
  }

  /**
   * Empties every free list (what a full collection's `clear_freelists` does),
   * handing each kept block to `release` with its kind and, for tuples, length.
   */
  clear(release: (kind: FreeListKind, address: number, length: number) => void): void {
    for (let i = 0; i < this.tuple.length; i++) {
      const stack = this.tuple[i];
      while (stack.count > 0) release('tuple', stack.pop(), i + 1);
    }
    while (this.float.count > 0) release('float', this.float.pop(), 0);
    while (this.list.count > 0) release('list', this.list.pop(), 0);
    while (this.dict.count > 0) release('dict', this.dict.pop(), 0);
  }
}
