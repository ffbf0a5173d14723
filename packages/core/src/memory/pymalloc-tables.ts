/**
 * How the pymalloc model lays out CPython's structures (see the module comment
 * of `pymalloc.ts`): the encoding constants, the tables and their growth, the
 * check of a live block's address, and a read-only view for the inspection code.
 *
 * Everything is in typed arrays indexed by a global pool
 * number (`32 + arenaIndex * 64 + poolIndex`; 0..31 are the `usedpools` list heads):
 * the pool headers (`ref.count`, `freeblock`, `nextpool`, `prevpool`, `szidx`,
 * `nextoffset`, `maxnextoffset`), and one 16-bit word per 16-byte granule of every
 * pool, which holds the requested size of a live block or the free-list link of a
 * free one. No JavaScript object is created per block.
 *
 * @module
 */

import type { PymallocAllocator } from './pymalloc.js';
import { MAX_POOLS_IN_ARENA, NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD, POOL_SIZE } from './pymalloc-geometry.js';
import { formatAddress, type SystemAllocator } from './system.js';

/** Pool numbers 0..31 are the `usedpools` list heads; a pool's number is `HEADS + arena * 64 + index`. */
export const HEADS = NB_SMALL_SIZE_CLASSES;
/** 1024 granule words per pool; 1021 are used. */
export const GRANULE_SHIFT = 10;
/** In a block word: the block is free, and the low bits link to the next free granule. */
export const FREE_BIT = 0x8000;
/** The end of a pool's free list (and the free-link mask). */
export const NULL_BLOCK = 0x7fff;
/** `szidx` of a pool carved but never initialised. */
export const DUMMY_SIZE_IDX = 0xffff;
/** The end of an arena or pool list. */
export const NONE = -1;

/**
 * The allocator's tables and counters, read-only, as they are at the moment the
 * view is taken (the allocator replaces its arrays when it grows them).
 */
export interface PymallocView {
  readonly system: SystemAllocator;
  readonly maxArenas: number;
  readonly arenaMapped: Uint8Array;
  readonly arenaMisaligned: Uint8Array;
  readonly arenaPoolAddress: Int32Array;
  readonly arenaNFreePools: Int32Array;
  readonly arenaFreePools: Int32Array;
  readonly arenaNext: Int32Array;
  readonly usableArenas: number;
  readonly poolCount: Int32Array;
  readonly poolFreeBlock: Int32Array;
  readonly poolNext: Int32Array;
  readonly poolSzidx: Int32Array;
  readonly poolsInClass: Int32Array;
  readonly timesArenaAllocated: number;
  readonly arenasCurrent: number;
  readonly arenasHighwater: number;
  readonly highestArenaSlot: number;
  readonly liveBlocks: number;
  readonly requestedBytes: number;
  readonly usedBytes: number;
  readonly peakHeld: number;
}

const INITIAL_ARENA_OBJECTS = 16;

/** `BLOCK_START[(sizeClass << 10) | granule]` is 1 when a block of that class starts at that granule. */
export const BLOCK_START = new Uint8Array(NB_SMALL_SIZE_CLASSES << GRANULE_SHIFT);
for (let sizeClass = 0; sizeClass < NB_SMALL_SIZE_CLASSES; sizeClass++) {
  for (let granule = 0; granule < 1 << GRANULE_SHIFT; granule += sizeClass + 1) {
    BLOCK_START[(sizeClass << GRANULE_SHIFT) | granule] = 1;
  }
}

/** The error for an address that is not a live block. */
export function invalidAddress(operation: string, address: number): RangeError {
  return new RangeError(
    `pymalloc: ${operation}(${formatAddress(address)}): not a block this allocator handed out ` +
      `(no live pool there, or not at a block boundary)`,
  );
}

/** The error for a block freed twice, or used after it was freed. */
export function doubleFree(operation: string, address: number): RangeError {
  return new RangeError(
    `pymalloc: ${operation}(${formatAddress(address)}): the block is already free (double free or use after free)`,
  );
}

/**
 * CPython's pymalloc structures as typed arrays: the `arena_object` vector, the
 * pool headers (with the `usedpools` heads), the per-granule block words and the
 * counters, and how they grow. {@link PymallocAllocator} runs obmalloc.c's
 * algorithm on them.
 */
export abstract class PymallocTables {
  // --- arena_object vector (indexed by arena slot) ---
  protected maxArenas = 0;
  /** 1 when the slot has an arena mapped (CPython: `address != 0`). */
  protected arenaMapped = new Uint8Array(0);
  /** 1 when the arena lost a pool to alignment. */
  protected arenaMisaligned = new Uint8Array(0);
  /** Index in the arena of the next pool to carve (`pool_address`). */
  protected arenaPoolAddress = new Int32Array(0);
  protected arenaNFreePools = new Int32Array(0);
  protected arenaNTotalPools = new Int32Array(0);
  /** Head of the arena's empty-pool list (a pool number), linked through `poolNext`. */
  protected arenaFreePools = new Int32Array(0);
  protected arenaNext = new Int32Array(0);
  protected arenaPrev = new Int32Array(0);
  protected unusedArenaObjects = NONE;
  protected usableArenas = NONE;
  /** `nfp2lasta[nfp]`: the last arena in `usable_arenas` with `nfp` free pools. */
  protected readonly nfp2lasta = new Int32Array(MAX_POOLS_IN_ARENA + 1).fill(NONE);

  // --- pool headers (indexed by pool number; 0..31 are the usedpools heads) ---
  protected poolSlots = HEADS;
  protected poolCount = new Int32Array(HEADS);
  /** Granule of the first free block, or NULL_BLOCK. */
  protected poolFreeBlock = new Int32Array(HEADS);
  protected poolNext = new Int32Array(HEADS);
  protected poolPrev = new Int32Array(HEADS);
  protected poolSzidx = new Int32Array(HEADS);
  protected poolNextOffset = new Int32Array(HEADS);
  protected poolMaxNextOffset = new Int32Array(HEADS);
  /**
   * One word per 16-byte granule of each pool, at `(pool << 10) | granule`. At a
   * live block's first granule: the requested size (1..512). At a free block's:
   * `FREE_BIT | next free granule` (`NULL_BLOCK` ends the list).
   */
  protected blockWord = new Uint16Array(HEADS << GRANULE_SHIFT);

  // --- counters ---
  protected readonly poolsInClass = new Int32Array(NB_SMALL_SIZE_CLASSES);
  protected timesArenaAllocated = 0;
  protected arenasCurrent = 0;
  protected arenasHighwater = 0;
  protected highestArenaSlot = NONE;
  protected liveBlocks = 0;
  protected requestedBytes = 0;
  protected usedBytes = 0;
  protected peakHeld = 0;

  constructor() {
    for (let head = 0; head < HEADS; head++) {
      // An empty circular list: the head points at itself.
      this.poolNext[head] = head;
      this.poolPrev[head] = head;
    }
  }

  /** Doubles the `arena_object` vector (16, 32, 64, ...) and every pool table with it. */
  protected growArenaObjects(): void {
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
  protected ensureBlockWords(arena: number): void {
    const needed = (HEADS + (arena + 1) * MAX_POOLS_IN_ARENA) << GRANULE_SHIFT;
    if (this.blockWord.length >= needed) return;
    const poolWords = MAX_POOLS_IN_ARENA << GRANULE_SHIFT;
    const target = Math.max(needed, Math.ceil((this.blockWord.length * 1.25) / poolWords) * poolWords);
    const words = new Uint16Array(target);
    words.set(this.blockWord);
    this.blockWord = words;
  }

  /** Validates a live pymalloc block and returns its granule word index. */
  protected liveWord(operation: string, address: number): number {
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
      throw invalidAddress(operation, address);
    }
    const word = (pool << GRANULE_SHIFT) | bp;
    if (this.blockWord[word] & FREE_BIT) throw doubleFree(operation, address);
    return word;
  }

  /**
   * A read-only view of the tables and counters as they are now, for the inspection functions.
   *
   * @internal
   */
  protected view(system: SystemAllocator): PymallocView {
    return {
      system,
      maxArenas: this.maxArenas,
      arenaMapped: this.arenaMapped,
      arenaMisaligned: this.arenaMisaligned,
      arenaPoolAddress: this.arenaPoolAddress,
      arenaNFreePools: this.arenaNFreePools,
      arenaFreePools: this.arenaFreePools,
      arenaNext: this.arenaNext,
      usableArenas: this.usableArenas,
      poolCount: this.poolCount,
      poolFreeBlock: this.poolFreeBlock,
      poolNext: this.poolNext,
      poolSzidx: this.poolSzidx,
      poolsInClass: this.poolsInClass,
      timesArenaAllocated: this.timesArenaAllocated,
      arenasCurrent: this.arenasCurrent,
      arenasHighwater: this.arenasHighwater,
      highestArenaSlot: this.highestArenaSlot,
      liveBlocks: this.liveBlocks,
      requestedBytes: this.requestedBytes,
      usedBytes: this.usedBytes,
      peakHeld: this.peakHeld,
    };
  }
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
