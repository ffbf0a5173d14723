/**
 * `markSweep(options)`: the mark-sweep strategy as users choose it, a
 * {@link StrategyFactory} that states what the collector needs from the heap
 * and what it guarantees, and creates one {@link MarkSweepStrategy} per heap.
 *
 * @module
 */

import type { StrategyFactory, StrategyGuarantees, StrategyRequirements } from '@pymm/core';
import { MarkSweepStrategy } from './mark-sweep.js';
import { type MarkSweepOptions, resolveOptions, strategyName } from './options.js';

/** Frees every unreachable object (finalized ones one cycle later), never promptly. */
const GUARANTEES: StrategyGuarantees = { reclaimsCycles: true, prompt: false };

/**
 * The mark-sweep strategy: stop-the-world with eager sweeping by default,
 * lazy sweeping with `{ sweep: 'lazy' }`, incremental with
 * `{ incremental: { stepBudget } }`. It keeps no reference counts and asks for
 * a write barrier only in incremental mode. The options are checked here, so a
 * bad one throws before any runtime exists; each runtime created from the
 * factory gets its own instance (`py.strategy`) and, unless `options.trigger`
 * is given, its own trigger.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { markSweep } from '@pymm/mark-sweep';
 * const strategy = markSweep();
 * strategy.requirements; // { referenceCounting: false, writeBarrier: false }
 * strategy.guarantees;   // { reclaimsCycles: true, prompt: false }
 * const py = createRuntime({ strategy });
 * const Node = py.class('Node');
 * py.locals.a = Node.new();
 * py.locals.b = Node.new({ ref: py.locals.a });
 * py.setattr(py.locals.a, 'ref', py.locals.b);
 * py.del('a', 'b');
 * py.collect();                        // 2: the two-node cycle
 * py.strategy.stats().collections;     // [1]
 * ```
 */
export function markSweep(options: MarkSweepOptions = {}): StrategyFactory<MarkSweepStrategy> {
  const resolved = resolveOptions(options);
  const requirements: StrategyRequirements = {
    referenceCounting: false,
    writeBarrier: resolved.incremental,
  };
  return {
    name: strategyName(resolved),
    requirements,
    guarantees: GUARANTEES,
    create: (heap) => new MarkSweepStrategy(heap, options),
  };
}
