/**
 * The `gc` module of a simulated program, with Python's names in camelCase:
 * `gc.collect`, `getCount`, `getThreshold`, `setThreshold`, `enable`,
 * `disable`, `isEnabled`, `getStats`, `freeze`, `unfreeze`, `getFreezeCount`,
 * `getObjects`, `getReferrers`, `getReferents`, `isTracked`, `isFinalized`,
 * `callbacks`, `garbage` and `setDebug` with the `DEBUG_*` flags.
 *
 * @module
 */

import { type GenerationStats, type Handle, ObjectFlag, type Runtime } from '@pymm/core';
import { NULL_REF } from '@pymm/core/heap';
import type { GcCallback } from './gc-callbacks.js';
import { NUM_GENERATIONS } from './gc-state.js';
import type { GenerationalStrategy } from './generational-strategy.js';

/**
 * Python's `gc` module for a runtime whose strategy is generational.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { gcModule, generational } from '@pymm/generational';
 * const py = createRuntime({ strategy: generational() });
 * const gc = gcModule(py);
 * py.locals.a = py.list();
 * py.append(py.locals.a, py.locals.a);
 * py.del('a');
 * gc.getCount();  // [1, 0, 0]
 * gc.collect();   // 1
 * gc.getStats()[2].collected; // 1
 * ```
 */
export function gcModule(runtime: Runtime): GcModule {
  const strategy = runtime.heap.strategy;
  if (strategy.name !== 'generational') {
    throw new TypeError(`gcModule needs a runtime with the generational strategy, not '${strategy.name}'`);
  }
  return new GcModule(runtime, strategy as GenerationalStrategy);
}

/**
 * Python's `gc` module of one runtime, as {@link gcModule} returns it: the
 * {@link GenerationalStrategy}'s controls with the module's names, plus the
 * introspection functions (`getObjects`, `getReferrers`, `isTracked`, ...).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { type GcModule, gcModule, generational } from '@pymm/generational';
 * const py = createRuntime({ strategy: generational() });
 * const gc: GcModule = gcModule(py);
 * gc.getThreshold(); // [700, 10, 10]
 * py.locals.d = py.dict([[{ str: 'n' }, { int: 1 }]]);
 * gc.isTracked(py.locals.d); // false: a dict of atoms cannot be part of a cycle
 * py.locals.xs = py.list([py.locals.d]);
 * gc.getReferrers(py.locals.d).length; // 1: the list
 * gc.disable();
 * gc.isEnabled(); // false
 * ```
 */
export class GcModule {
  constructor(
    private readonly runtime: Runtime,
    private readonly strategy: GenerationalStrategy,
  ) {}

  /** `gc.collect(generation=2)`: objects found unreachable (collected plus uncollectable). */
  collect(generation = NUM_GENERATIONS - 1): number {
    return this.runtime.collect(generation);
  }
  /** `gc.get_count()`. */
  getCount(): number[] {
    return [...this.strategy.getCount()];
  }
  /** `gc.get_threshold()`. */
  getThreshold(): number[] {
    return [...this.strategy.getThreshold()];
  }
  /** `gc.set_threshold(t0[, t1[, t2]])`. */
  setThreshold(threshold0: number, threshold1?: number, threshold2?: number): void {
    this.strategy.setThreshold(threshold0, threshold1, threshold2);
  }
  /** `gc.enable()`. */
  enable(): void {
    this.strategy.enable();
  }
  /** `gc.disable()`. */
  disable(): void {
    this.strategy.disable();
  }
  /** `gc.isenabled()`. */
  isEnabled(): boolean {
    return this.strategy.isEnabled();
  }
  /** `gc.get_stats()`. */
  getStats(): GenerationStats[] {
    return [...this.strategy.getStats()];
  }
  /**
   * `gc.freeze()`: moves every tracked object to the permanent generation, which
   * collections never scan; `gc.unfreeze()` moves them back into the oldest generation.
   *
   * @example
   * ```ts
   * import { createRuntime } from '@pymm/core';
   * import { gcModule, generational } from '@pymm/generational';
   * const py = createRuntime({ strategy: generational() });
   * const gc = gcModule(py);
   * py.locals.xs = py.list();
   * gc.freeze();
   * gc.getFreezeCount(); // 1
   * gc.getCount(); // [0, 0, 0]
   * gc.unfreeze();
   * gc.getObjects(2).length; // 1: unfrozen objects join the oldest generation
   * ```
   */
  freeze(): void {
    this.strategy.freeze();
  }
  /** `gc.unfreeze()`. */
  unfreeze(): void {
    this.strategy.unfreeze();
  }
  /** `gc.get_freeze_count()`. */
  getFreezeCount(): number {
    return this.strategy.getFreezeCount();
  }

  /**
   * `gc.get_objects(generation=None)`: the tracked objects of one generation, or of all three.
   *
   * @example
   * ```ts
   * import { createRuntime } from '@pymm/core';
   * import { gcModule, generational } from '@pymm/generational';
   * const py = createRuntime({ strategy: generational() });
   * const gc = gcModule(py);
   * py.locals.xs = py.list();
   * gc.getObjects(0).length; // 1
   * gc.collect(0); // 0
   * gc.getObjects(0).length; // 0
   * gc.getObjects(1).length; // 1: a survivor moves to the next generation
   * gc.getObjects().length; // 1
   * ```
   */
  getObjects(generation?: number): Handle[] {
    if (
      generation !== undefined &&
      (!Number.isInteger(generation) || generation < 0 || generation >= NUM_GENERATIONS)
    ) {
      throw new RangeError(`generation parameter must be 0, 1 or 2, not ${generation}`);
    }
    const store = this.runtime.heap.store;
    const lists = this.strategy.state.lists;
    const first = generation ?? 0;
    const last = generation ?? NUM_GENERATIONS - 1;
    const out: Handle[] = [];
    for (let head = first; head <= last; head++)
      for (const slot of lists.slots(head)) out.push(store.handleOf(slot));
    return out;
  }

  /** `gc.get_referrers(*objs)`: tracked objects that refer to any of `objs`. */
  getReferrers(...objs: Handle[]): Handle[] {
    const heap = this.runtime.heap;
    const store = heap.store;
    const wanted = new Set(objs.map((h) => store.slotOf(h, 'get_referrers')));
    const lists = this.strategy.state.lists;
    const out: Handle[] = [];
    for (let head = 0; head < NUM_GENERATIONS; head++) {
      for (const slot of lists.slots(head)) {
        const start = store.refStart[slot];
        for (let i = 0; i < store.refLen[slot]; i++) {
          if (wanted.has(store.refs.cells[start + i])) {
            out.push(store.handleOf(slot));
            break;
          }
        }
      }
    }
    return out;
  }

  /** `gc.get_referents(*objs)`: objects directly referred to by `objs` (in `tp_traverse` order per object). */
  getReferents(...objs: Handle[]): Handle[] {
    const store = this.runtime.heap.store;
    const out: Handle[] = [];
    for (const h of objs) {
      const slot = store.slotOf(h, 'get_referents');
      const start = store.refStart[slot];
      for (let i = 0; i < store.refLen[slot]; i++) {
        const t = store.refs.cells[start + i];
        if (t !== NULL_REF) out.push(store.handleOf(t));
      }
    }
    return out;
  }

  /** `gc.is_tracked(obj)`. */
  isTracked(obj: Handle): boolean {
    const store = this.runtime.heap.store;
    return (store.flags[store.slotOf(obj, 'is_tracked')] & ObjectFlag.Tracked) !== 0;
  }

  /** `gc.is_finalized(obj)`. */
  isFinalized(obj: Handle): boolean {
    const store = this.runtime.heap.store;
    return (store.flags[store.slotOf(obj, 'is_finalized')] & ObjectFlag.Finalized) !== 0;
  }

  /** `gc.callbacks`: add or remove functions called with `('start' | 'stop', info)` around each collection. */
  get callbacks(): GcCallback[] {
    return this.strategy.state.callbacks;
  }

  /** `gc.garbage`: objects kept by `DEBUG_SAVEALL`. */
  get garbage(): Handle[] {
    const store = this.runtime.heap.store;
    return this.strategy.state.garbage.map((slot) => store.handleOf(slot));
  }

  /**
   * Empties `gc.garbage` (`del gc.garbage[:]`), releasing the objects it kept.
   *
   * @example
   * ```ts
   * import { createRuntime } from '@pymm/core';
   * import { DEBUG_SAVEALL, gcModule, generational } from '@pymm/generational';
   * const py = createRuntime({ strategy: generational() });
   * const gc = gcModule(py);
   * gc.setDebug(DEBUG_SAVEALL);
   * py.locals.xs = py.list();
   * py.append(py.locals.xs, py.locals.xs);
   * py.del('xs');
   * gc.collect(); // 1
   * gc.garbage.length; // 1: kept, not freed
   * gc.clearGarbage();
   * gc.garbage.length; // 0
   * gc.setDebug(0);
   * gc.collect(); // 1: released, the cycle is garbage again and is freed this time
   * ```
   */
  clearGarbage(): void {
    const heap = this.runtime.heap;
    const kept = this.strategy.state.garbage.splice(0);
    for (const slot of kept) heap.decref(slot);
  }

  /** Lines `DEBUG_STATS` and `DEBUG_COLLECTABLE` produced (CPython prints them to stderr). */
  get debugLog(): readonly string[] {
    return this.strategy.state.debugLog;
  }

  /** `gc.set_debug(flags)`; `DEBUG_SAVEALL` keeps unreachable objects in `gc.garbage` instead of freeing them. */
  setDebug(flags: number): void {
    this.strategy.state.debug = flags;
  }
  /** `gc.get_debug()`. */
  getDebug(): number {
    return this.strategy.state.debug;
  }
}
