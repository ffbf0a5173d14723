/**
 * The allocator contract: how a simulated heap turns object sizes into memory that
 * the simulated process holds. Addresses are plain numbers in a simulated address
 * space; they mean nothing outside the allocator that issued them.
 *
 * @module
 */

/**
 * Counters every allocator reports. All byte figures are simulated bytes.
 *
 * @example
 * ```ts
 * import { type AllocatorStats, createPymalloc } from '@pymm/core/memory';
 * const heap = createPymalloc();
 * heap.allocate(28);
 * const stats: AllocatorStats = heap.stats();
 * stats.fragmentationBytes; // 1048544: one 32-byte block in a 1 MiB arena
 * ```
 */
export interface AllocatorStats {
  /** Name of the allocator model (`pymalloc`, `system`). */
  readonly allocator: string;
  /** Live blocks handed out and not yet freed. */
  readonly liveBlocks: number;
  /** Sum of the sizes that callers asked for, over live blocks ("bytes in live objects"). */
  readonly requestedBytes: number;
  /** Sum of the sizes of the blocks handed out, over live blocks (requests rounded up to their block size). */
  readonly usedBlockBytes: number;
  /** Bytes held from the operating system: arenas plus large (system) blocks. What `ps` would show. */
  readonly heldBytes: number;
  /** Bytes held but not in any used block: `heldBytes - usedBlockBytes`. */
  readonly fragmentationBytes: number;
  /** Arenas allocated over the whole run (0 for `system`). */
  readonly arenasAllocated: number;
  /** Arenas returned to the system over the whole run. */
  readonly arenasFreed: number;
  /** Most arenas held at once. */
  readonly arenasHighWater: number;
  /** Arenas held now. */
  readonly arenasCurrent: number;
  /** Pools in use (used or full) per size class, index = size class (32 entries for pymalloc, empty for system). */
  readonly poolsPerSizeClass: readonly number[];
  /** Blocks served by the system allocator (large or zero-byte requests, or everything for `system`). */
  readonly systemBlocks: number;
  /** Bytes in blocks served by the system allocator (as requested). */
  readonly systemBytes: number;
  /** Most bytes held at once. */
  readonly peakHeldBytes: number;
}

/**
 * An allocator model: allocate, free, reallocate and report.
 *
 * @example
 * ```ts
 * import { type Allocator, createPymalloc, createSystemAllocator } from '@pymm/core/memory';
 * function heldAfterChurn(heap: Allocator): number {
 *   const blocks: number[] = [];
 *   for (let i = 0; i < 1000; i++) blocks.push(heap.allocate(56));
 *   for (const block of blocks) heap.free(block);
 *   return heap.stats().heldBytes;
 * }
 * heldAfterChurn(createPymalloc());         // 1048576: the last arena is kept
 * heldAfterChurn(createSystemAllocator());  // 0
 * ```
 */
export interface Allocator {
  /** Model name, e.g. `pymalloc` or `system`. */
  readonly name: string;
  /** Allocates `nbytes` (0 allowed) and returns the block's address. */
  allocate(nbytes: number): number;
  /** Frees a block previously returned by `allocate` or `reallocate`. */
  free(address: number): void;
  /**
   * Resizes a block with CPython's rules and returns its (possibly new) address.
   * The old address is invalid afterwards if a different one is returned.
   */
  reallocate(address: number, nbytes: number): number;
  /** Counters at this moment (a fresh object each call). */
  stats(): AllocatorStats;
}
