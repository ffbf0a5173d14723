/**
 * The noGC baseline: how fast the heap creates objects when nothing is ever
 * freed, and how many host bytes each simulated object costs. Each
 * measurement runs in a fresh process (`measure`), so memory figures do not
 * include earlier runs.
 */
import { createRuntime, Heap, noGC } from '@pymm/core';
import { createPymalloc } from '@pymm/core/memory';
import { hostBytes, settle } from './machine.js';

export interface BaselineRow {
  readonly objects: number;
  readonly layer: 'heap' | 'heap-reserved' | 'runtime';
  readonly allocationsPerSecond: number;
  readonly hostBytesPerObject: number;
}

/** One measurement, in this process. */
export function measure(count: number, layer: BaselineRow['layer']): BaselineRow {
  settle();
  const before = hostBytes();
  let seconds: number;
  if (layer === 'runtime') {
    const py = createRuntime({ strategy: noGC() });
    py.locals.keep = py.list();
    const keep = py.locals.keep;
    const started = performance.now();
    for (let i = 0; i < count; i++) py.append(keep, py.list());
    seconds = (performance.now() - started) / 1000;
  } else {
    const heap = new Heap(noGC(), {
      allocator: createPymalloc(),
      initialCapacity: layer === 'heap-reserved' ? count + 1024 : undefined,
    });
    const started = performance.now();
    for (let i = 0; i < count; i++) heap.newList(0);
    seconds = (performance.now() - started) / 1000;
    if (heap.store.liveCount < count) throw new Error('objects went missing');
  }
  settle();
  return {
    objects: count,
    layer,
    allocationsPerSecond: count / seconds,
    hostBytesPerObject: (hostBytes() - before) / count,
  };
}

if (process.argv[2] === '--measure') {
  const row = measure(Number(process.argv[3]), process.argv[4] as BaselineRow['layer']);
  process.stdout.write(`${JSON.stringify(row)}\n`);
}
