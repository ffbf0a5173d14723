/**
 * The `gc` module's controls, for strategies that have them. A strategy that
 * models CPython's collector exposes a {@link GcControl} as `strategy.gc`;
 * others leave it out, and callers then apply only what has a meaning for
 * them (the trace format's rule).
 *
 * @module
 */

/**
 * One generation's row of `gc.get_stats()`.
 *
 * @example
 * ```ts
 * import type { GcControl, GenerationStats } from '@pymm/core';
 * // Objects a collector freed so far, over all generations.
 * function totalCollected(gc: GcControl): number {
 *   return gc.getStats().reduce((sum: number, row: GenerationStats) => sum + row.collected, 0);
 * }
 * // gc.get_stats() of a program that ran twelve young and one middle collection:
 * const rows: GenerationStats[] = [
 *   { collections: 12, collected: 30, uncollectable: 0 },
 *   { collections: 1, collected: 2, uncollectable: 0 },
 *   { collections: 0, collected: 0, uncollectable: 0 },
 * ];
 * rows.reduce((sum, row) => sum + row.collected, 0); // 32
 * ```
 */
export interface GenerationStats {
  readonly collections: number;
  readonly collected: number;
  readonly uncollectable: number;
}

/**
 * The controls of Python's `gc` module, in camelCase.
 *
 * @example
 * ```ts
 * import type { GcControl } from '@pymm/core';
 * function quiet(gc: GcControl): void {
 *   gc.disable();
 *   gc.setThreshold(0);
 * }
 * ```
 */
export interface GcControl {
  /** `gc.enable()`. */
  enable(): void;
  /** `gc.disable()`. */
  disable(): void;
  /** `gc.isenabled()`. */
  isEnabled(): boolean;
  /** `gc.freeze()`. */
  freeze(): void;
  /** `gc.unfreeze()`. */
  unfreeze(): void;
  /** `gc.get_freeze_count()`. */
  getFreezeCount(): number;
  /** `gc.set_threshold(t0[, t1[, t2]])`. */
  setThreshold(threshold0: number, threshold1?: number, threshold2?: number): void;
  /** `gc.get_threshold()`. */
  getThreshold(): readonly number[];
  /** `gc.get_count()`. */
  getCount(): readonly number[];
  /** `gc.get_stats()`. */
  getStats(): readonly GenerationStats[];
  /** `gc.set_debug(flags)`, the `DEBUG_*` flags (optional: a collector without them leaves it out). */
  setDebug?(flags: number): void;
  /**
   * What the collections since the last call kept for `gc.garbage` (`DEBUG_SAVEALL`: slots, each
   * with one reference that passes to the caller) and the lines they logged for the `DEBUG_*`
   * flags (`gc: collectable <Node #12>`, the slot after `#`).
   */
  takeDebugOutput?(): { readonly garbage: number[]; readonly log: string[] };
  /**
   * `gc.get_objects(generation)`: the tracked objects of one generation, in the order of its list
   * (optional: a collector without generations leaves it out).
   */
  getObjects?(generation: number): number[];
}
