/**
 * `@pymm/generational`: reference counting plus CPython's generational cycle
 * collector, reproducing CPython 3.11 exactly (collection schedule, counts,
 * what `gc.collect()` returns, finalizer order), with the `gc` module's API.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { generational } from '@pymm/generational';
 * const py = createRuntime({ strategy: generational() });
 * const Node = py.class('Node');
 * py.locals.a = Node.new();
 * py.locals.b = Node.new({ ref: py.locals.a });
 * py.setattr(py.locals.a, 'ref', py.locals.b);
 * py.del('a', 'b');
 * py.collect(); // 2
 * ```
 *
 * @packageDocumentation
 */

export type { GcCallback } from './gc-callbacks.js';
export {
  DEBUG_COLLECTABLE,
  DEBUG_LEAK,
  DEBUG_SAVEALL,
  DEBUG_STATS,
  DEBUG_UNCOLLECTABLE,
} from './gc-flags.js';
export { GcModule, gcModule } from './gc-module.js';
export { type GenerationalOptions, GenerationalStrategy, generational } from './generational-strategy.js';
export { type CPythonProfile, PROFILES, type ProfileName, profileByName } from './profiles.js';
