import { describe, expect, it } from 'vitest';
import {
  createSystemAllocator,
  DEFAULT_MMAP_THRESHOLD,
  formatAddress,
  SYSTEM_ADDRESS_BASE,
  SystemAllocator,
  systemChunkSize,
} from './system.js';

describe('systemChunkSize (glibc request2size on 64-bit)', () => {
  it('adds the 8-byte header, rounds up to 16 and never goes below 32', () => {
    expect([0, 1, 24, 25, 40, 41, 56, 100, 512, 513].map((n) => systemChunkSize(n))).toEqual([
      32, 32, 32, 48, 48, 64, 64, 112, 528, 528,
    ]);
  });

  it('page-rounds chunks at or above the mmap threshold', () => {
    const below = DEFAULT_MMAP_THRESHOLD - 8 - 16; // chunk 131056: still on the heap
    expect(systemChunkSize(below)).toBe(131056);
    expect(systemChunkSize(DEFAULT_MMAP_THRESHOLD - 8)).toBe(DEFAULT_MMAP_THRESHOLD + 4096);
    expect(systemChunkSize(800_000)).toBe(196 * 4096);
    expect(systemChunkSize(800_000, Number.POSITIVE_INFINITY)).toBe(800_016);
  });
});

describe('SystemAllocator', () => {
  it('holds the sum of chunk sizes and reports usable sizes', () => {
    const malloc = createSystemAllocator();
    const a = malloc.allocate(100);
    const b = malloc.allocate(0);
    const c = malloc.allocate(1_000_000);
    expect([a, b, c].every((address) => address >= SYSTEM_ADDRESS_BASE)).toBe(true);
    expect(new Set([a, b, c]).size).toBe(3);
    expect([malloc.usableSize(a), malloc.usableSize(b), malloc.usableSize(c)]).toEqual([
      104,
      24,
      systemChunkSize(1_000_000) - 16,
    ]);
    const held = 112 + 32 + systemChunkSize(1_000_000);
    expect(malloc.stats()).toEqual({
      allocator: 'system',
      liveBlocks: 3,
      requestedBytes: 1_000_100,
      usedBlockBytes: 104 + 24 + systemChunkSize(1_000_000) - 16,
      heldBytes: held,
      fragmentationBytes: 8 + 8 + 16,
      arenasAllocated: 0,
      arenasFreed: 0,
      arenasHighWater: 0,
      arenasCurrent: 0,
      poolsPerSizeClass: [],
      systemBlocks: 3,
      systemBytes: 1_000_100,
      peakHeldBytes: held,
    });
    malloc.free(c);
    expect(malloc.stats()).toMatchObject({ liveBlocks: 2, heldBytes: 144, peakHeldBytes: held });
  });

  it('reuses the most recently freed slot first', () => {
    const malloc = new SystemAllocator();
    const a = malloc.allocate(10);
    const b = malloc.allocate(10);
    malloc.free(a);
    malloc.free(b);
    expect(malloc.allocate(5000)).toBe(b);
    expect(malloc.allocate(1)).toBe(a);
  });

  it('grows its slot tables without losing blocks', () => {
    const malloc = createSystemAllocator();
    const blocks: number[] = [];
    for (let i = 0; i < 5000; i++) blocks.push(malloc.allocate(i));
    for (let i = 0; i < 5000; i++) expect(malloc.usableSize(blocks[i])).toBe(systemChunkSize(i) - 8);
    for (const address of blocks) malloc.free(address);
    expect(malloc.stats()).toMatchObject({
      liveBlocks: 0,
      requestedBytes: 0,
      heldBytes: 0,
      usedBlockBytes: 0,
    });
  });

  it('reallocates in place when the chunk does not grow, and moves when it does', () => {
    const malloc = createSystemAllocator();
    const a = malloc.allocate(1000); // chunk 1008
    expect(malloc.reallocate(a, 1000)).toBe(a);
    expect(malloc.reallocate(a, 990)).toBe(a); // chunk 1008 still: tail < 32 bytes, kept
    expect(malloc.stats().heldBytes).toBe(1008);
    expect(malloc.reallocate(a, 100)).toBe(a); // split: chunk 112
    expect(malloc.stats()).toMatchObject({ heldBytes: 112, requestedBytes: 100 });
    const b = malloc.reallocate(a, 2000);
    expect(b).not.toBe(a);
    expect(malloc.stats()).toMatchObject({ liveBlocks: 1, heldBytes: 2016, requestedBytes: 2000 });
    expect(() => malloc.free(a)).toThrow(/already freed/);
    // An mmapped chunk is resized in place (mremap) and stays page-rounded.
    const big = malloc.allocate(500_000);
    expect(malloc.reallocate(big, 10)).toBe(big);
    expect(malloc.usableSize(big)).toBe(4096 - 16);
    expect(malloc.reallocate(0, 8)).toBeGreaterThanOrEqual(SYSTEM_ADDRESS_BASE);
  });

  it('rejects bad addresses and sizes with a clear message', () => {
    const malloc = createSystemAllocator();
    const a = malloc.allocate(8);
    expect(() => malloc.free(a + 1)).toThrow(/not an address this allocator handed out/);
    expect(() => malloc.free(1234)).toThrow(/not an address/);
    expect(() => malloc.allocate(-5)).toThrow(/non-negative integer/);
    expect(() => malloc.reallocate(a, Number.NaN)).toThrow(/non-negative integer/);
    expect(() => createSystemAllocator({ mmapThreshold: 0 })).toThrow(/mmapThreshold/);
    expect(() => malloc.free(0)).not.toThrow();
    malloc.free(a);
    expect(() => malloc.usableSize(a)).toThrow(/already freed/);
    expect(formatAddress(a)).toBe(`0x${a.toString(16)}`);
  });
});
