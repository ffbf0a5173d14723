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
 * **Representation.** Everything is in typed arrays indexed by a global pool
 * number (`32 + arenaIndex * 64 + poolIndex`; 0..31 are the `usedpools` list heads):
 * the pool headers (`ref.count`, `freeblock`, `nextpool`, `prevpool`, `szidx`,
 * `nextoffset`, `maxnextoffset`), and one 16-bit word per 16-byte granule of every
 * pool, which holds the requested size of a live block or the free-list link of a
 * free one. No JavaScript object is created per block.
 *
 * @module
 */

import type { Allocator, AllocatorStats } from './allocator.js';
import {
  ARENA_MAP_BOT_BYTES,
  ARENA_MAP_MID_BYTES,
  ARENA_MAP_ROOT_BYTES,
  formatDebugMallocStats,
  type PymallocDebugStats,
  type SizeClassStats,
} from './debug-malloc-stats.js';
import {
  ARENA_SIZE,
  MAX_POOLS_IN_ARENA,
  NB_SMALL_SIZE_CLASSES,
  POOL_OVERHEAD,
  POOL_SIZE,
  SMALL_REQUEST_THRESHOLD,
} from './pymalloc-geometry.js';
import { formatAddress, SYSTEM_ADDRESS_BASE, SystemAllocator } from './system.js';

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

const HEADS = NB_SMALL_SIZE_CLASSES;
const GRANULE_SHIFT = 10; // 1024 granule words per pool; 1021 are used
const FREE_BIT = 0x8000;
const NULL_BLOCK = 0x7fff;
const DUMMY_SIZE_IDX = 0xffff;
const NONE = -1;
const INITIAL_ARENA_OBJECTS = 16;

/** `BLOCK_START[(sizeClass << 10) | granule]` is 1 when a block of that class starts at that granule. */
const BLOCK_START = new Uint8Array(NB_SMALL_SIZE_CLASSES << GRANULE_SHIFT);
for (let sizeClass = 0; sizeClass < NB_SMALL_SIZE_CLASSES; sizeClass++) {
  for (let granule = 0; granule < 1 << GRANULE_SHIFT; granule += sizeClass + 1) {
    BLOCK_START[(sizeClass << GRANULE_SHIFT) | granule] = 1;
  }
}

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
export class PymallocAllocator implements Allocator {
  /** Model name. */
  readonly name = 'pymalloc';
  /** The allocator that serves 0-byte and large requests. */
  readonly system: SystemAllocator;

  private readonly alignmentLoss: boolean | ((arenaSerial: number) => boolean);

  // --- arena_object vector (indexed by arena slot) ---
  private maxArenas = 0;
  /** 1 when the slot has an arena mapped (CPython: `address != 0`). */
  private arenaMapped = new Uint8Array(0);
  /** 1 when the arena lost a pool to alignment. */
  private arenaMisaligned = new Uint8Array(0);
  /** Index in the arena of the next pool to carve (`pool_address`). */
  private arenaPoolAddress = new Int32Array(0);
  private arenaNFreePools = new Int32Array(0);
  private arenaNTotalPools = new Int32Array(0);
  /** Head of the arena's empty-pool list (a pool number), linked through `poolNext`. */
  private arenaFreePools = new Int32Array(0);
  private arenaNext = new Int32Array(0);
  private arenaPrev = new Int32Array(0);
  private unusedArenaObjects = NONE;
  private usableArenas = NONE;
  /** `nfp2lasta[nfp]`: the last arena in `usable_arenas` with `nfp` free pools. */
  private readonly nfp2lasta = new Int32Array(MAX_POOLS_IN_ARENA + 1).fill(NONE);

  // --- pool headers (indexed by pool number; 0..31 are the usedpools heads) ---
  private poolSlots = HEADS;
  private poolCount = new Int32Array(HEADS);
  /** Granule of the first free block, or NULL_BLOCK. */
  private poolFreeBlock = new Int32Array(HEADS);
  private poolNext = new Int32Array(HEADS);
  private poolPrev = new Int32Array(HEADS);
  private poolSzidx = new Int32Array(HEADS);
  private poolNextOffset = new Int32Array(HEADS);
  private poolMaxNextOffset = new Int32Array(HEADS);
  /**
   * One word per 16-byte granule of each pool, at `(pool << 10) | granule`. At a
   * live block's first granule: the requested size (1..512). At a free block's:
   * `FREE_BIT | next free granule` (`NULL_BLOCK` ends the list).
   */
  private blockWord = new Uint16Array(HEADS << GRANULE_SHIFT);

  // --- counters ---
  private readonly poolsInClass = new Int32Array(NB_SMALL_SIZE_CLASSES);
  private timesArenaAllocated = 0;
  private arenasCurrent = 0;
  private arenasHighwater = 0;
  private highestArenaSlot = NONE;
  private liveBlocks = 0;
  private requestedBytes = 0;
  private usedBytes = 0;
  private peakHeld = 0;

  /** Creates an empty allocator (no arena yet). Prefer {@link createPymalloc}. */
  constructor(options: PymallocOptions = {}) {
    this.alignmentLoss = options.arenaAlignmentLoss ?? false;
    this.system = options.system ?? new SystemAllocator();
    for (let head = 0; head < HEADS; head++) {
      // An empty circular list: the head points at itself.
      this.poolNext[head] = head;
      this.poolPrev[head] = head;
    }
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
      throw this.invalidAddress('free', address);
    }
    const blockSize = (szidx + 1) << 4;
    const word = (pool << GRANULE_SHIFT) | bp;
    const requested = this.blockWord[word];
    if (requested & FREE_BIT) throw this.doubleFree('free', address);

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
    const system = this.system;
    const held = this.arenasCurrent * ARENA_SIZE + system.heldBytes;
    const used = this.usedBytes + system.usableBytes;
    return {
      allocator: this.name,
      liveBlocks: this.liveBlocks + system.liveBlocks,
      requestedBytes: this.requestedBytes + system.requestedBytes,
      usedBlockBytes: used,
      heldBytes: held,
      fragmentationBytes: held - used,
      arenasAllocated: this.timesArenaAllocated,
      arenasFreed: this.timesArenaAllocated - this.arenasCurrent,
      arenasHighWater: this.arenasHighwater,
      arenasCurrent: this.arenasCurrent,
      poolsPerSizeClass: Array.from(this.poolsInClass),
      systemBlocks: system.liveBlocks,
      systemBytes: system.requestedBytes,
      peakHeldBytes: Math.max(this.peakHeld, held),
    };
  }

  /**
   * Per size class, the row `sys._debugmallocstats()` prints: pools in use (used or
   * full), blocks in use, and available blocks (free plus never carved) in those
   * pools. All 32 classes, in class order, including empty ones.
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
    const pools = new Float64Array(NB_SMALL_SIZE_CLASSES);
    const blocks = new Float64Array(NB_SMALL_SIZE_CLASSES);
    this.forEachPoolInUse((szidx, count) => {
      pools[szidx]++;
      blocks[szidx] += count;
    });
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
    const classes = this.sizeClassStats().filter((row) => row.pools > 0);
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
    for (let arena = 0; arena < this.maxArenas; arena++) {
      if (this.arenaMapped[arena] === 0) continue;
      unusedPools += this.arenaNFreePools[arena];
      misaligned += this.arenaMisaligned[arena];
    }
    const arenaAlignmentBytes = misaligned * POOL_SIZE;
    const unusedPoolBytes = unusedPools * POOL_SIZE;
    const midNodes = this.highestArenaSlot === NONE ? 0 : Math.floor(this.highestArenaSlot / 2 ** 29) + 1;
    const botNodes = this.highestArenaSlot === NONE ? 0 : Math.floor(this.highestArenaSlot / 2 ** 14) + 1;
    return {
      smallBlockThreshold: SMALL_REQUEST_THRESHOLD,
      sizeClassCount: NB_SMALL_SIZE_CLASSES,
      classes,
      arenasAllocatedTotal: this.timesArenaAllocated,
      arenasReclaimed: this.timesArenaAllocated - this.arenasCurrent,
      arenasHighwater: this.arenasHighwater,
      arenasCurrent: this.arenasCurrent,
      arenaSize: ARENA_SIZE,
      arenaBytes: this.arenasCurrent * ARENA_SIZE,
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
    const q = Math.floor(poolAddress / POOL_SIZE);
    const arenaIndex = Math.floor(q / MAX_POOLS_IN_ARENA);
    if (!(poolAddress >= 0) || arenaIndex >= this.maxArenas || this.arenaMapped[arenaIndex] === 0) {
      throw new RangeError(`pymalloc: poolInfo(${formatAddress(poolAddress)}): no arena is mapped there`);
    }
    const pool = q + HEADS;
    const carved = q - arenaIndex * MAX_POOLS_IN_ARENA < this.arenaPoolAddress[arenaIndex];
    const count = this.poolCount[pool];
    const szidx = this.poolSzidx[pool];
    let state: PoolState;
    if (!carved) state = 'uncarved';
    else if (count === 0) state = 'empty';
    else if (this.poolFreeBlock[pool] === NULL_BLOCK) state = 'full';
    else state = 'used';
    return {
      poolAddress: q * POOL_SIZE,
      arenaIndex,
      state,
      sizeClass: carved && szidx !== DUMMY_SIZE_IDX ? szidx : -1,
      blocksInUse: carved ? count : 0,
    };
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
    if (!(sizeClass >= 0 && sizeClass < NB_SMALL_SIZE_CLASSES)) {
      throw new RangeError(
        `pymalloc: usedPoolOrder(${sizeClass}): size classes are 0..${NB_SMALL_SIZE_CLASSES - 1}`,
      );
    }
    const order: number[] = [];
    for (let pool = this.poolNext[sizeClass]; pool !== sizeClass; pool = this.poolNext[pool]) {
      order.push((pool - HEADS) * POOL_SIZE);
    }
    return order;
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
    const order: UsableArena[] = [];
    for (let arena = this.usableArenas; arena !== NONE; arena = this.arenaNext[arena]) {
      order.push({ arenaIndex: arena, freePools: this.arenaNFreePools[arena] });
    }
    return order;
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
    if (!(arenaIndex >= 0 && arenaIndex < this.maxArenas) || this.arenaMapped[arenaIndex] === 0) {
      throw new RangeError(`pymalloc: freePoolOrder(${arenaIndex}): no arena is mapped in that slot`);
    }
    const order: number[] = [];
    for (let pool = this.arenaFreePools[arenaIndex]; pool !== NONE; pool = this.poolNext[pool]) {
      order.push((pool - HEADS) * POOL_SIZE);
    }
    return order;
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

  /** Doubles the `arena_object` vector (16, 32, 64, ...) and every pool table with it. */
  private growArenaObjects(): void {
    const oldMax = this.maxArenas;
    const max = oldMax === 0 ? INITIAL_ARENA_OBJECTS : oldMax * 2;
    this.arenaMapped = grownU8(this.arenaMapped, max);
    this.arenaMisaligned = grownU8(this.arenaMisaligned, max);
    this.arenaPoolAddress = grownI32(this.arenaPoolAddress, max);
    this.arenaNFreePools = grownI32(this.arenaNFreePools, max);
    this.arenaNTotalPools = grownI32(this.arenaNTotalPools, max);
    this.arenaFreePools = grownI32(this.arenaFreePools, max);
    this.arenaNext = grownI32(this.arenaNext, max);
    this.arenaPrev = grownI32(this.arenaPrev, max);
    for (let arena = oldMax; arena < max; arena++) {
      this.arenaNext[arena] = arena < max - 1 ? arena + 1 : NONE;
    }
    this.unusedArenaObjects = oldMax;
    this.maxArenas = max;

    const slots = HEADS + max * MAX_POOLS_IN_ARENA;
    this.poolCount = grownI32(this.poolCount, slots);
    this.poolFreeBlock = grownI32(this.poolFreeBlock, slots);
    this.poolNext = grownI32(this.poolNext, slots);
    this.poolPrev = grownI32(this.poolPrev, slots);
    this.poolSzidx = grownI32(this.poolSzidx, slots);
    this.poolNextOffset = grownI32(this.poolNextOffset, slots);
    this.poolMaxNextOffset = grownI32(this.poolMaxNextOffset, slots);
    this.poolSlots = slots;
  }

  /**
   * Makes the per-granule table cover the pools of `arena`. It grows with the
   * arenas actually mapped (by a quarter at a time), not with the doubling
   * `arena_object` vector: at 2 KiB per pool it is the model's largest table.
   */
  private ensureBlockWords(arena: number): void {
    const needed = (HEADS + (arena + 1) * MAX_POOLS_IN_ARENA) << GRANULE_SHIFT;
    if (this.blockWord.length >= needed) return;
    const poolWords = MAX_POOLS_IN_ARENA << GRANULE_SHIFT;
    const target = Math.max(needed, Math.ceil((this.blockWord.length * 1.25) / poolWords) * poolWords);
    const words = new Uint16Array(target);
    words.set(this.blockWord);
    this.blockWord = words;
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

  /** Validates a live pymalloc block and returns its granule word index. */
  private liveWord(operation: string, address: number): number {
    const q = Math.floor(address / POOL_SIZE);
    const pool = q + HEADS;
    const offset = address - q * POOL_SIZE - POOL_OVERHEAD;
    const bp = offset >> 4;
    if (
      !(address > 0) ||
      pool >= this.poolSlots ||
      !(this.poolCount[pool] > 0) ||
      !(offset >= 0) ||
      offset !== bp << 4 ||
      offset + POOL_OVERHEAD >= this.poolNextOffset[pool] ||
      BLOCK_START[(this.poolSzidx[pool] << GRANULE_SHIFT) | bp] === 0
    ) {
      throw this.invalidAddress(operation, address);
    }
    const word = (pool << GRANULE_SHIFT) | bp;
    if (this.blockWord[word] & FREE_BIT) throw this.doubleFree(operation, address);
    return word;
  }

  private notePeak(): void {
    const held = this.arenasCurrent * ARENA_SIZE + this.system.heldBytes;
    if (held > this.peakHeld) this.peakHeld = held;
  }

  private forEachPoolInUse(visit: (szidx: number, count: number) => void): void {
    for (let arena = 0; arena < this.maxArenas; arena++) {
      if (this.arenaMapped[arena] === 0) continue;
      const first = HEADS + arena * MAX_POOLS_IN_ARENA;
      const end = first + this.arenaPoolAddress[arena];
      for (let pool = first; pool < end; pool++) {
        const count = this.poolCount[pool];
        if (count > 0) visit(this.poolSzidx[pool], count);
      }
    }
  }

  private invalidAddress(operation: string, address: number): RangeError {
    return new RangeError(
      `pymalloc: ${operation}(${formatAddress(address)}): not a block this allocator handed out ` +
        `(no live pool there, or not at a block boundary)`,
    );
  }

  private doubleFree(operation: string, address: number): RangeError {
    return new RangeError(
      `pymalloc: ${operation}(${formatAddress(address)}): the block is already free (double free or use after free)`,
    );
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

function grownI32(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}

function grownU8(array: Uint8Array, length: number): Uint8Array<ArrayBuffer> {
  const grown = new Uint8Array(length);
  grown.set(array);
  return grown;
}
