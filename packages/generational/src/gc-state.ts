/**
 * The collector's state, CPython's `struct _gc_runtime_state` (`GCState`):
 * the generations with their counts and thresholds, the statistics, the
 * long-lived bookkeeping, `gc.garbage`, `gc.callbacks` and the debug flags,
 * plus the per-slot `gc_refs` a collection works with. Private to the package:
 * the `GenerationalStrategy` holds one, and the `gc` module reads it.
 *
 * The object flag bits the collector sets during a collection are declared
 * here too: CPython keeps them in `PyGC_Head`, the model in core's flag bits
 * reserved for the active strategy.
 *
 * @module
 */

import { ObjectFlag } from '@pymm/core';
import type { GcCallback } from './gc-callbacks.js';
import { GcLists } from './gc-lists.js';

/** `NUM_GENERATIONS`: generations 0 (youngest) to `NUM_GENERATIONS - 1` (oldest). */
export const NUM_GENERATIONS = 3;

/**
 * The object is in the set being collected (`PREV_MASK_COLLECTING`), from
 * `update_refs` until `move_unreachable` finds it reachable, or until the
 * collection ends.
 */
export const COLLECTING = ObjectFlag.Strategy0;

/**
 * The object was tentatively moved to `unreachable` (`NEXT_MASK_UNREACHABLE`),
 * from `move_unreachable` until `move_legacy_finalizers`.
 */
export const UNREACHABLE = ObjectFlag.Strategy1;

/**
 * `gc_refs` of an object that is not in the set being collected. Keeping the
 * "collecting" mark in the same array as `gc_refs` lets the hot loops touch one
 * array per referent instead of two (the {@link COLLECTING} flag is kept in step
 * for everything else).
 */
export const NOT_COLLECTING = -1;

/** One generation's row of `generation_stats` (what `gc.get_stats()` reports). */
export interface GenerationCounters {
  collections: number;
  collected: number;
  uncollectable: number;
}

/** `GCState`: everything the collector keeps between and during collections. */
export class CollectorState {
  /** The generations, the permanent generation and a collection's working lists. */
  readonly lists = new GcLists();
  /** `gc_refs` per slot during a collection; {@link NOT_COLLECTING} outside the collected set. */
  gcRefs = new Int32Array(1024).fill(NOT_COLLECTING);
  /** `generations[i].count`. */
  readonly count: number[] = Array.from({ length: NUM_GENERATIONS }, () => 0);
  /** `generations[i].threshold`. */
  readonly threshold: number[];
  /** `generation_stats`. */
  readonly generationStats: GenerationCounters[] = Array.from({ length: NUM_GENERATIONS }, () => ({
    collections: 0,
    collected: 0,
    uncollectable: 0,
  }));
  /** `long_lived_pending`: objects that survived a middle collection since the last full one. */
  longLivedPending = 0;
  /** `long_lived_total`: objects that survived the last full collection. */
  longLivedTotal = 0;
  /** `enabled`: automatic collection is on (`gc.enable()`). */
  enabled = true;
  /** `collecting`: a collection is running (none starts inside another). */
  collecting = false;
  /** `debug`: the `DEBUG_*` flags of `gc.set_debug()`. */
  debug = 0;
  /** `gc.garbage`: slots kept by `DEBUG_SAVEALL` (each holds one reference). */
  readonly garbage: number[] = [];
  /** `gc.callbacks`. */
  readonly callbacks: GcCallback[] = [];
  /** Where `DEBUG_STATS` / `DEBUG_COLLECTABLE` lines go (CPython prints them to stderr). */
  readonly debugLog: string[] = [];

  constructor(thresholds: readonly number[]) {
    this.threshold = [...thresholds];
  }

  /** Grows {@link gcRefs} to cover every slot below `slotLimit`. */
  reserveRefs(slotLimit: number): void {
    if (this.gcRefs.length >= slotLimit) return;
    let size = Math.max(1024, this.gcRefs.length);
    while (size < slotLimit) size *= 2;
    const grown = new Int32Array(size).fill(NOT_COLLECTING);
    grown.set(this.gcRefs);
    this.gcRefs = grown;
  }
}
