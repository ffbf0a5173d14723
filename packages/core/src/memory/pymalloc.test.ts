import { describe, expect, it } from 'vitest';
import { createPymalloc, type PymallocAllocator } from './pymalloc.js';
import {
  ARENA_SIZE,
  arenaIndexOf,
  blockSizeOfClass,
  blocksPerPool,
  MAX_POOLS_IN_ARENA,
  NB_SMALL_SIZE_CLASSES,
  POOL_OVERHEAD,
  POOL_SIZE,
  poolAddressOf,
  quantizationLossPerPool,
  sizeClassOf,
} from './pymalloc-geometry.js';
import { SYSTEM_ADDRESS_BASE, systemChunkSize } from './system.js';

/** Allocates until a block lands outside the first block's pool; returns the blocks of that pool. */
function fillOnePool(heap: PymallocAllocator, nbytes: number): { blocks: number[]; overflow: number } {
  const blocks = [heap.allocate(nbytes)];
  const pool = poolAddressOf(blocks[0]);
  for (;;) {
    const address = heap.allocate(nbytes);
    if (poolAddressOf(address) !== pool) return { blocks, overflow: address };
    blocks.push(address);
  }
}

/** Allocates `pools` pools' worth of 512-byte blocks and groups the addresses by pool. */
function fillPools(heap: PymallocAllocator, pools: number): Map<number, number[]> {
  const byPool = new Map<number, number[]>();
  for (let i = 0; i < pools * blocksPerPool(31); i++) {
    const address = heap.allocate(512);
    const pool = poolAddressOf(address);
    const list = byPool.get(pool) ?? [];
    list.push(address);
    byPool.set(pool, list);
  }
  return byPool;
}

function freeAll(heap: PymallocAllocator, addresses: readonly number[]): void {
  for (const address of addresses) heap.free(address);
}

/** A small deterministic PRNG (mulberry32), so random workloads are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('size classes', () => {
  it('maps requests with (n - 1) >> 4 and serves each in a block of its class size', () => {
    expect([1, 16, 17, 32, 33, 512].map(sizeClassOf)).toEqual([0, 0, 1, 1, 2, 31]);
    expect([0, 513, 1.5, -1].map(sizeClassOf)).toEqual([-1, -1, -1, -1]);
    const heap = createPymalloc();
    for (let n = 1; n <= 512; n++) {
      const address = heap.allocate(n);
      expect(address).toBeLessThan(SYSTEM_ADDRESS_BASE);
      expect(heap.blockSize(address)).toBe(Math.ceil(n / 16) * 16);
      expect((address - POOL_OVERHEAD) % 16).toBe(0);
    }
    expect(heap.stats().poolsPerSizeClass).toEqual(new Array(NB_SMALL_SIZE_CLASSES).fill(1));
  });

  it('fits (16384 - 48) / size blocks in a pool: 1021 of 16 bytes, 510 of 32, 255 of 64, 31 of 512', () => {
    for (const [size, capacity] of [
      [16, 1021],
      [32, 510],
      [64, 255],
      [512, 31],
    ]) {
      const { blocks, overflow } = fillOnePool(createPymalloc(), size);
      expect(blocks.length).toBe(capacity);
      expect(blocksPerPool(sizeClassOf(size))).toBe(capacity);
      expect(poolAddressOf(overflow)).toBe(poolAddressOf(blocks[0]) + POOL_SIZE);
    }
    expect(quantizationLossPerPool(sizeClassOf(48))).toBe(16);
    expect(blockSizeOfClass(31)).toBe(512);
  });

  it('carves a new pool lazily, from its first block upwards', () => {
    const heap = createPymalloc();
    const blocks = [heap.allocate(100), heap.allocate(100), heap.allocate(100)];
    expect(blocks).toEqual([POOL_OVERHEAD, POOL_OVERHEAD + 112, POOL_OVERHEAD + 224]);
    const row = heap.sizeClassStats()[sizeClassOf(100)];
    expect(row).toEqual({ sizeClass: 6, blockSize: 112, pools: 1, blocksInUse: 3, availableBlocks: 142 });
  });
});

describe('blocks and pools', () => {
  it('reuses freed blocks last in, first out', () => {
    const heap = createPymalloc();
    const [a, b, c] = [heap.allocate(64), heap.allocate(64), heap.allocate(64)];
    heap.free(a);
    heap.free(c);
    expect(heap.allocate(64)).toBe(c);
    expect(heap.allocate(64)).toBe(a);
    expect(heap.allocate(64)).toBe(c + 64);
    expect(b).toBe(a + 64);
  });

  it('links a full pool that gets a block back at the front of usedpools', () => {
    const heap = createPymalloc();
    const { blocks, overflow } = fillOnePool(heap, 64);
    const full = poolAddressOf(blocks[0]);
    const second = poolAddressOf(overflow);
    expect(heap.poolInfo(full).state).toBe('full');
    expect(heap.usedPoolOrder(3)).toEqual([second]);
    heap.free(blocks[100]);
    expect(heap.poolInfo(full).state).toBe('used');
    expect(heap.usedPoolOrder(3)).toEqual([full, second]);
    expect(heap.allocate(64)).toBe(blocks[100]);
    // Full again: it leaves usedpools, the other pool serves the next request.
    expect(heap.usedPoolOrder(3)).toEqual([second]);
    expect(heap.allocate(64)).toBe(overflow + 64);
  });

  it("puts an empty pool on its arena's free pools (LIFO) and reuses it for any size class", () => {
    const heap = createPymalloc();
    const a = heap.allocate(64);
    const b = heap.allocate(128);
    const c = heap.allocate(256);
    heap.free(a);
    heap.free(c);
    expect(heap.poolInfo(a).state).toBe('empty');
    expect(heap.usedPoolOrder(3)).toEqual([]);
    expect(heap.freePoolOrder(0)).toEqual([poolAddressOf(c), poolAddressOf(a)]);
    expect(heap.stats().poolsPerSizeClass[3]).toBe(0);
    // A new size class takes the most recently emptied pool and initialises it.
    const d = heap.allocate(80);
    expect(d).toBe(poolAddressOf(c) + POOL_OVERHEAD);
    expect(heap.poolInfo(d)).toMatchObject({ state: 'used', sizeClass: 4, blocksInUse: 1 });
    expect(heap.freePoolOrder(0)).toEqual([poolAddressOf(a)]);
    expect(b).toBe(POOL_SIZE + POOL_OVERHEAD);
  });

  it('keeps the free list of a recycled pool that gets its old size class back', () => {
    const heap = createPymalloc();
    const blocks = [heap.allocate(64), heap.allocate(64), heap.allocate(64)];
    freeAll(heap, blocks);
    expect(heap.poolInfo(blocks[0]).state).toBe('empty');
    // Same class: the head of the old free list (the last block freed) comes first.
    expect(heap.allocate(64)).toBe(blocks[2]);
    expect(heap.allocate(64)).toBe(blocks[1]);
    expect(heap.allocate(64)).toBe(blocks[0]);
    expect(heap.allocate(64)).toBe(blocks[2] + 64);
  });
});

describe('arenas', () => {
  it('maps a new arena only when no usable arena is left, and reuses arena slots', () => {
    const heap = createPymalloc();
    const first = fillPools(heap, MAX_POOLS_IN_ARENA);
    expect(heap.stats().arenasCurrent).toBe(1);
    expect(heap.usableArenaOrder()).toEqual([]);
    const next = heap.allocate(512);
    expect(arenaIndexOf(next)).toBe(1);
    expect(heap.stats().arenasCurrent).toBe(2);
    // Empty arena 0: it is not last in usable_arenas (arena 1 is), so it is unmapped.
    for (const blocks of first.values()) freeAll(heap, blocks);
    expect(heap.stats()).toMatchObject({ arenasCurrent: 1, arenasFreed: 1, arenasAllocated: 2 });
    expect(heap.usableArenaOrder()).toEqual([{ arenaIndex: 1, freePools: 63 }]);
    expect(() => heap.free(first.values().next().value![0])).toThrow(/not a block/);
    // Its arena_object slot is reused by the next arena (once arena 1 is full).
    fillPools(heap, 63);
    expect(heap.usableArenaOrder()).toEqual([]);
    expect(arenaIndexOf(heap.allocate(16))).toBe(0);
    expect(heap.stats()).toMatchObject({ arenasCurrent: 2, arenasAllocated: 3, arenasHighWater: 2 });
  });

  it('keeps a wholly free arena when it is the last in usable_arenas (bpo-37257)', () => {
    const heap = createPymalloc();
    const a = heap.allocate(64);
    heap.free(a);
    expect(heap.stats()).toMatchObject({ arenasCurrent: 1, arenasFreed: 0, heldBytes: ARENA_SIZE });
    expect(heap.usableArenaOrder()).toEqual([{ arenaIndex: 0, freePools: 64 }]);

    // Arena 0 full, arena 1 partly used. Emptying arena 1 first keeps it: it is the
    // only (so last) usable arena. Emptying arena 0 then unmaps arena 0, because the
    // wholly free arena 1 sits after it in the list.
    const fresh = createPymalloc();
    const arena0 = fillPools(fresh, MAX_POOLS_IN_ARENA);
    const arena1 = fillPools(fresh, 5);
    for (const blocks of arena1.values()) freeAll(fresh, blocks);
    expect(fresh.stats()).toMatchObject({ arenasCurrent: 2, arenasFreed: 0 });
    expect(fresh.usableArenaOrder()).toEqual([{ arenaIndex: 1, freePools: 64 }]);
    for (const blocks of arena0.values()) freeAll(fresh, blocks);
    expect(fresh.stats()).toMatchObject({ arenasCurrent: 1, arenasFreed: 1 });
    expect(fresh.usableArenaOrder()).toEqual([{ arenaIndex: 1, freePools: 64 }]);
  });

  it('keeps usable_arenas sorted by free pools and takes new pools from the fullest arena', () => {
    const heap = createPymalloc();
    const pools = [...fillPools(heap, 3 * MAX_POOLS_IN_ARENA).entries()];
    const inArena = (arena: number) => pools.filter(([pool]) => arenaIndexOf(pool) === arena);
    const emptyPools = (arena: number, from: number, to: number) => {
      for (const [, blocks] of inArena(arena).slice(from, to)) freeAll(heap, blocks);
    };
    emptyPools(0, 0, 10);
    emptyPools(1, 0, 3);
    emptyPools(2, 0, 20);
    expect(heap.usableArenaOrder()).toEqual([
      { arenaIndex: 1, freePools: 3 },
      { arenaIndex: 0, freePools: 10 },
      { arenaIndex: 2, freePools: 20 },
    ]);
    // A request that needs a new pool is served by arena 1, from its last emptied pool.
    const lastEmptied = inArena(1)[2][0];
    expect(heap.allocate(16)).toBe(lastEmptied + POOL_OVERHEAD);
    expect(heap.usableArenaOrder()[0]).toEqual({ arenaIndex: 1, freePools: 2 });
    // Emptying 12 more pools of arena 1 moves it to the end of the list.
    emptyPools(1, 3, 15);
    expect(heap.usableArenaOrder().map((a) => a.arenaIndex)).toEqual([0, 1, 2]);
    emptyPools(1, 15, 64);
    expect(heap.usableArenaOrder()).toEqual([
      { arenaIndex: 0, freePools: 10 },
      { arenaIndex: 2, freePools: 20 },
      { arenaIndex: 1, freePools: 63 },
    ]);
  });

  it('models the pool lost to alignment of arenas that are not 16 KiB-aligned', () => {
    const lossy = createPymalloc({ arenaAlignmentLoss: true });
    fillPools(lossy, 63);
    expect(lossy.stats().arenasCurrent).toBe(1);
    lossy.allocate(512);
    expect(lossy.stats().arenasCurrent).toBe(2);
    expect(lossy.mallocStats().arenaAlignmentBytes).toBe(2 * POOL_SIZE);

    const everyOther = createPymalloc({ arenaAlignmentLoss: (serial) => serial % 2 === 1 });
    fillPools(everyOther, 64 + 63);
    expect(everyOther.mallocStats()).toMatchObject({
      arenasCurrent: 2,
      unusedPools: 0,
      arenaAlignmentBytes: POOL_SIZE,
    });
  });

  it('grows the arena_object vector past 16 arenas', () => {
    const heap = createPymalloc();
    fillPools(heap, 40 * MAX_POOLS_IN_ARENA);
    const stats = heap.stats();
    expect(stats).toMatchObject({ arenasCurrent: 40, heldBytes: 40 * ARENA_SIZE });
    expect(stats.poolsPerSizeClass[31]).toBe(40 * MAX_POOLS_IN_ARENA);
  });
});

describe('requests pymalloc does not serve', () => {
  it('sends 0-byte and over-512-byte requests to the system allocator', () => {
    const heap = createPymalloc();
    const zero = heap.allocate(0);
    const big = heap.allocate(513);
    const huge = heap.allocate(1_000_000);
    for (const address of [zero, big, huge]) expect(address).toBeGreaterThanOrEqual(SYSTEM_ADDRESS_BASE);
    const stats = heap.stats();
    expect(stats).toMatchObject({
      liveBlocks: 3,
      systemBlocks: 3,
      systemBytes: 513 + 1_000_000,
      requestedBytes: 513 + 1_000_000,
      arenasCurrent: 0,
      heldBytes: systemChunkSize(0) + systemChunkSize(513) + systemChunkSize(1_000_000),
    });
    expect(heap.blockSize(big)).toBe(systemChunkSize(513) - 8);
    heap.free(zero);
    heap.free(big);
    heap.free(huge);
    expect(heap.stats()).toMatchObject({ liveBlocks: 0, systemBlocks: 0, heldBytes: 0 });
    expect(heap.stats().peakHeldBytes).toBe(stats.heldBytes);
  });
});

describe('reallocate', () => {
  it('stays in place when the new size fits and is more than 3/4 of the block', () => {
    const heap = createPymalloc();
    const a = heap.allocate(64);
    expect(heap.reallocate(a, 64)).toBe(a);
    expect(heap.reallocate(a, 49)).toBe(a); // 4 * 49 = 196 > 192
    expect(heap.stats().requestedBytes).toBe(49);
    expect(heap.reallocate(a, 60)).toBe(a);
  });

  it('moves when growing or shrinking by 25% or more: allocates the new block, then frees the old', () => {
    const heap = createPymalloc();
    const a = heap.allocate(64);
    const shrunk = heap.reallocate(a, 48); // 4 * 48 = 192, not > 192
    expect(heap.blockSize(shrunk)).toBe(48);
    expect(heap.allocate(64)).toBe(a); // a was freed after the new block was taken
    const grown = heap.reallocate(shrunk, 49);
    expect(heap.blockSize(grown)).toBe(64);
    expect(heap.stats()).toMatchObject({ liveBlocks: 2, requestedBytes: 64 + 49 });
    const toSystem = heap.reallocate(grown, 600);
    expect(toSystem).toBeGreaterThanOrEqual(SYSTEM_ADDRESS_BASE);
    const toZero = heap.reallocate(heap.allocate(32), 0);
    expect(toZero).toBeGreaterThanOrEqual(SYSTEM_ADDRESS_BASE);
  });

  it('keeps a system block with the system allocator even when it shrinks to 512 bytes or less', () => {
    const heap = createPymalloc();
    const big = heap.allocate(4000);
    const small = heap.reallocate(big, 100);
    expect(small).toBe(big); // glibc shrinks in place
    expect(heap.stats()).toMatchObject({ systemBlocks: 1, systemBytes: 100, arenasCurrent: 0 });
    const grown = heap.reallocate(small, 8000);
    expect(grown).toBeGreaterThanOrEqual(SYSTEM_ADDRESS_BASE);
    expect(heap.reallocate(0, 10)).toBeLessThan(SYSTEM_ADDRESS_BASE);
  });
});

describe('errors and stats', () => {
  it('rejects double frees, foreign addresses and bad sizes with a clear message', () => {
    const heap = createPymalloc();
    const a = heap.allocate(64);
    heap.allocate(64);
    heap.free(a);
    expect(() => heap.free(a)).toThrow(/already free/);
    expect(() => heap.free(a + 8)).toThrow(/not a block/);
    expect(() => heap.free(5 * POOL_SIZE + POOL_OVERHEAD)).toThrow(/not a block/);
    expect(() => heap.free(a + 4 * 64)).toThrow(/not a block/); // never carved
    expect(() => heap.allocate(-1)).toThrow(/non-negative integer/);
    expect(() => heap.allocate(2.5)).toThrow(/non-negative integer/);
    expect(() => heap.reallocate(a, 10)).toThrow(/already free/);
    expect(() => heap.free(0)).not.toThrow();
  });

  it('counts requested, block and held bytes, and the peak', () => {
    const heap = createPymalloc();
    const blocks = [heap.allocate(28), heap.allocate(56), heap.allocate(1000)];
    const stats = heap.stats();
    const system = systemChunkSize(1000);
    expect(stats).toMatchObject({
      allocator: 'pymalloc',
      liveBlocks: 3,
      requestedBytes: 28 + 56 + 1000,
      usedBlockBytes: 32 + 64 + (system - 8),
      heldBytes: ARENA_SIZE + system,
      fragmentationBytes: ARENA_SIZE + system - (32 + 64 + system - 8),
      arenasAllocated: 1,
      peakHeldBytes: ARENA_SIZE + system,
    });
    freeAll(heap, blocks);
    expect(heap.stats()).toMatchObject({
      liveBlocks: 0,
      requestedBytes: 0,
      usedBlockBytes: 0,
      heldBytes: ARENA_SIZE,
    });
  });

  it('keeps its books consistent under a random workload (the breakdown sums to the arenas)', () => {
    const random = prng(2024);
    const heap = createPymalloc({ arenaAlignmentLoss: (serial) => serial % 3 === 0 });
    const live: number[] = [];
    let requested = 0;
    const sizes = new Map<number, number>();
    for (let step = 0; step < 200_000; step++) {
      const r = random();
      if (r < 0.55 || live.length === 0) {
        const nbytes = r < 0.01 ? 513 + Math.floor(random() * 5000) : 1 + Math.floor(random() * 512);
        const address = heap.allocate(nbytes);
        live.push(address);
        sizes.set(address, nbytes);
        requested += nbytes;
      } else if (r < 0.95) {
        const i = Math.floor(random() * live.length);
        const address = live[i];
        live[i] = live[live.length - 1];
        live.pop();
        requested -= sizes.get(address)!;
        sizes.delete(address);
        heap.free(address);
      } else {
        const i = Math.floor(random() * live.length);
        const nbytes = 1 + Math.floor(random() * 600);
        const moved = heap.reallocate(live[i], nbytes);
        requested += nbytes - sizes.get(live[i])!;
        sizes.delete(live[i]);
        sizes.set(moved, nbytes);
        live[i] = moved;
      }
    }
    const stats = heap.stats();
    expect(stats.liveBlocks).toBe(live.length);
    expect(stats.requestedBytes).toBe(requested);
    const report = heap.mallocStats();
    expect(report.totalBytes).toBe(report.arenaBytes);
    const inUse = report.classes.reduce((sum, row) => sum + row.blocksInUse, 0);
    expect(inUse + stats.systemBlocks).toBe(live.length);
    expect(report.classes.map((row) => row.pools)).toEqual(
      stats.poolsPerSizeClass.filter((pools) => pools > 0),
    );
    const order = heap.usableArenaOrder().map((arena) => arena.freePools);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    freeAll(heap, live);
    expect(heap.stats()).toMatchObject({ liveBlocks: 0, arenasCurrent: 1, heldBytes: ARENA_SIZE });
  });
});

describe('fragmentation: memory held by pools that still have one live block', () => {
  it('holds every arena while every pool has a live block, and releases them once emptied', () => {
    // 1,000,000 blocks of the 64-byte class: 255 blocks per pool, 64 pools per arena.
    const count = 1_000_000;
    const perPool = blocksPerPool(sizeClassOf(64));
    const pools = Math.ceil(count / perPool); // 3922
    const arenas = Math.ceil(pools / MAX_POOLS_IN_ARENA); // 62
    expect([perPool, pools, arenas]).toEqual([255, 3922, 62]);

    const heap = createPymalloc();
    const blocks = new Float64Array(count);
    for (let i = 0; i < count; i++) blocks[i] = heap.allocate(64);
    const full = heap.stats();
    expect(full).toMatchObject({
      arenasCurrent: arenas,
      heldBytes: arenas * ARENA_SIZE,
      usedBlockBytes: count * 64,
    });
    expect(full.poolsPerSizeClass[3]).toBe(pools);

    // Free every other block: each pool keeps half its blocks, so no pool is empty
    // and no arena can go back. Live data halves, held memory does not move.
    for (let i = 0; i < count; i += 2) heap.free(blocks[i]);
    const half = heap.stats();
    expect(half).toMatchObject({
      liveBlocks: count / 2,
      usedBlockBytes: (count / 2) * 64,
      arenasCurrent: arenas,
      heldBytes: arenas * ARENA_SIZE,
      fragmentationBytes: arenas * ARENA_SIZE - (count / 2) * 64,
    });
    expect(half.poolsPerSizeClass[3]).toBe(pools);

    // Free the rest: pools empty, arenas empty and are unmapped, all but the one
    // that is last in usable_arenas when it empties.
    for (let i = 1; i < count; i += 2) heap.free(blocks[i]);
    expect(heap.stats()).toMatchObject({
      liveBlocks: 0,
      arenasCurrent: 1,
      arenasFreed: arenas - 1,
      heldBytes: ARENA_SIZE,
      peakHeldBytes: arenas * ARENA_SIZE,
    });
    expect(heap.stats().poolsPerSizeClass[3]).toBe(0);
    expect(heap.mallocStats().unusedPools).toBe(MAX_POOLS_IN_ARENA);
  });
});
