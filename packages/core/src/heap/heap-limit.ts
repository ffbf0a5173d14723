/**
 * The heap limit: the bytes a simulated program may hold in live objects, and
 * Python's `MemoryError` when an allocation would exceed them after a full
 * collection.
 *
 * @module
 */

import type { HeapCore } from './heap-core.js';

/**
 * Thrown into the simulated program when an allocation would exceed the heap
 * limit: Python's `MemoryError`. The program may catch it and go on.
 *
 * @example
 * ```ts
 * import { SimulatedMemoryError } from '@pymm/core';
 * new SimulatedMemoryError(100, 64, 128).message;
 * // 'MemoryError: allocating 100 bytes would exceed the heap limit (64 of 128 bytes in use)'
 * ```
 */
export class SimulatedMemoryError extends Error {
  override readonly name = 'MemoryError';
  constructor(
    readonly requested: number,
    readonly inUse: number,
    readonly limit: number,
  ) {
    super(
      `MemoryError: allocating ${requested} bytes would exceed the heap limit (${inUse} of ${limit} bytes in use)`,
    );
  }
}

/**
 * Whether `bytes` more live bytes fit under the limit, after a full
 * collection if they did not at first (what CPython's allocator failing and
 * the program's `MemoryError` handler collecting amounts to).
 *
 * A tracing strategy sees only the roots, so it may collect inside an
 * allocation only when the mutator keeps every reference it holds in a root.
 * The Python interpreter does not (a value between being computed and stored
 * lives in a host variable until the next safepoint), and says so with
 * `untracedMutatorReferences`: then a tracing strategy does not collect here,
 * and the allocation fails unless its budget collections, which run at
 * safepoints, kept the heap under the limit. A reference-counting strategy is
 * unaffected: the references the mutator holds are counted.
 */
export function fitsAfterCollecting(heap: HeapCore, bytes: number): boolean {
  if (heap.liveBytes + bytes <= heap.heapLimit) return true;
  if (heap.untracedMutatorReferences && !heap.refcounting) return false;
  heap.strategy.collect(2, 'heap-limit');
  return heap.liveBytes + bytes <= heap.heapLimit;
}
