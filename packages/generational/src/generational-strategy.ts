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

import {
  type CollectionReason,
  type CollectorHeap,
  type GcControl,
  type GenerationStats,
  isGcType,
  type Strategy,
  type StrategyFactory,
  type StrategyStats,
  type TypeId,
} from '@pymm/core';
import { COLLECTING, type CollectorState, collectGeneration, NOT_COLLECTING } from './collection.js';
import { GcList, GcLists } from './gc-lists.js';
import { type CPythonProfile, type ProfileName, profileByName } from './profiles.js';

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
 * const py = createRuntime({ strategy: generational() });
 * py.locals.a = py.list();
 * py.append(py.locals.a, py.locals.a); // a self-referencing list
 * py.del('a');
 * py.collect(); // 1
 * py.strategy.getCount(); // [0, 0, 0]
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
export class GenerationalStrategy implements Strategy, GcControl, CollectorState {
  readonly name = 'generational';
  /** The profile this strategy reproduces. */
  readonly profile: CPythonProfile;
  readonly lists = new GcLists();
  gcRefs = new Int32Array(1024).fill(NOT_COLLECTING);
  /** `generations[i].count`. */
  readonly count = [0, 0, 0];
  /** `generations[i].threshold`. */
  readonly threshold: number[];
  /** `generation_stats`: what `gc.get_stats()` reports. */
  readonly generationStats = [0, 1, 2].map(() => ({ collections: 0, collected: 0, uncollectable: 0 }));
  longLivedPending = 0;
  longLivedTotal = 0;
  debug = 0;
  readonly garbage: number[] = [];
  readonly debugLog: string[] = [];
  /** `gc.callbacks`. */
  readonly callbacks: GcCallback[] = [];
  private enabled = true;
  private collecting = false;
  private scheduled = false;

  constructor(
    /** The heap this strategy serves. */
    readonly heap: CollectorHeap,
    profile: CPythonProfile,
  ) {
    this.profile = profile;
    this.threshold = [...profile.thresholds];
  }

  /** The `gc` controls (this strategy itself). */
  get gc(): GcControl {
    return this;
  }

  /** `_PyObject_GC_Link`: a GC container taken from the allocator counts; 3.11 may collect right here. */
  allocating(type: TypeId, _bytes: number, fresh: boolean): void {
    if (!fresh || !isGcType(type)) return;
    this.count[0]++;
    if (this.count[0] > this.threshold[0] && this.enabled && this.threshold[0] !== 0 && !this.collecting) {
      if (this.profile.deferredCollection) {
        this.scheduled = true;
      } else {
        this.collecting = true;
        try {
          this.collectGenerations();
        } finally {
          this.collecting = false;
        }
      }
    }
  }

  /** `PyObject_GC_Del`: a GC container's memory went back to the allocator; the count drops, floored at 0. */
  released(type: TypeId, _bytes: number, toAllocator: boolean): void {
    if (toAllocator && isGcType(type) && this.count[0] > 0) this.count[0]--;
  }

  /** `_PyObject_GC_TRACK`: appended to generation 0. */
  track(slot: number): void {
    this.lists.append(GcList.Generation0, slot);
  }

  /** `_PyObject_GC_UNTRACK`: unlinked from whatever list holds it. */
  untrack(slot: number): void {
    this.lists.remove(slot);
    this.heap.store.flags[slot] &= ~COLLECTING;
    if (slot < this.gcRefs.length) this.gcRefs[slot] = NOT_COLLECTING;
  }

  /** 3.12+: a collection scheduled by an allocation runs at the next operation boundary (the eval breaker). */
  safepoint(): void {
    if (!this.scheduled) return;
    this.scheduled = false;
    if (this.profile.runGcChecksEnabled && !this.enabled) return;
    this.collecting = true;
    try {
      this.collectGenerations();
    } finally {
      this.collecting = false;
    }
  }

  /**
   * `gc_collect_generations`: collects the oldest generation whose count
   * exceeds its threshold, skipping a full collection while
   * `long_lived_pending < long_lived_total / 4`.
   */
  private collectGenerations(): number {
    for (let i = 2; i >= 0; i--) {
      if (this.count[i] > this.threshold[i]) {
        if (i === 2 && this.longLivedPending < Math.floor(this.longLivedTotal / 4)) continue;
        return this.collectWithCallback(i, 'threshold');
      }
    }
    return 0;
  }

  /** `gc_collect_with_callback`: `gc.callbacks` around one collection, and the collection events. */
  private collectWithCallback(generation: number, reason: CollectionReason): number {
    this.invokeCallbacks('start', generation, 0, 0);
    const outcome = this.heap.collection(generation, reason, () => collectGeneration(this, generation));
    this.invokeCallbacks('stop', generation, outcome.collected, outcome.uncollectable);
    return outcome.collected + outcome.uncollectable;
  }

  /**
   * `invoke_gc_callback`: when callbacks exist, CPython builds the info dict
   * and an argument tuple per call; both are GC objects and move the counts.
   */
  private invokeCallbacks(
    phase: 'start' | 'stop',
    generation: number,
    collected: number,
    uncollectable: number,
  ): void {
    if (this.callbacks.length === 0) return;
    const heap = this.heap;
    const info = heap.newDict();
    heap.incref(info);
    for (const callback of [...this.callbacks]) {
      const args = heap.newTuple([heap.newStr(phase, true), info]);
      heap.incref(args);
      callback(phase, { generation, collected, uncollectable });
      heap.decref(args);
    }
    heap.decref(info);
  }

  /** `gc.collect(generation)`: returns 0 without collecting when a collection is already running. */
  collect(generation: number, reason: CollectionReason = 'explicit'): number {
    if (!Number.isInteger(generation) || generation < 0 || generation > 2) {
      throw new RangeError(`invalid generation ${generation} (0, 1 or 2)`);
    }
    if (this.collecting) return 0;
    this.collecting = true;
    try {
      return this.collectWithCallback(generation, reason);
    } finally {
      this.collecting = false;
    }
  }

  // ---------------------------------------------------------------------------
  // The gc module's controls

  enable(): void {
    this.enabled = true;
  }
  disable(): void {
    this.enabled = false;
  }
  isEnabled(): boolean {
    return this.enabled;
  }
  /** `gc.freeze()`: everything tracked moves to the permanent generation; all counts become 0. */
  freeze(): void {
    for (let i = 0; i < 3; i++) {
      this.lists.merge(i, GcList.Permanent);
      this.count[i] = 0;
    }
  }
  /** `gc.unfreeze()`: the permanent generation moves back into generation 2. */
  unfreeze(): void {
    this.lists.merge(GcList.Permanent, GcList.Generation2);
  }
  getFreezeCount(): number {
    return this.lists.size(GcList.Permanent);
  }
  setThreshold(threshold0: number, threshold1?: number, threshold2?: number): void {
    this.threshold[0] = threshold0;
    if (threshold1 !== undefined) this.threshold[1] = threshold1;
    if (threshold2 !== undefined) this.threshold[2] = threshold2;
  }
  getThreshold(): readonly number[] {
    return [...this.threshold];
  }
  getCount(): readonly number[] {
    return [...this.count];
  }
  getStats(): readonly GenerationStats[] {
    return this.generationStats.map((s) => ({ ...s }));
  }

  stats(): StrategyStats {
    return {
      collections: this.generationStats.map((s) => s.collections),
      collected: this.generationStats.map((s) => s.collected),
      uncollectable: this.generationStats.map((s) => s.uncollectable),
      extra: { longLivedTotal: this.longLivedTotal, longLivedPending: this.longLivedPending },
    };
  }
}
