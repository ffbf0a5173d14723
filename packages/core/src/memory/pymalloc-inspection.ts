/**
 * Reading the pymalloc model's state without changing it: the counters, the rows
 * and totals of `sys._debugmallocstats()`, and the order of the pool and arena
 * lists. {@link PymallocAllocator}'s inspection methods delegate here.
 *
 * @module
 */

import type { AllocatorStats } from './allocator.js';
import {
  ARENA_MAP_BOT_BYTES,
  ARENA_MAP_MID_BYTES,
  ARENA_MAP_ROOT_BYTES,
  type PymallocDebugStats,
  type SizeClassStats,
} from './debug-malloc-stats.js';
import type { PymallocAllocator } from './pymalloc.js';
import {
  ARENA_SIZE,
  MAX_POOLS_IN_ARENA,
  NB_SMALL_SIZE_CLASSES,
  POOL_OVERHEAD,
  POOL_SIZE,
  SMALL_REQUEST_THRESHOLD,
} from './pymalloc-geometry.js';
import { DUMMY_SIZE_IDX, HEADS, NONE, NULL_BLOCK, type PymallocView } from './pymalloc-tables.js';
import { formatAddress } from './system.js';

/**
 * Where a pool is, in CPython's three pool states (plus never carved).
 *
 * @example
 * ```ts
 * import { createPymalloc, POOL_SIZE, type PoolState } from '@pymm/core/memory';
 * const heap = createPymalloc();
 * heap.allocate(8);
 * const state: PoolState = heap.poolInfo(POOL_SIZE).state; // 'uncarved'
 * ```
 */
export type PoolState = 'used' | 'full' | 'empty' | 'uncarved';

/**
 * Description of one pool, from {@link PymallocAllocator.poolInfo}.
 *
 * @example
 * ```ts
 * import { createPymalloc, type PoolInfo } from '@pymm/core/memory';
 * const heap = createPymalloc();
 * const info: PoolInfo = heap.poolInfo(heap.allocate(8));
 * info.sizeClass; // 0
 * ```
 */
export interface PoolInfo {
  /** Address of the pool (its header). */
  readonly poolAddress: number;
  /** Arena (`arena_object` slot) the pool belongs to. */
  readonly arenaIndex: number;
  /** The pool's state. */
  readonly state: PoolState;
  /** Size class of its blocks; -1 for a pool that was never initialised. */
  readonly sizeClass: number;
  /** Allocated blocks (`ref.count`). */
  readonly blocksInUse: number;
}

/**
 * One arena in the `usable_arenas` order, from {@link PymallocAllocator.usableArenaOrder}.
 *
 * @example
 * ```ts
 * import { createPymalloc, type UsableArena } from '@pymm/core/memory';
 * const heap = createPymalloc();
 * heap.allocate(8);
 * const [first]: UsableArena[] = heap.usableArenaOrder();
 * first.freePools; // 63
 * ```
 */
export interface UsableArena {
  /** The arena's `arena_object` slot. */
  readonly arenaIndex: number;
  /** Free plus never-carved pools (`nfreepools`). */
  readonly freePools: number;
}

/** The allocator's counters (see {@link PymallocAllocator.stats}). */
export function allocatorStats(t: PymallocView, allocator: string): AllocatorStats {
  const system = t.system;
  const held = t.arenasCurrent * ARENA_SIZE + system.heldBytes;
  const used = t.usedBytes + system.usableBytes;
  return {
    allocator,
    liveBlocks: t.liveBlocks + system.liveBlocks,
    requestedBytes: t.requestedBytes + system.requestedBytes,
    usedBlockBytes: used,
    heldBytes: held,
    fragmentationBytes: held - used,
    arenasAllocated: t.timesArenaAllocated,
    arenasFreed: t.timesArenaAllocated - t.arenasCurrent,
    arenasHighWater: t.arenasHighwater,
    arenasCurrent: t.arenasCurrent,
    poolsPerSizeClass: Array.from(t.poolsInClass),
    systemBlocks: system.liveBlocks,
    systemBytes: system.requestedBytes,
    peakHeldBytes: Math.max(t.peakHeld, held),
  };
}

/**
 * Per size class, the row `sys._debugmallocstats()` prints: pools in use (used or
 * full), blocks in use, and available blocks (free plus never carved) in those
 * pools. All 32 classes, in class order, including empty ones.
 */
export function sizeClassStats(t: PymallocView): SizeClassStats[] {
  const pools = new Float64Array(NB_SMALL_SIZE_CLASSES);
  const blocks = new Float64Array(NB_SMALL_SIZE_CLASSES);
  for (let arena = 0; arena < t.maxArenas; arena++) {
    if (t.arenaMapped[arena] === 0) continue;
    const first = HEADS + arena * MAX_POOLS_IN_ARENA;
    const end = first + t.arenaPoolAddress[arena];
    for (let pool = first; pool < end; pool++) {
      const count = t.poolCount[pool];
      if (count === 0) continue;
      const szidx = t.poolSzidx[pool];
      pools[szidx]++;
      blocks[szidx] += count;
    }
  }
  const rows: SizeClassStats[] = [];
  for (let i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
    const blockSize = (i + 1) << 4;
    const perPool = Math.floor((POOL_SIZE - POOL_OVERHEAD) / blockSize);
    rows.push({
      sizeClass: i,
      blockSize,
      pools: pools[i],
      blocksInUse: blocks[i],
      availableBlocks: pools[i] * perPool - blocks[i],
    });
  }
  return rows;
}

/**
 * All the numbers of `sys._debugmallocstats()`'s obmalloc part, computed the way
 * `_PyObject_DebugMallocStats` does (by walking every carved pool of every arena).
 * The radix-tree counts are those of pymm's simulated address space (one bottom
 * node per 2^14 arena slots), which matches a real process whose arenas lie
 * within one 16 GiB region, the usual case.
 */
export function mallocStats(t: PymallocView): PymallocDebugStats {
  const classes = sizeClassStats(t).filter((row) => row.pools > 0);
  let allocatedBlockBytes = 0;
  let availableBlockBytes = 0;
  let poolHeaderBytes = 0;
  let quantizationBytes = 0;
  for (const row of classes) {
    allocatedBlockBytes += row.blocksInUse * row.blockSize;
    availableBlockBytes += row.availableBlocks * row.blockSize;
    poolHeaderBytes += row.pools * POOL_OVERHEAD;
    quantizationBytes += row.pools * ((POOL_SIZE - POOL_OVERHEAD) % row.blockSize);
  }
  let unusedPools = 0;
  let misaligned = 0;
  for (let arena = 0; arena < t.maxArenas; arena++) {
    if (t.arenaMapped[arena] === 0) continue;
    unusedPools += t.arenaNFreePools[arena];
    misaligned += t.arenaMisaligned[arena];
  }
  const arenaAlignmentBytes = misaligned * POOL_SIZE;
  const unusedPoolBytes = unusedPools * POOL_SIZE;
  const midNodes = t.highestArenaSlot === NONE ? 0 : Math.floor(t.highestArenaSlot / 2 ** 29) + 1;
  const botNodes = t.highestArenaSlot === NONE ? 0 : Math.floor(t.highestArenaSlot / 2 ** 14) + 1;
  return {
    smallBlockThreshold: SMALL_REQUEST_THRESHOLD,
    sizeClassCount: NB_SMALL_SIZE_CLASSES,
    classes,
    arenasAllocatedTotal: t.timesArenaAllocated,
    arenasReclaimed: t.timesArenaAllocated - t.arenasCurrent,
    arenasHighwater: t.arenasHighwater,
    arenasCurrent: t.arenasCurrent,
    arenaSize: ARENA_SIZE,
    arenaBytes: t.arenasCurrent * ARENA_SIZE,
    allocatedBlockBytes,
    availableBlockBytes,
    unusedPools,
    poolSize: POOL_SIZE,
    unusedPoolBytes,
    poolHeaderBytes,
    quantizationBytes,
    arenaAlignmentBytes,
    totalBytes:
      allocatedBlockBytes +
      availableBlockBytes +
      unusedPoolBytes +
      poolHeaderBytes +
      quantizationBytes +
      arenaAlignmentBytes,
    arenaMapMidNodes: midNodes,
    arenaMapBotNodes: botNodes,
    arenaMapBytes: ARENA_MAP_ROOT_BYTES + midNodes * ARENA_MAP_MID_BYTES + botNodes * ARENA_MAP_BOT_BYTES,
  };
}

/** State of the pool at `poolAddress` (see {@link PymallocAllocator.poolInfo}). */
export function poolInfo(t: PymallocView, poolAddress: number): PoolInfo {
  const q = Math.floor(poolAddress / POOL_SIZE);
  const arenaIndex = Math.floor(q / MAX_POOLS_IN_ARENA);
  if (!(poolAddress >= 0) || arenaIndex >= t.maxArenas || t.arenaMapped[arenaIndex] === 0) {
    throw new RangeError(`pymalloc: poolInfo(${formatAddress(poolAddress)}): no arena is mapped there`);
  }
  const pool = q + HEADS;
  const carved = q - arenaIndex * MAX_POOLS_IN_ARENA < t.arenaPoolAddress[arenaIndex];
  const count = t.poolCount[pool];
  const szidx = t.poolSzidx[pool];
  let state: PoolState;
  if (!carved) state = 'uncarved';
  else if (count === 0) state = 'empty';
  else if (t.poolFreeBlock[pool] === NULL_BLOCK) state = 'full';
  else state = 'used';
  return {
    poolAddress: q * POOL_SIZE,
    arenaIndex,
    state,
    sizeClass: carved && szidx !== DUMMY_SIZE_IDX ? szidx : -1,
    blocksInUse: carved ? count : 0,
  };
}

/** Pool addresses in `usedpools[sizeClass]`, front first (see {@link PymallocAllocator.usedPoolOrder}). */
export function usedPoolOrder(t: PymallocView, sizeClass: number): number[] {
  if (!(sizeClass >= 0 && sizeClass < NB_SMALL_SIZE_CLASSES)) {
    throw new RangeError(
      `pymalloc: usedPoolOrder(${sizeClass}): size classes are 0..${NB_SMALL_SIZE_CLASSES - 1}`,
    );
  }
  const order: number[] = [];
  for (let pool = t.poolNext[sizeClass]; pool !== sizeClass; pool = t.poolNext[pool]) {
    order.push((pool - HEADS) * POOL_SIZE);
  }
  return order;
}

/** The arenas of `usable_arenas` in list order (see {@link PymallocAllocator.usableArenaOrder}). */
export function usableArenaOrder(t: PymallocView): UsableArena[] {
  const order: UsableArena[] = [];
  for (let arena = t.usableArenas; arena !== NONE; arena = t.arenaNext[arena]) {
    order.push({ arenaIndex: arena, freePools: t.arenaNFreePools[arena] });
  }
  return order;
}

/** Addresses of an arena's empty pools, in `freepools` order (see {@link PymallocAllocator.freePoolOrder}). */
export function freePoolOrder(t: PymallocView, arenaIndex: number): number[] {
  if (!(arenaIndex >= 0 && arenaIndex < t.maxArenas) || t.arenaMapped[arenaIndex] === 0) {
    throw new RangeError(`pymalloc: freePoolOrder(${arenaIndex}): no arena is mapped in that slot`);
  }
  const order: number[] = [];
  for (let pool = t.arenaFreePools[arenaIndex]; pool !== NONE; pool = t.poolNext[pool]) {
    order.push((pool - HEADS) * POOL_SIZE);
  }
  return order;
}
