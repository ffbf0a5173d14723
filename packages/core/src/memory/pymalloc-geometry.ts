/**
 * The geometry of CPython 3.11's small-object allocator (pymalloc, `Objects/obmalloc.c`)
 * on a 64-bit build: alignment, size classes, pools and arenas, and how pymm's
 * simulated addresses map onto them.
 *
 * @module
 */

/**
 * Block alignment and size-class spacing in bytes (`ALIGNMENT`, 16 on 64-bit since 3.8).
 *
 * @example
 * ```ts
 * import { createPymalloc, PYMALLOC_ALIGNMENT } from '@pymm/core/memory';
 * createPymalloc().allocate(1) % PYMALLOC_ALIGNMENT; // 0
 * ```
 */
export const PYMALLOC_ALIGNMENT = 16;

/**
 * Largest request pymalloc serves itself (`SMALL_REQUEST_THRESHOLD`); larger ones go to `malloc`.
 *
 * @example
 * ```ts
 * import { createPymalloc, SMALL_REQUEST_THRESHOLD } from '@pymm/core/memory';
 * const heap = createPymalloc();
 * heap.allocate(SMALL_REQUEST_THRESHOLD + 1);
 * heap.stats().systemBlocks; // 1
 * ```
 */
export const SMALL_REQUEST_THRESHOLD = 512;

/**
 * Number of size classes (`NB_SMALL_SIZE_CLASSES` = 512 / 16).
 *
 * @example
 * ```ts
 * import { createPymalloc, NB_SMALL_SIZE_CLASSES } from '@pymm/core/memory';
 * createPymalloc().stats().poolsPerSizeClass.length === NB_SMALL_SIZE_CLASSES; // true
 * ```
 */
export const NB_SMALL_SIZE_CLASSES = SMALL_REQUEST_THRESHOLD / PYMALLOC_ALIGNMENT;

/**
 * Bytes in a pool (`POOL_SIZE`, 16 KiB with the radix tree on 64-bit).
 *
 * @example
 * ```ts
 * import { createPymalloc, POOL_SIZE } from '@pymm/core/memory';
 * const heap = createPymalloc();
 * heap.allocate(16);
 * heap.allocate(32); // another size class, so another pool
 * heap.usedPoolOrder(1); // [POOL_SIZE]
 * ```
 */
export const POOL_SIZE = 16 * 1024;

/**
 * Bytes in an arena (`ARENA_SIZE`, 1 MiB on 64-bit).
 *
 * @example
 * ```ts
 * import { ARENA_SIZE, createPymalloc } from '@pymm/core/memory';
 * const heap = createPymalloc();
 * heap.allocate(8);
 * heap.stats().heldBytes === ARENA_SIZE; // true
 * ```
 */
export const ARENA_SIZE = 1024 * 1024;

/**
 * Pools in an arena whose address is pool-aligned (`MAX_POOLS_IN_ARENA`, 64).
 *
 * @example
 * ```ts
 * import { createPymalloc, MAX_POOLS_IN_ARENA } from '@pymm/core/memory';
 * const heap = createPymalloc();
 * heap.allocate(8);
 * heap.usableArenaOrder()[0].freePools === MAX_POOLS_IN_ARENA - 1; // true
 * ```
 */
export const MAX_POOLS_IN_ARENA = ARENA_SIZE / POOL_SIZE;

/**
 * Bytes of a pool's header, `sizeof(struct pool_header)` rounded up to the alignment (`POOL_OVERHEAD`).
 *
 * @example
 * ```ts
 * import { createPymalloc, POOL_OVERHEAD } from '@pymm/core/memory';
 * createPymalloc().allocate(8) === POOL_OVERHEAD; // true: the first block follows the header
 * ```
 */
export const POOL_OVERHEAD = 48;

/**
 * The size class that serves a request of `nbytes` (`(nbytes - 1) >> 4`), or -1 when
 * pymalloc does not serve it (0 bytes, or more than 512 bytes: those go to `malloc`).
 *
 * @example
 * ```ts
 * import { sizeClassOf } from '@pymm/core/memory';
 * sizeClassOf(28);  // 1 (a one-digit int lives in a 32-byte block)
 * sizeClassOf(512); // 31
 * sizeClassOf(513); // -1
 * ```
 */
export function sizeClassOf(nbytes: number): number {
  if (!Number.isInteger(nbytes) || nbytes < 1 || nbytes > SMALL_REQUEST_THRESHOLD) return -1;
  return (nbytes - 1) >> 4;
}

/**
 * Block size in bytes of a size class (`INDEX2SIZE(i) = (i + 1) << 4`).
 *
 * @example
 * ```ts
 * import { blockSizeOfClass } from '@pymm/core/memory';
 * blockSizeOfClass(0);  // 16
 * blockSizeOfClass(31); // 512
 * ```
 */
export function blockSizeOfClass(sizeClass: number): number {
  checkSizeClass(sizeClass);
  return (sizeClass + 1) << 4;
}

/**
 * Blocks a pool of a size class holds (`NUMBLOCKS(i) = (POOL_SIZE - POOL_OVERHEAD) / size`).
 *
 * @example
 * ```ts
 * import { blocksPerPool, sizeClassOf } from '@pymm/core/memory';
 * blocksPerPool(sizeClassOf(16)); // 1021
 * blocksPerPool(sizeClassOf(64)); // 255
 * ```
 */
export function blocksPerPool(sizeClass: number): number {
  return Math.floor((POOL_SIZE - POOL_OVERHEAD) / blockSizeOfClass(sizeClass));
}

/**
 * Bytes at the end of a pool of this size class that no block can use
 * (`(POOL_SIZE - POOL_OVERHEAD) % size`, "bytes lost to quantization" per pool).
 *
 * @example
 * ```ts
 * import { quantizationLossPerPool } from '@pymm/core/memory';
 * quantizationLossPerPool(3); // 16 (255 blocks of 64 bytes leave 16 of 16,336 bytes)
 * ```
 */
export function quantizationLossPerPool(sizeClass: number): number {
  return (POOL_SIZE - POOL_OVERHEAD) % blockSizeOfClass(sizeClass);
}

/**
 * The index of the arena (its `arena_object` slot) that a pymalloc address lies in.
 * pymm's simulated pymalloc addresses are `arenaIndex * ARENA_SIZE + offset in arena`.
 *
 * @example
 * ```ts
 * import { arenaIndexOf, createPymalloc } from '@pymm/core/memory';
 * const heap = createPymalloc();
 * arenaIndexOf(heap.allocate(64)); // 0
 * ```
 */
export function arenaIndexOf(address: number): number {
  return Math.floor(address / ARENA_SIZE);
}

/**
 * The address of the pool that a pymalloc address lies in (`POOL_ADDR(p)`).
 *
 * @example
 * ```ts
 * import { createPymalloc, poolAddressOf } from '@pymm/core/memory';
 * const heap = createPymalloc();
 * const a = heap.allocate(64);
 * poolAddressOf(a) === poolAddressOf(heap.allocate(64)); // true: same pool
 * ```
 */
export function poolAddressOf(address: number): number {
  return Math.floor(address / POOL_SIZE) * POOL_SIZE;
}

function checkSizeClass(sizeClass: number): void {
  if (!Number.isInteger(sizeClass) || sizeClass < 0 || sizeClass >= NB_SMALL_SIZE_CLASSES) {
    throw new RangeError(
      `pymalloc: size class ${sizeClass} does not exist; size classes are integers 0..${NB_SMALL_SIZE_CLASSES - 1}`,
    );
  }
}
