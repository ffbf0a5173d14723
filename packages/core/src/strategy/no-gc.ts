/**
 * `noGC`: the baseline strategy that never frees anything. Reference counts are
 * not kept, no collection ever runs, and every object stays in memory until the
 * program ends. Every comparison shows it, as the cost of doing nothing.
 *
 * @module
 */

import type { Strategy, StrategyFactory, StrategyStats } from './strategy.js';

/**
 * The strategy instance {@link noGC} creates for each heap.
 *
 * @example
 * ```ts
 * import { createRuntime, NoGCStrategy, noGC } from '@pymm/core';
 * const py = createRuntime({ strategy: noGC() });
 * py.strategy instanceof NoGCStrategy; // true
 * py.strategy.collect(); // 0
 * ```
 */
export class NoGCStrategy implements Strategy {
  readonly name = 'nogc';
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
 * The baseline strategy that never frees anything.
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
export function noGC(): StrategyFactory<NoGCStrategy> {
  return {
    name: 'nogc',
    requirements: { referenceCounting: false, writeBarrier: false },
    guarantees: { reclaimsCycles: false, prompt: false },
    create: () => new NoGCStrategy(),
  };
}
