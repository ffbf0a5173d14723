/**
 * Micro-benchmark of the allocator models: allocate + free of mixed small sizes.
 *
 *     pnpm exec tsx packages/core/src/memory/pymalloc.bench.ts
 *
 * Each operation allocates a block of a size drawn from a fixed mix of small
 * requests (8..512 bytes, weighted toward the sizes Python objects have) and frees
 * the block allocated `WINDOW` operations earlier, so about `WINDOW` blocks are
 * live at any time and the free lists, pool transitions and arena re-sorting all
 * take part. One "op" below is one allocate plus one free.
 */

import type { Allocator } from './allocator.js';
import { createPymalloc } from './pymalloc.js';
import { createSystemAllocator } from './system.js';

const WINDOW = 50_000;
const SIZES = new Int32Array(4096);
{
  // Deterministic mix: ints and floats (24..32), small tuples and lists (48..64),
  // instances and small dicts (56..232), occasional str/bytes up to 512.
  const common = [24, 28, 32, 48, 56, 64, 64, 72, 88, 120, 184, 232];
  let seed = 12345;
  for (let i = 0; i < SIZES.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    SIZES[i] = i % 8 === 7 ? 1 + (seed % 512) : common[seed % common.length];
  }
}

function run(heap: Allocator, operations: number): number {
  const ring = new Float64Array(WINDOW);
  for (let i = 0; i < WINDOW; i++) ring[i] = heap.allocate(SIZES[i & 4095]);
  const start = process.hrtime.bigint();
  let slot = 0;
  for (let i = 0; i < operations; i++) {
    heap.free(ring[slot]);
    ring[slot] = heap.allocate(SIZES[i & 4095]);
    if (++slot === WINDOW) slot = 0;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  for (let i = 0; i < WINDOW; i++) heap.free(ring[i]);
  return operations / seconds;
}

function report(label: string, make: () => Allocator): void {
  run(make(), 2_000_000); // warm-up: let the JIT settle
  for (const operations of [1_000_000, 10_000_000]) {
    const rate = run(make(), operations);
    console.log(
      `${label.padEnd(9)} ${operations.toLocaleString('en').padStart(10)} allocate+free: ` +
        `${Math.round(rate).toLocaleString('en').padStart(11)} ops/s  (${(1e9 / rate).toFixed(1)} ns per allocate+free)`,
    );
  }
}

console.log(`node ${process.version}, ${WINDOW.toLocaleString('en')} live blocks, mixed sizes 8..512 bytes`);
report('pymalloc', () => createPymalloc());
report('system', () => createSystemAllocator());
