/**
 * Allocator models of `@pymm/core`: the contract ({@link Allocator}), CPython's
 * pymalloc ({@link PymallocAllocator}), the C library's `malloc`
 * ({@link SystemAllocator}) and the `sys._debugmallocstats()` report of pymalloc.
 *
 * @example
 * ```ts
 * import { createPymalloc, createSystemAllocator } from '@pymm/core/memory';
 * for (const heap of [createPymalloc(), createSystemAllocator()]) {
 *   const blocks: number[] = [];
 *   for (let i = 0; i < 10_000; i++) blocks.push(heap.allocate(56));
 *   for (let i = 0; i < blocks.length; i += 2) heap.free(blocks[i]);
 *   console.log(heap.name, heap.stats().heldBytes);
 * }
 * ```
 *
 * @module @pymm/core/memory
 */

export type { Allocator, AllocatorStats } from './allocator.js';
export {
  ARENA_MAP_BOT_BYTES,
  ARENA_MAP_MID_BYTES,
  ARENA_MAP_ROOT_BYTES,
  formatDebugMallocStats,
  type PymallocDebugStats,
  parseDebugMallocStats,
  type SizeClassStats,
} from './debug-malloc-stats.js';
export {
  createPymalloc,
  type PoolInfo,
  type PoolState,
  PymallocAllocator,
  type PymallocOptions,
  type UsableArena,
} from './pymalloc.js';
export {
  ARENA_SIZE,
  arenaIndexOf,
  blockSizeOfClass,
  blocksPerPool,
  MAX_POOLS_IN_ARENA,
  NB_SMALL_SIZE_CLASSES,
  POOL_OVERHEAD,
  POOL_SIZE,
  PYMALLOC_ALIGNMENT,
  poolAddressOf,
  quantizationLossPerPool,
  SMALL_REQUEST_THRESHOLD,
  sizeClassOf,
} from './pymalloc-geometry.js';
export {
  createSystemAllocator,
  DEFAULT_MMAP_THRESHOLD,
  formatAddress,
  SYSTEM_ADDRESS_BASE,
  SystemAllocator,
  type SystemAllocatorOptions,
  systemChunkSize,
} from './system.js';
