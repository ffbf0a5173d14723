/**
 * A faithful model of CPython 3.11's small-object allocator, pymalloc
 * (`Objects/obmalloc.c`, 64-bit build with the radix tree).
 *
 * The model keeps CPython's data structures and runs CPython's algorithms on
 * them, step for step, so that the numbers `sys._debugmallocstats()` prints come
 * out the same for the same sequence of requests:
 *
 * - **Blocks.** Requests of 1..512 bytes are served from 32 size classes of 16-byte
 *   spacing (`(nbytes - 1) >> 4`). Requests of 0 bytes and of more than 512 bytes
 *   go to the system allocator ({@link SystemAllocator}), as `_PyObject_Malloc`
 *   sends them to `PyMem_RawMalloc`.
 * - **Pools** of 16 KiB with a 48-byte header hold blocks of one class. A pool is
 *   *used* (linked in `usedpools[class]`, a circular doubly linked list), *full*
 *   (in no list) or *empty* (on its arena's `freepools` list, LIFO). A new or
 *   recycled pool is linked at the front of `usedpools`, and a full pool that gets
 *   a block back goes to the front too, so the next allocation reuses that block.
 *   A pool is carved lazily: initialisation hands out the first block and puts the
 *   second on the free list; later blocks are carved from `nextoffset` only when
 *   the free list runs dry. Freed blocks are pushed on the pool's free list (LIFO).
 * - **Arenas** of 1 MiB hold 64 pools (63 when the arena is not pool-aligned, see
 *   {@link PymallocOptions.arenaAlignmentLoss}). `usable_arenas` lists the arenas
 *   with a free or never-carved pool, sorted by ascending number of free pools
 *   (fullest first) and re-sorted in O(1) with `nfp2lasta`. A new arena is mapped
 *   only when `usable_arenas` is empty. An arena whose pools are all free is
 *   unmapped at once, except when it is the last arena in `usable_arenas`, which is
 *   kept to avoid mmap/munmap thrashing (bpo-37257). `arena_object` slots are
 *   reused (`unused_arena_objects`), and their vector doubles from 16 when full.
 *
 * **Simulated addresses.** A pymalloc block's address is
 * `arenaIndex * ARENA_SIZE + poolIndex * POOL_SIZE + 48 + k * blockSize`: the arena is
 * its `arena_object` slot, as if each slot always mapped the same megabyte. A
 * misaligned arena's lost pool is modelled as its last pool, never carved.
 * System blocks live at or above 2^45. Address 0 is never a block (it is NULL).
 *
 * **Representation**: typed arrays, no JavaScript object per block ({@link PymallocTables}).
 *
 * @module
 */

import type { Allocator, AllocatorStats } from './allocator.js';
import {
  formatDebugMallocStats,
  type PymallocDebugStats,
  type SizeClassStats,
} from './debug-malloc-stats.js';
import {
  ARENA_SIZE,
  MAX_POOLS_IN_ARENA,
  POOL_OVERHEAD,
  POOL_SIZE,
  SMALL_REQUEST_THRESHOLD,
} from './pymalloc-geometry.js';
import {
  allocatorStats,
  freePoolOrder,
  mallocStats,
  type PoolInfo,
  poolInfo,
  sizeClassStats,
  type UsableArena,
  usableArenaOrder,
  usedPoolOrder,
} from './pymalloc-inspection.js';
import type { PymallocOptions } from './pymalloc-options.js';
import {
  BLOCK_START,
  DUMMY_SIZE_IDX,
  doubleFree,
  FREE_BIT,
  GRANULE_SHIFT,
  HEADS,
  invalidAddress,
  NONE,
  NULL_BLOCK,
  PymallocTables,
} from './pymalloc-tables.js';
import { formatAddress, SYSTEM_ADDRESS_BASE, SystemAllocator } from './system.js';

export type { PoolInfo, PoolState, UsableArena } from './pymalloc-inspection.js';
export type { PymallocOptions } from './pymalloc-options.js';

/**
 * The pymalloc model: see the module comment for what it reproduces.
 *
 * @example
 * ```ts
 * import { PymallocAllocator } from '@pymm/core/memory';
 * const heap = new PymallocAllocator();
 * const a = heap.allocate(56);   // a list object: 64-byte class
 * const b = heap.allocate(1000); // too large: goes to the system allocator
 * heap.free(a);
 * heap.free(b);
 * heap.stats().arenasCurrent; // 1: the last arena is kept
 * ```
 */
export class PymallocAllocator extends PymallocTables implements Allocator {
  /** Model name. */
  readonly name = 'pymalloc';
  /** The allocator that serves 0-byte and large requests. */
  readonly system: SystemAllocator;

  private readonly alignmentLoss: boolean | ((arenaSerial: number) => boolean);

  /** Creates an empty allocator (no arena yet). Prefer {@link createPymalloc}. */
  constructor(options: PymallocOptions = {}) {
    super();
    this.alignmentLoss = options.arenaAlignmentLoss ?? false;
    this.system = options.system ?? new SystemAllocator();
  }

  /**
   * Allocates `nbytes` and returns the block's address (`_PyObject_Malloc`):
   * pymalloc for 1..512 bytes, the system allocator otherwise.
   */
  allocate(nbytes: number): number {
    if (nbytes >= 1 && nbytes <= SMALL_REQUEST_THRESHOLD && (nbytes | 0) === nbytes) {
      // pymalloc_alloc: take the head block of the first used pool of the class.
      const size = (nbytes - 1) >> 4;
      const pool = this.poolNext[size];
      if (pool === size) return this.allocateFromNewPool(size, nbytes);
      this.poolCount[pool]++;
      const bp = this.poolFreeBlock[pool];
      const word = (pool << GRANULE_SHIFT) | bp;
      const next = this.blockWord[word] & NULL_BLOCK;
      this.blockWord[word] = nbytes;
      if (next !== NULL_BLOCK) this.poolFreeBlock[pool] = next;
      else this.poolExtend(pool, size);
      this.liveBlocks++;
      this.requestedBytes += nbytes;
      this.usedBytes += (size + 1) << 4;
      return (pool - HEADS) * POOL_SIZE + POOL_OVERHEAD + (bp << 4);
    }
    return this.allocateFromSystem(nbytes);
  }

  /**
   * Frees a block (`_PyObject_Free`). Freeing address 0 (NULL) does nothing.
   *
   * @throws RangeError when the address is not a live block of this allocator.
   */
  free(address: number): void {
    if (address >= SYSTEM_ADDRESS_BASE) {
      this.system.free(address);
      return;
    }
    const q = (address / POOL_SIZE) | 0;
    const pool = q + HEADS;
    const offset = address - q * POOL_SIZE - POOL_OVERHEAD;
    const bp = offset >> 4;
    const szidx = this.poolSzidx[pool];
    if (
      !(this.poolCount[pool] > 0) ||
      !(offset >= 0) ||
      offset !== bp << 4 ||
      offset + POOL_OVERHEAD >= this.poolNextOffset[pool] ||
      BLOCK_START[(szidx << GRANULE_SHIFT) | bp] === 0
    ) {
      if (address === 0) return;
      throw invalidAddress('free', address);
    }
    const blockSize = (szidx + 1) << 4;
    const word = (pool << GRANULE_SHIFT) | bp;
    const requested = this.blockWord[word];
    if (requested & FREE_BIT) throw doubleFree('free', address);

    // pymalloc_free: push the block on the pool's free list.
    this.liveBlocks--;
    this.requestedBytes -= requested;
    this.usedBytes -= blockSize;
    const lastFree = this.poolFreeBlock[pool];
    this.blockWord[word] = FREE_BIT | lastFree;
    this.poolFreeBlock[pool] = bp;
    const count = --this.poolCount[pool];
    if (lastFree === NULL_BLOCK) {
      // The pool was full: link it at the front of usedpools, so the next
      // allocation of this class reuses the block just freed.
      this.insertToUsedpool(pool);
      return;
    }
    if (count !== 0) return;
    // The pool is empty: move it to its arena's free pools.
    this.insertToFreepool(pool);
  }

  /**
   * Resizes a block with `_PyObject_Realloc`'s rules and returns its address:
   *
   * - address 0 allocates;
   * - a pymalloc block stays in place when `nbytes <= blockSize` and
   *   `4 * nbytes > 3 * blockSize` (same size or shrinking by less than 25%);
   * - otherwise a new block is allocated (pymalloc or system, by the new size), then
   *   the old one is freed;
   * - a system block stays with the system allocator even if the new size is
   *   512 bytes or less (`PyMem_RawRealloc`: pymalloc cannot know how much of a
   *   foreign block is valid to copy).
   */
  reallocate(address: number, nbytes: number): number {
    if (address === 0) return this.allocate(nbytes);
    if (address >= SYSTEM_ADDRESS_BASE) {
      const moved = this.system.reallocate(address, nbytes);
      this.notePeak();
      return moved;
    }
    if (!Number.isInteger(nbytes) || nbytes < 0) {
      throw new RangeError(
        `pymalloc: reallocate(${formatAddress(address)}, ${nbytes}): the size must be a non-negative integer`,
      );
    }
    const word = this.liveWord('reallocate', address);
    const pool = word >> GRANULE_SHIFT;
    const size = (this.poolSzidx[pool] + 1) << 4;
    if (nbytes <= size && 4 * nbytes > 3 * size) {
      this.requestedBytes += nbytes - this.blockWord[word];
      this.blockWord[word] = nbytes;
      return address;
    }
    const fresh = this.allocate(nbytes);
    this.free(address);
    return fresh;
  }

  /**
   * Counters at this moment (a fresh object each call). Block and byte counts
   * include the blocks served by the system allocator; `heldBytes` is the mapped
   * arenas plus the system allocator's chunks.
   */
  stats(): AllocatorStats {
    return allocatorStats(this.view(this.system), this.name);
  }

  /**
   * Per size class, the row `sys._debugmallocstats()` prints (all 32 classes, in
   * class order, including empty ones).
   *
   * @example
   * ```ts
   * import { createPymalloc } from '@pymm/core/memory';
   * const heap = createPymalloc();
   * for (let i = 0; i < 300; i++) heap.allocate(64);
   * heap.sizeClassStats()[3]; // { sizeClass: 3, blockSize: 64, pools: 2, blocksInUse: 300, availableBlocks: 210 }
   * ```
   */
  sizeClassStats(): SizeClassStats[] {
    return sizeClassStats(this.view(this.system));
  }

  /**
   * All the numbers of `sys._debugmallocstats()`'s obmalloc part, computed the way
   * `_PyObject_DebugMallocStats` does (by walking every carved pool of every arena).
   *
   * @example
   * ```ts
   * import { createPymalloc } from '@pymm/core/memory';
   * const heap = createPymalloc();
   * heap.allocate(16);
   * const s = heap.mallocStats();
   * s.unusedPools;      // 63
   * s.poolHeaderBytes;  // 48
   * s.totalBytes === s.arenaBytes; // true
   * ```
   */
  mallocStats(): PymallocDebugStats {
    return mallocStats(this.view(this.system));
  }

  /**
   * The obmalloc part of `sys._debugmallocstats()`, formatted exactly as CPython 3.11
   * prints it (see {@link formatDebugMallocStats}).
   *
   * @example
   * ```ts
   * import { createPymalloc } from '@pymm/core/memory';
   * const heap = createPymalloc();
   * heap.allocate(28);
   * console.log(heap.debugMallocStats());
   * // Small block threshold = 512, in 32 size classes.
   * // ...
   * // # arenas allocated total           =                    1
   * ```
   */
  debugMallocStats(): string {
    return formatDebugMallocStats(this.mallocStats());
  }

  /**
   * Block size of a live block: its size class's block size for pymalloc blocks,
   * the usable size for system blocks.
   *
   * @example
   * ```ts
   * import { createPymalloc } from '@pymm/core/memory';
   * const heap = createPymalloc();
   * heap.blockSize(heap.allocate(28)); // 32
   * ```
   */
  blockSize(address: number): number {
    if (address >= SYSTEM_ADDRESS_BASE) return this.system.usableSize(address);
    const pool = this.liveWord('blockSize', address) >> GRANULE_SHIFT;
    return (this.poolSzidx[pool] + 1) << 4;
  }

  /**
   * State of the pool at `poolAddress` (any address inside the pool will do).
   *
   * @example
   * ```ts
   * import { createPymalloc } from '@pymm/core/memory';
   * const heap = createPymalloc();
   * const a = heap.allocate(512);
   * heap.poolInfo(a).state; // 'used'
   * heap.free(a);
   * heap.poolInfo(a).state; // 'empty'
   * ```
   */
  poolInfo(poolAddress: number): PoolInfo {
    return poolInfo(this.view(this.system), poolAddress);
  }

  /**
   * Pool addresses in `usedpools[sizeClass]`, front first: the pool the next
   * allocation of that class comes from is the first one.
   *
   * @example
   * ```ts
   * import { createPymalloc } from '@pymm/core/memory';
   * const heap = createPymalloc();
   * heap.allocate(64);
   * heap.usedPoolOrder(3); // [0]
   * ```
   */
  usedPoolOrder(sizeClass: number): number[] {
    return usedPoolOrder(this.view(this.system), sizeClass);
  }

  /**
   * The arenas of `usable_arenas` in list order (ascending free pools: the first one
   * serves the next new pool).
   *
   * @example
   * ```ts
   * import { createPymalloc } from '@pymm/core/memory';
   * const heap = createPymalloc();
   * heap.allocate(64);
   * heap.usableArenaOrder(); // [{ arenaIndex: 0, freePools: 63 }]
   * ```
   */
  usableArenaOrder(): UsableArena[] {
    return usableArenaOrder(this.view(this.system));
  }

  /**
   * Addresses of an arena's empty pools, in `freepools` order (the first is reused first).
   *
   * @example
   * ```ts
   * import { createPymalloc } from '@pymm/core/memory';
   * const heap = createPymalloc();
   * const a = heap.allocate(64);
   * heap.allocate(128);
   * heap.free(a);
   * heap.freePoolOrder(0); // [0]
   * ```
   */
  freePoolOrder(arenaIndex: number): number[] {
    return freePoolOrder(this.view(this.system), arenaIndex);
  }

  // ------------------------------------------------------------------------------
  // The allocation path, in the order CPython runs it.

  /**
   * `pymalloc_pool_extend`: the pool's free list ran dry. Carve the next virgin
   * block if there is room; otherwise the pool is full and leaves usedpools.
   */
  private poolExtend(pool: number, size: number): void {
    const nextOffset = this.poolNextOffset[pool];
    if (nextOffset <= this.poolMaxNextOffset[pool]) {
      const bp = (nextOffset - POOL_OVERHEAD) >> 4;
      this.poolFreeBlock[pool] = bp;
      this.blockWord[(pool << GRANULE_SHIFT) | bp] = FREE_BIT | NULL_BLOCK;
      this.poolNextOffset[pool] = nextOffset + ((size + 1) << 4);
      return;
    }
    this.poolFreeBlock[pool] = NULL_BLOCK;
    const next = this.poolNext[pool];
    const prev = this.poolPrev[pool];
    this.poolPrev[next] = prev;
    this.poolNext[prev] = next;
  }

  /**
   * `allocate_from_new_pool`: usedpools[size] is empty. Take a pool from the
   * fullest usable arena (mapping a new arena if there is none), link it at the
   * front of usedpools and return its first block.
   */
  private allocateFromNewPool(size: number, nbytes: number): number {
    if (this.usableArenas === NONE) {
      const arena = this.newArena();
      this.usableArenas = arena;
      this.arenaNext[arena] = NONE;
      this.arenaPrev[arena] = NONE;
      this.nfp2lasta[this.arenaNFreePools[arena]] = arena;
    }
    const arena = this.usableArenas;
    // This arena has the fewest free pools; taking one keeps it first, but the
    // nfp2lasta fingers move, and a now-full arena leaves the list.
    const nfp = this.arenaNFreePools[arena];
    if (this.nfp2lasta[nfp] === arena) this.nfp2lasta[nfp] = NONE;
    if (nfp > 1) this.nfp2lasta[nfp - 1] = arena;

    let pool = this.arenaFreePools[arena];
    if (pool !== NONE) {
      // A cached empty pool.
      this.arenaFreePools[arena] = this.poolNext[pool];
    } else {
      // Carve a new pool off the arena.
      pool = HEADS + arena * MAX_POOLS_IN_ARENA + this.arenaPoolAddress[arena];
      this.arenaPoolAddress[arena]++;
      this.poolSzidx[pool] = DUMMY_SIZE_IDX;
    }
    if (--this.arenaNFreePools[arena] === 0) {
      // Wholly allocated: unlink from usable_arenas.
      const next = this.arenaNext[arena];
      this.usableArenas = next;
      if (next !== NONE) this.arenaPrev[next] = NONE;
    }

    // Front-link to usedpools[size] (which is empty).
    this.poolNext[pool] = size;
    this.poolPrev[pool] = size;
    this.poolNext[size] = pool;
    this.poolPrev[size] = pool;
    this.poolCount[pool] = 1;
    this.poolsInClass[size]++;
    this.liveBlocks++;
    this.requestedBytes += nbytes;
    this.usedBytes += (size + 1) << 4;
    const base = (pool - HEADS) * POOL_SIZE;

    if (this.poolSzidx[pool] === size) {
      // The pool last held this size class: its free list is still valid.
      const bp = this.poolFreeBlock[pool];
      const word = (pool << GRANULE_SHIFT) | bp;
      this.poolFreeBlock[pool] = this.blockWord[word] & NULL_BLOCK;
      this.blockWord[word] = nbytes;
      return base + POOL_OVERHEAD + (bp << 4);
    }
    // Initialise the pool: return the first block, the second is the free list.
    const blockSize = (size + 1) << 4;
    const second = blockSize >> 4;
    this.poolSzidx[pool] = size;
    this.poolNextOffset[pool] = POOL_OVERHEAD + 2 * blockSize;
    this.poolMaxNextOffset[pool] = POOL_SIZE - blockSize;
    this.poolFreeBlock[pool] = second;
    this.blockWord[pool << GRANULE_SHIFT] = nbytes;
    this.blockWord[(pool << GRANULE_SHIFT) | second] = FREE_BIT | NULL_BLOCK;
    return base + POOL_OVERHEAD;
  }

  /** `new_arena`: map an arena into the first unused `arena_object` slot. */
  private newArena(): number {
    if (this.unusedArenaObjects === NONE) this.growArenaObjects();
    const arena = this.unusedArenaObjects;
    this.unusedArenaObjects = this.arenaNext[arena];
    const lose =
      typeof this.alignmentLoss === 'function'
        ? this.alignmentLoss(this.timesArenaAllocated)
        : this.alignmentLoss;
    this.ensureBlockWords(arena);
    this.arenaMapped[arena] = 1;
    this.arenaMisaligned[arena] = lose ? 1 : 0;
    this.arenaFreePools[arena] = NONE;
    this.arenaPoolAddress[arena] = 0;
    this.arenaNFreePools[arena] = lose ? MAX_POOLS_IN_ARENA - 1 : MAX_POOLS_IN_ARENA;
    this.arenaNTotalPools[arena] = this.arenaNFreePools[arena];
    this.arenasCurrent++;
    this.timesArenaAllocated++;
    if (this.arenasCurrent > this.arenasHighwater) this.arenasHighwater = this.arenasCurrent;
    if (arena > this.highestArenaSlot) this.highestArenaSlot = arena;
    this.notePeak();
    return arena;
  }

  private allocateFromSystem(nbytes: number): number {
    if (!Number.isInteger(nbytes) || nbytes < 0) {
      throw new RangeError(`pymalloc: allocate(${nbytes}): the size must be a non-negative integer`);
    }
    const address = this.system.allocate(nbytes);
    this.notePeak();
    return address;
  }

  // ------------------------------------------------------------------------------
  // The free path.

  /** `insert_to_usedpool`: link a pool that was full at the front of usedpools. */
  private insertToUsedpool(pool: number): void {
    const head = this.poolSzidx[pool];
    const next = this.poolNext[head];
    const prev = this.poolPrev[next];
    this.poolNext[pool] = next;
    this.poolPrev[pool] = prev;
    this.poolPrev[next] = pool;
    this.poolNext[prev] = pool;
  }

  /**
   * `insert_to_freepool`: a pool became empty. Unlink it from usedpools, push it on
   * its arena's free pools, and keep `usable_arenas` sorted, releasing the arena if
   * it is wholly free and not the last one in the list.
   */
  private insertToFreepool(pool: number): void {
    const next = this.poolNext[pool];
    const prev = this.poolPrev[pool];
    this.poolPrev[next] = prev;
    this.poolNext[prev] = next;
    this.poolsInClass[this.poolSzidx[pool]]--;

    const ao = (pool - HEADS) >> 6;
    this.poolNext[pool] = this.arenaFreePools[ao];
    this.arenaFreePools[ao] = pool;
    let nf = this.arenaNFreePools[ao];
    // If this arena is the rightmost with nf free pools, the finger moves left.
    const lastnf = this.nfp2lasta[nf];
    if (lastnf === ao) {
      const p = this.arenaPrev[ao];
      this.nfp2lasta[nf] = p !== NONE && this.arenaNFreePools[p] === nf ? p : NONE;
    }
    this.arenaNFreePools[ao] = ++nf;

    // Case 1: wholly free and not the last usable arena: unmap it.
    if (nf === this.arenaNTotalPools[ao] && this.arenaNext[ao] !== NONE) {
      this.releaseArena(ao);
      return;
    }
    // Case 2: the arena was full; it goes to the head of usable_arenas.
    if (nf === 1) {
      this.arenaNext[ao] = this.usableArenas;
      this.arenaPrev[ao] = NONE;
      if (this.usableArenas !== NONE) this.arenaPrev[this.usableArenas] = ao;
      this.usableArenas = ao;
      if (this.nfp2lasta[1] === NONE) this.nfp2lasta[1] = ao;
      return;
    }
    if (this.nfp2lasta[nf] === NONE) this.nfp2lasta[nf] = ao;
    // Case 4: it was the rightmost with the old count, so it is still in order.
    if (ao === lastnf) return;
    // Case 3: slide it right, to just after lastnf.
    const aoPrev = this.arenaPrev[ao];
    const aoNext = this.arenaNext[ao];
    if (aoPrev !== NONE) this.arenaNext[aoPrev] = aoNext;
    else this.usableArenas = aoNext;
    this.arenaPrev[aoNext] = aoPrev;
    this.arenaPrev[ao] = lastnf;
    const after = this.arenaNext[lastnf];
    this.arenaNext[ao] = after;
    if (after !== NONE) this.arenaPrev[after] = ao;
    this.arenaNext[lastnf] = ao;
  }

  /** Unlinks a wholly free arena from usable_arenas and returns it to the system. */
  private releaseArena(ao: number): void {
    const prev = this.arenaPrev[ao];
    const next = this.arenaNext[ao];
    if (prev === NONE) this.usableArenas = next;
    else this.arenaNext[prev] = next;
    if (next !== NONE) this.arenaPrev[next] = prev;
    this.arenaNext[ao] = this.unusedArenaObjects;
    this.unusedArenaObjects = ao;
    this.arenaMapped[ao] = 0;
    this.arenasCurrent--;
  }

  // ------------------------------------------------------------------------------
  // Helpers.

  private notePeak(): void {
    const held = this.arenasCurrent * ARENA_SIZE + this.system.heldBytes;
    if (held > this.peakHeld) this.peakHeld = held;
  }
}

/**
 * Creates a {@link PymallocAllocator}, CPython 3.11's default object allocator.
 *
 * @example
 * ```ts
 * import { createPymalloc } from '@pymm/core/memory';
 * const heap = createPymalloc({ arenaAlignmentLoss: true });
 * const addresses: number[] = [];
 * for (let i = 0; i < 100_000; i++) addresses.push(heap.allocate(28));
 * heap.stats().arenasCurrent; // 4 (100,000 ints in 197 pools, 63 pools per arena)
 * for (const a of addresses) heap.free(a);
 * heap.stats().arenasCurrent; // 1 (the last usable arena is kept)
 * ```
 */
export function createPymalloc(options: PymallocOptions = {}): PymallocAllocator {
  return new PymallocAllocator(options);
}
