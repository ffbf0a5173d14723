/**
 * `gc.callbacks`: functions called with `'start'` and `'stop'` around each
 * collection (`invoke_gc_callback` in `Modules/gcmodule.c`).
 *
 * @module
 */

import type { CollectorHeap } from '@pymm/core';

/**
 * `gc.callbacks` entry: called with `'start'` or `'stop'` and the collection's info.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { type GcCallback, gcModule, generational } from '@pymm/generational';
 * const py = createRuntime({ strategy: generational() });
 * const gc = gcModule(py);
 * const log: string[] = [];
 * const callback: GcCallback = (phase, info) => log.push(`${phase} gen${info.generation} collected=${info.collected}`);
 * gc.callbacks.push(callback);
 * py.locals.xs = py.list();
 * py.append(py.locals.xs, py.locals.xs);
 * py.del('xs');
 * gc.collect(1);
 * log; // ['start gen1 collected=0', 'stop gen1 collected=1']
 * ```
 */
export type GcCallback = (
  phase: 'start' | 'stop',
  info: { readonly generation: number; readonly collected: number; readonly uncollectable: number },
) => void;

/**
 * `invoke_gc_callback`: calls each of `callbacks` with the phase and the info.
 * When callbacks exist, CPython builds the info dict and an argument tuple per
 * call; both are GC objects and move the counts, so the model allocates them too.
 */
export function invokeGcCallbacks(
  heap: CollectorHeap,
  callbacks: readonly GcCallback[],
  phase: 'start' | 'stop',
  generation: number,
  collected: number,
  uncollectable: number,
): void {
  if (callbacks.length === 0) return;
  const info = heap.newDict();
  heap.incref(info);
  for (const callback of [...callbacks]) {
    const args = heap.newTuple([heap.newStr(phase, true), info]);
    heap.incref(args);
    callback(phase, { generation, collected, uncollectable });
    heap.decref(args);
  }
  heap.decref(info);
}
