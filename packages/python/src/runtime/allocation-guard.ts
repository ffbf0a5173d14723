/**
 * The check before a built-in builds a large value on the host (`'a' * 10**9`, `[0] * 10**9`,
 * `bytearray(10**10)`, `2 ** 10**10`): CPython refuses a size past `PY_SSIZE_T_MAX` with
 * `OverflowError` and a failed `malloc` with `MemoryError`. pymm does the same before it spends host
 * time and memory on the value: a size past the simulated heap's room (its `heapLimit`) or past what
 * the host can hold raises `MemoryError`, as CPython's allocator does when memory runs out.
 *
 * @module
 */

import type { Interp } from './interp.js';

/** `PY_SSIZE_T_MAX` on a 64-bit build. */
const PY_SSIZE_T_MAX = 2n ** 63n - 1n;
/** The most bytes a single host value may take (V8's strings stop near 2**29 characters). */
const HOST_MAX_BYTES = 2 ** 28;

/**
 * A repeat count (`seq * n`) as a number: negative counts give 0, a count past `PY_SSIZE_T_MAX` raises
 * CPython's `OverflowError`, and a result of more than the heap's room raises `MemoryError`.
 */
export function repeatCountFor(ip: Interp, count: bigint | number, itemBytes: number): number {
  const n = BigInt(count);
  if (n > PY_SSIZE_T_MAX || n < -PY_SSIZE_T_MAX - 1n)
    ip.raise('OverflowError', "cannot fit 'int' into an index-sized integer");
  if (n <= 0n) return 0;
  reserveBytes(ip, Number(n) * itemBytes);
  return Number(n);
}

/** Raises `MemoryError` when `bytes` more would not fit in the simulated heap or on the host. */
export function reserveBytes(ip: Interp, bytes: number): void {
  const heap = ip.heap;
  if (bytes > HOST_MAX_BYTES || heap.liveBytes + bytes > heap.heapLimit) ip.raise('MemoryError');
}
