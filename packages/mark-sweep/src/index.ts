/**
 * `@pymm/mark-sweep`: a tracing mark-sweep collector for pymm. No reference
 * counts are kept: objects are freed only when a collection finds them
 * unreachable from the roots, cycles included. Stop-the-world with eager or
 * lazy sweeping, or incremental (tri-colour marking in bounded steps with a
 * Dijkstra write barrier). Finalizers and weak references follow PEP 442 and
 * CPython's order.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { markSweep } from '@pymm/mark-sweep';
 * const py = createRuntime({ strategy: markSweep() });
 * py.locals.f = py.open('log.txt');
 * py.del('f');               // no reference counts: the file stays open...
 * py.heap.openFileCount;     // 1
 * py.collect();              // ...until a collection finds it unreachable
 * py.heap.openFileCount;     // 0
 * ```
 *
 * @packageDocumentation
 */

export type { Colour, CyclePhase } from './cycle-phase.js';
export { markSweep } from './factory.js';
export { MarkSweepStrategy } from './mark-sweep.js';
export {
  DEFAULT_LAZY_SWEEP_SLOTS,
  DEFAULT_STEP_BUDGET,
  type IncrementalOptions,
  type MarkSweepOptions,
  type SweepMode,
  type UnraisableContext,
} from './options.js';
export { createMarkSweepStrategy, MARK_SWEEP_PROFILES, type MarkSweepProfile } from './profiles.js';
export { Sweeper } from './sweeper.js';
export { Tracer } from './tracer.js';
export {
  type CollectionTrigger,
  DEFAULT_GROWTH_FACTOR,
  DEFAULT_MINIMUM_BUDGET_BYTES,
  FixedHeapTrigger,
  GrowthTrigger,
} from './trigger.js';
