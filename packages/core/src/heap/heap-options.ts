/**
 * What a {@link Heap} is created with: the modelled CPython version, the
 * allocator model, the heap limit and an optional slot reservation.
 *
 * @module
 */

import type { Allocator } from '../memory/allocator.js';
import type { CPythonVersion } from '../objects/size-model.js';

/**
 * Options for `Heap`.
 *
 * @example
 * ```ts
 * import { Heap, noGC } from '@pymm/core';
 * import { type HeapOptions } from '@pymm/core/heap';
 * import { createSystemAllocator } from '@pymm/core/memory';
 * const options: HeapOptions = { version: '3.12', allocator: createSystemAllocator(), heapLimit: 1 << 20 };
 * const heap = new Heap(noGC(), options);
 * heap.sizes.version; // '3.12'
 * heap.heapLimit; // 1048576
 * ```
 */
export interface HeapOptions {
  /** CPython version whose sizes the object model uses (default `3.11`). */
  readonly version?: CPythonVersion;
  /** The allocator model that objects' memory comes from. */
  readonly allocator: Allocator;
  /** Bytes the simulated program may hold in live objects before `MemoryError` (default: unlimited). */
  readonly heapLimit?: number;
  /** Object slots to reserve up front, when the program's size is known (the heap grows as needed anyway). */
  readonly initialCapacity?: number;
}
