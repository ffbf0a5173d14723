/**
 * `noGC`: the baseline strategy that never frees anything. Reference counts are
 * not kept, no collection ever runs, and every object stays in memory until the
 * program ends. Every comparison shows it, as the cost of doing nothing.
 *
 * @module
 */

import type { Heap } from '../heap/heap.js';
import type { Strategy, StrategyStats } from './strategy.js';

/**
 * The strategy object returned by {@link noGC}.
 *
 * @example
 * ```ts
 * import { NoGCStrategy } from '@pymm/core';
 * new NoGCStrategy().name; // 'nogc'
 * ```
 */
export class NoGCStrategy implements Strategy {
  readonly name = 'nogc';
  readonly requirements = { referenceCounting: false, writeBarrier: false } as const;
  readonly guarantees = { reclaimsCycles: false, prompt: false } as const;
  private heap: Heap | null = null;

  attach(heap: Heap): void {
    if (this.heap) throw new Error('a strategy serves one heap: create a new noGC() for each runtime');
    this.heap = heap;
  }
  allocating(): void {}
  released(): void {}
  track(): void {}
  untrack(): void {}
  collect(): number {
    return 0;
  }
  stats(): StrategyStats {
    return { collections: [0], collected: [0], uncollectable: [0] };
  }
}

/**
 * Creates the baseline strategy that never frees anything.
 *
 * @example
 * ```ts
 * import { createRuntime, noGC } from '@pymm/core';
 * const py = createRuntime({ strategy: noGC() });
 * py.locals.x = py.list();
 * delete py.locals.x;         // nothing is freed
 * py.heap.store.liveCount > 0; // true
 * ```
 */
export function noGC(): NoGCStrategy {
  return new NoGCStrategy();
}
