/**
 * Options of the mark-sweep strategy, their defaults and their validation.
 *
 * @module
 */

import {
  type CollectionTrigger,
  DEFAULT_GROWTH_FACTOR,
  DEFAULT_MINIMUM_BUDGET_BYTES,
  FixedHeapTrigger,
  GrowthTrigger,
} from './trigger.js';

/**
 * Default work units per incremental step: about a tenth of a millisecond of
 * marking on a laptop (see the package README's benchmark).
 *
 * @example
 * ```ts
 * import { DEFAULT_STEP_BUDGET } from '@pymm/mark-sweep';
 * DEFAULT_STEP_BUDGET; // 10000
 * ```
 */
export const DEFAULT_STEP_BUDGET = 10_000;

/**
 * Default slots swept per allocation or safepoint by the lazy sweeper.
 *
 * @example
 * ```ts
 * import { DEFAULT_LAZY_SWEEP_SLOTS } from '@pymm/mark-sweep';
 * DEFAULT_LAZY_SWEEP_SLOTS; // 256
 * ```
 */
export const DEFAULT_LAZY_SWEEP_SLOTS = 256;

/**
 * How the stop-the-world collector sweeps: `eager` frees all garbage inside
 * the collection pause; `lazy` sweeps a bounded number of slots at each later
 * allocation and safepoint.
 *
 * @example
 * ```ts
 * import { markSweep, type SweepMode } from '@pymm/mark-sweep';
 * const sweep: SweepMode = 'lazy';
 * markSweep({ sweep }).name; // 'mark-sweep-lazy'
 * ```
 */
export type SweepMode = 'eager' | 'lazy';

/**
 * Options of incremental mode.
 *
 * @example
 * ```ts
 * import { markSweep, type IncrementalOptions } from '@pymm/mark-sweep';
 * const incremental: IncrementalOptions = { stepBudget: 500 };
 * markSweep({ incremental }).requirements.writeBarrier; // true
 * ```
 */
export interface IncrementalOptions {
  /**
   * Work units per step (default {@link DEFAULT_STEP_BUDGET}): one per object
   * scanned, per reference read, per root visited, per slot swept, per
   * registry entry or finalizer.
   */
  readonly stepBudget?: number;
}

/**
 * Where an error that nobody can catch came from: a finalizer or a weak
 * reference's callback, run by the collector.
 *
 * @example
 * ```ts
 * import type { UnraisableContext } from '@pymm/mark-sweep';
 * const where: UnraisableContext = 'finalizer';
 * ```
 */
export type UnraisableContext = 'finalizer' | 'weakref-callback';

/**
 * Options of {@link markSweep}. All are optional.
 *
 * @example
 * ```ts
 * import { markSweep, type MarkSweepOptions } from '@pymm/mark-sweep';
 * const options: MarkSweepOptions = { growthFactor: 0.5, minimumBudgetBytes: 64 * 1024, sweep: 'lazy' };
 * markSweep(options).name; // 'mark-sweep-lazy'
 * ```
 */
export interface MarkSweepOptions {
  /**
   * GOGC-like growth: after a cycle, the program may allocate this fraction
   * of the surviving bytes before the next one (default 1, i.e. 100 %).
   */
  readonly growthFactor?: number;
  /** The smallest allocation budget between collections (default 256 KiB). */
  readonly minimumBudgetBytes?: number;
  /** A fixed heap size in live bytes: collect whenever it would be exceeded (replaces `growthFactor`). */
  readonly heapBytes?: number;
  /** Your own policy; replaces `growthFactor`, `minimumBudgetBytes` and `heapBytes`. */
  readonly trigger?: CollectionTrigger;
  /** `eager` (default) or `lazy` sweeping, for the stop-the-world collector. Incremental mode always sweeps in steps. */
  readonly sweep?: SweepMode;
  /** Slots the lazy sweeper examines per allocation or safepoint (default 256). */
  readonly lazySweepSlots?: number;
  /** Incremental mode: `true` for the default step budget, or its options. */
  readonly incremental?: boolean | IncrementalOptions;
  /**
   * Receives what a finalizer or weak-reference callback throws. Python
   * prints such errors ("Exception ignored in ...") and carries on; the
   * default records the last one in `strategy.lastUnraisable` and counts them.
   */
  readonly onUnraisable?: (error: unknown, context: UnraisableContext) => void;
}

/** Options with their defaults applied. */
export interface ResolvedOptions {
  readonly trigger: CollectionTrigger;
  readonly incremental: boolean;
  readonly stepBudget: number;
  readonly sweep: SweepMode;
  readonly lazySweepSlots: number;
  readonly onUnraisable: ((error: unknown, context: UnraisableContext) => void) | undefined;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`markSweep: ${name} must be a positive integer, got ${value}`);
  }
  return value;
}

/** Applies the defaults and checks the values, with messages that name the option. */
export function resolveOptions(options: MarkSweepOptions): ResolvedOptions {
  const minimum = options.minimumBudgetBytes ?? DEFAULT_MINIMUM_BUDGET_BYTES;
  if (options.trigger && (options.heapBytes !== undefined || options.growthFactor !== undefined)) {
    throw new RangeError('markSweep: give either trigger or growthFactor/heapBytes, not both');
  }
  if (options.heapBytes !== undefined && options.growthFactor !== undefined) {
    throw new RangeError(
      'markSweep: heapBytes (a fixed heap) and growthFactor (a growing heap) exclude each other',
    );
  }
  const trigger =
    options.trigger ??
    (options.heapBytes !== undefined
      ? new FixedHeapTrigger(options.heapBytes, minimum)
      : new GrowthTrigger(options.growthFactor ?? DEFAULT_GROWTH_FACTOR, minimum));
  const incremental = options.incremental !== undefined && options.incremental !== false;
  const stepBudget = positiveInteger(
    typeof options.incremental === 'object'
      ? (options.incremental.stepBudget ?? DEFAULT_STEP_BUDGET)
      : DEFAULT_STEP_BUDGET,
    'incremental.stepBudget',
  );
  const sweep = options.sweep ?? 'eager';
  if (sweep !== 'eager' && sweep !== 'lazy') {
    throw new RangeError(`markSweep: sweep must be 'eager' or 'lazy', got '${String(sweep)}'`);
  }
  return {
    trigger,
    incremental,
    stepBudget,
    sweep,
    lazySweepSlots: positiveInteger(options.lazySweepSlots ?? DEFAULT_LAZY_SWEEP_SLOTS, 'lazySweepSlots'),
    onUnraisable: options.onUnraisable,
  };
}

/** The strategy's name for resolved options: `mark-sweep`, `mark-sweep-lazy` or `mark-sweep-incremental`. */
export function strategyName(resolved: ResolvedOptions): string {
  if (resolved.incremental) return 'mark-sweep-incremental';
  return resolved.sweep === 'lazy' ? 'mark-sweep-lazy' : 'mark-sweep';
}
