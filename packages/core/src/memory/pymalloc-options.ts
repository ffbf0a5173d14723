/**
 * Options of the pymalloc model.
 *
 * @module
 */

import type { createPymalloc } from './pymalloc.js';
import type { SystemAllocator } from './system.js';

/**
 * Options of {@link createPymalloc}.
 *
 * @example
 * ```ts
 * import { createPymalloc, createSystemAllocator } from '@pymm/core/memory';
 * const malloc = createSystemAllocator();
 * const heap = createPymalloc({ arenaAlignmentLoss: (serial) => serial > 0, system: malloc });
 * heap.allocate(4096);
 * malloc.stats().liveBlocks; // 1: large requests went to the given system allocator
 * ```
 */
export interface PymallocOptions {
  /**
   * Whether a new arena loses one pool to alignment. CPython maps arenas with
   * `mmap`, which only guarantees 4 KiB alignment; `new_arena` rounds the first
   * pool up to a 16 KiB boundary, and an arena that was not 16 KiB-aligned then
   * holds 63 pools instead of 64 ("bytes lost to arena alignment"). Whether that
   * happens depends on where the kernel places the mapping.
   *
   * - `false` (default): every arena is aligned and holds 64 pools.
   * - `true`: every arena loses one pool.
   * - a function: called with the arena's serial number (0 for the first arena
   *   ever allocated, 1 for the second, ...) and returns whether it loses one.
   */
  readonly arenaAlignmentLoss?: boolean | ((arenaSerial: number) => boolean);
  /** The allocator for 0-byte and large requests. Default: a new {@link SystemAllocator}. */
  readonly system?: SystemAllocator;
}
