/**
 * The generational strategy: reference counting (core's shared mechanism)
 * plus CPython's generational cycle collector, with CPython's bookkeeping of
 * when to collect: `count[0]` moves with allocations and deallocations of GC
 * containers (free-list reuse excluded, floored at zero), a collection starts
 * when it exceeds `threshold[0]`, and the oldest generation over its threshold
 * is collected, except that a full collection waits until the objects that
 * survived gen-1 collections since the last full one (`long_lived_pending`)
 * exceed a quarter of those that survived it (`long_lived_total`).
 *
 * @module
 */

import type {
  CollectionReason,
  CollectorHeap,
  GcControl,
  GenerationStats,
  Strategy,
  StrategyFactory,
  StrategyStats,
  TypeId,
} from '@pymm/core';
import { isGcType } from '@pymm/core/heap';
import { collectGeneration } from './collection.js';
import { invokeGcCallbacks } from './gc-callbacks.js';
import { GcList } from './gc-lists.js';
import { COLLECTING, CollectorState, NOT_COLLECTING, NUM_GENERATIONS } from './gc-state.js';
import { type CPythonProfile, type ProfileName, profileByName } from './profiles.js';

/**
 * Options for {@link generational}.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { type GenerationalOptions, gcModule, generational } from '@pymm/generational';
 * const options: GenerationalOptions = { profile: 'cpython-3.13' };
 * const py = createRuntime({ strategy: generational(options) });
 * gcModule(py).getThreshold(); // [2000, 10, 10]
 * ```
 */
export interface GenerationalOptions {
  /** The CPython version to reproduce (default `cpython-3.11`). */
  readonly profile?: ProfileName;
}

/**
 * Creates the generational strategy.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { generational } from '@pymm/generational';
 * const strategy = generational();
 * const py = createRuntime({ strategy });
 * py.locals.a = py.list();
 * py.append(py.locals.a, py.locals.a); // a self-referencing list
 * py.del('a');
 * py.collect(); // 1
 * ```
 */
export function generational(options: GenerationalOptions = {}): StrategyFactory<GenerationalStrategy> {
  const profile = profileByName(options.profile ?? 'cpython-3.11');
  return {
    name: 'generational',
    requirements: { referenceCounting: true, writeBarrier: false },
    guarantees: { reclaimsCycles: true, prompt: true },
    create: (heap) => new GenerationalStrategy(heap, profile),
  };
}

/**
 * Reference counting plus CPython's cycle collector.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { GenerationalStrategy, profileByName } from '@pymm/generational';
 * const py = createRuntime({
 *   strategy: {
 *     name: 'generational',
 *     requirements: { referenceCounting: true, writeBarrier: false },
 *     guarantees: { reclaimsCycles: true, prompt: true },
 *     create: (heap) => new GenerationalStrategy(heap, profileByName('cpython-3.13')),
 *   },
 * });
 * py.strategy.getThreshold(); // [2000, 10, 10]
 * ```
 */
export class GenerationalStrategy implements Strategy, GcControl {
  readonly name = 'generational';
  /** The profile this strategy reproduces. */
  readonly profile: CPythonProfile;
  /**
   * The collector's state (CPython's `GCState`), which collections and the `gc`
   * module read and update. Internal to the package: not part of the public API.
   *
   * @internal
   */
  readonly state: CollectorState;
  /** 3.12+: a collection was scheduled by an allocation (`_PY_GC_SCHEDULED_BIT` of the eval breaker). */
  private scheduled = false;

  constructor(
    /** The heap this strategy serves. */
    readonly heap: CollectorHeap,
    profile: CPythonProfile,
  ) {
    this.profile = profile;
    this.state = new CollectorState(profile.thresholds);
  }

  /** The `gc` controls (this strategy itself). */
  get gc(): GcControl {
    return this;
  }

  /** `_PyObject_GC_Link`: a GC container taken from the allocator counts; 3.11 may collect right here. */
  allocating(type: TypeId, _bytes: number, fresh: boolean): void {
    if (!fresh || !isGcType(type)) return;
    const state = this.state;
    state.count[0]++;
    if (
      state.count[0] > state.threshold[0] &&
      state.enabled &&
      state.threshold[0] !== 0 &&
      !state.collecting
    ) {
      if (this.profile.deferredCollection) {
        this.scheduled = true;
      } else {
        state.collecting = true;
        try {
          this.collectGenerations();
        } finally {
          state.collecting = false;
        }
      }
    }
  }

  /** `PyObject_GC_Del`: a GC container's memory went back to the allocator; the count drops, floored at 0. */
  released(type: TypeId, _bytes: number, toAllocator: boolean): void {
    if (toAllocator && isGcType(type) && this.state.count[0] > 0) this.state.count[0]--;
  }

  /** `_PyObject_GC_TRACK`: appended to generation 0. */
  track(slot: number): void {
    this.state.lists.append(GcList.Generation0, slot);
  }

  /** `_PyObject_GC_UNTRACK`: unlinked from whatever list holds it. */
  untrack(slot: number): void {
    const state = this.state;
    state.lists.remove(slot);
    this.heap.store.flags[slot] &= ~COLLECTING;
    if (slot < state.gcRefs.length) state.gcRefs[slot] = NOT_COLLECTING;
  }

  /** 3.12+: a collection scheduled by an allocation runs at the next operation boundary (the eval breaker). */
  safepoint(): void {
    if (!this.scheduled) return;
    this.scheduled = false;
    const state = this.state;
    if (this.profile.runGcChecksEnabled && !state.enabled) return;
    state.collecting = true;
    try {
      this.collectGenerations();
    } finally {
      state.collecting = false;
    }
  }

  /**
   * `gc.collect(generation)`: collects `generation` and the younger ones; returns the
   * unreachable objects found, or 0 without collecting when a collection is already running.
   *
   * @example
   * ```ts
   * import { createRuntime } from '@pymm/core';
   * import { generational } from '@pymm/generational';
   * const py = createRuntime({ strategy: generational() });
   * const strategy = py.strategy;
   * py.locals.xs = py.list();
   * py.append(py.locals.xs, py.locals.xs);
   * py.del('xs');
   * strategy.collect(0); // 1
   * strategy.getCount(); // [0, 1, 0]: generation 1 counts one collection of generation 0
   * strategy.getStats()[0].collections; // 1
   * ```
   */
  collect(generation: number, reason: CollectionReason = 'explicit'): number {
    if (!Number.isInteger(generation) || generation < 0 || generation >= NUM_GENERATIONS) {
      throw new RangeError(`invalid generation ${generation} (0, 1 or 2)`);
    }
    const state = this.state;
    if (state.collecting) return 0;
    state.collecting = true;
    try {
      return this.collectWithCallback(generation, reason);
    } finally {
      state.collecting = false;
    }
  }

  stats(): StrategyStats {
    const state = this.state;
    return {
      collections: state.generationStats.map((s) => s.collections),
      collected: state.generationStats.map((s) => s.collected),
      uncollectable: state.generationStats.map((s) => s.uncollectable),
      extra: { longLivedTotal: state.longLivedTotal, longLivedPending: state.longLivedPending },
    };
  }

  /**
   * `gc_collect_generations`: collects the oldest generation whose count
   * exceeds its threshold, skipping a full collection while
   * `long_lived_pending < long_lived_total / 4`.
   */
  private collectGenerations(): number {
    const state = this.state;
    for (let i = NUM_GENERATIONS - 1; i >= 0; i--) {
      if (state.count[i] > state.threshold[i]) {
        if (i === NUM_GENERATIONS - 1 && state.longLivedPending < Math.floor(state.longLivedTotal / 4))
          continue;
        return this.collectWithCallback(i, 'threshold');
      }
    }
    return 0;
  }

  /** `gc_collect_with_callback`: `gc.callbacks` around one collection, and the collection events. */
  private collectWithCallback(generation: number, reason: CollectionReason): number {
    const heap = this.heap;
    const state = this.state;
    invokeGcCallbacks(heap, state.callbacks, 'start', generation, 0, 0);
    const outcome = heap.collection(generation, reason, () => collectGeneration(heap, state, generation));
    invokeGcCallbacks(heap, state.callbacks, 'stop', generation, outcome.collected, outcome.uncollectable);
    return outcome.collected + outcome.uncollectable;
  }

  // ---------------------------------------------------------------------------
  // The gc module's controls (GcControl)

  enable(): void {
    this.state.enabled = true;
  }
  disable(): void {
    this.state.enabled = false;
  }
  isEnabled(): boolean {
    return this.state.enabled;
  }
  /** `gc.freeze()`: everything tracked moves to the permanent generation; all counts become 0. */
  freeze(): void {
    const state = this.state;
    for (let i = 0; i < NUM_GENERATIONS; i++) {
      state.lists.merge(i, GcList.Permanent);
      state.count[i] = 0;
    }
  }
  /** `gc.unfreeze()`: the permanent generation moves back into the oldest generation. */
  unfreeze(): void {
    this.state.lists.merge(GcList.Permanent, NUM_GENERATIONS - 1);
  }
  getFreezeCount(): number {
    return this.state.lists.size(GcList.Permanent);
  }
  setThreshold(threshold0: number, threshold1?: number, threshold2?: number): void {
    const threshold = this.state.threshold;
    threshold[0] = threshold0;
    if (threshold1 !== undefined) threshold[1] = threshold1;
    if (threshold2 !== undefined) threshold[2] = threshold2;
  }
  getThreshold(): readonly number[] {
    return [...this.state.threshold];
  }
  getCount(): readonly number[] {
    return [...this.state.count];
  }
  getStats(): readonly GenerationStats[] {
    return this.state.generationStats.map((s) => ({ ...s }));
  }
  setDebug(flags: number): void {
    this.state.debug = flags;
  }
  getObjects(generation: number): number[] {
    const lists = this.state.lists;
    const out: number[] = [];
    for (let slot = lists.first(generation); slot !== -1; slot = lists.after(slot, generation))
      out.push(slot);
    return out;
  }
  takeDebugOutput(): { readonly garbage: number[]; readonly log: string[] } {
    return { garbage: this.state.garbage.splice(0), log: this.state.debugLog.splice(0) };
  }
}
