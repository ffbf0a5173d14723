/**
 * Scale: 10,000,000 live objects holding 20,000,000 references, built on the
 * heap directly, then one full collection. Reports host memory and the
 * collection's duration for a strategy. Run per strategy in a fresh process:
 *
 *   node --expose-gc --max-old-space-size=8192 --conditions=@pymm/source --import tsx bench/scale.bench.ts --measure generational 10000000
 */
import { createRuntime, type StrategyFactory } from '@pymm/core';
import { listAppend } from '@pymm/core/heap';
import { createPymalloc } from '@pymm/core/memory';
import { generational } from '@pymm/generational';
import { createMarkSweepStrategy } from '@pymm/mark-sweep';
import { hostBytes, settle } from './machine.js';

export interface ScaleRow {
  readonly strategy: string;
  readonly objects: number;
  readonly references: number;
  readonly buildSeconds: number;
  readonly hostBytes: number;
  readonly collectSeconds: number;
  readonly collected: number;
}

function strategyNamed(name: string): StrategyFactory {
  if (name === 'generational') return generational();
  if (name === 'mark-sweep') return createMarkSweepStrategy();
  throw new Error(`unknown strategy ${name}`);
}

/** Builds `objects` lists with two references each (the next list, and a pseudo-random earlier one). */
export function measureScale(name: string, objects: number): ScaleRow {
  settle();
  const before = hostBytes();
  const py = createRuntime({ strategy: strategyNamed(name), allocator: createPymalloc() });
  const strategy = py.strategy;
  const heap = py.heap;
  heap.store.reserve(objects + 1024);
  strategy.gc?.disable(); // build first, then measure one full collection
  const started = performance.now();
  // A rooted chain first (each list held by the previous one), so every object is reachable as it is
  // created; then each list gets a second reference to a pseudo-random earlier one.
  const slots = new Int32Array(objects);
  slots[0] = heap.newList(2);
  py.keep(heap.store.handleOf(slots[0]));
  for (let i = 1; i < objects; i++) {
    slots[i] = heap.newList(2);
    listAppend(heap, slots[i - 1], slots[i]);
  }
  let seed = 1;
  for (let i = 0; i < objects; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    listAppend(heap, slots[i], slots[seed % (i + 1)]);
  }
  const buildSeconds = (performance.now() - started) / 1000;
  settle();
  const bytes = hostBytes() - before;
  const t = performance.now();
  const collected = strategy.collect(2, 'explicit');
  const collectSeconds = (performance.now() - t) / 1000;
  if (heap.store.liveCount < objects) throw new Error('the collection freed reachable objects');
  return {
    strategy: name,
    objects,
    references: objects * 2,
    buildSeconds,
    hostBytes: bytes,
    collectSeconds,
    collected,
  };
}

if (process.argv[2] === '--measure') {
  process.stdout.write(`${JSON.stringify(measureScale(process.argv[3], Number(process.argv[4])))}\n`);
}
