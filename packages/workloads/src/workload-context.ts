/**
 * Building the {@link WorkloadContext} a workload runs with: scale, seed, the
 * seeded generator, parameters and the phase callback.
 *
 * @module
 */

import { parameterValues } from './parameters.js';
import { seededRandom } from './seeded-random.js';
import type { Workload, WorkloadContext } from './workload.js';

/**
 * Options of {@link createContext}.
 *
 * @example
 * ```ts
 * import { type ContextOptions, createContext, gcCollect } from '@pymm/workloads';
 * const options: ContextOptions = { scale: 0.2, workload: gcCollect, params: { iterations: 1 } };
 * createContext(options).params.iterations; // 1
 * ```
 */
export interface ContextOptions {
  /** Size multiplier (default 1, the default suite's size); must be positive. */
  readonly scale?: number;
  /** Seed of `context.random` (default 1). */
  readonly seed?: number;
  /** Parameter overrides. */
  readonly params?: Readonly<Record<string, number>>;
  /**
   * The workload the context is for: its defaults are merged under `params`,
   * and an override naming a parameter it does not have is an error.
   */
  readonly workload?: Workload;
  /** Called when the workload enters a phase; without it `context.phase` does nothing. */
  readonly onPhase?: (name: string) => void;
}

/**
 * The seed used when none is given.
 *
 * @example
 * ```ts
 * import { createContext, DEFAULT_SEED } from '@pymm/workloads';
 * createContext().seed === DEFAULT_SEED; // true
 * ```
 */
export const DEFAULT_SEED = 1;

/**
 * Builds a workload context: a seeded, deterministic `random` (mulberry32),
 * parameters (with the workload's defaults when `workload` is given), and a
 * `phase` that calls `onPhase` (or does nothing).
 *
 * @example
 * ```ts
 * import { createContext } from '@pymm/workloads';
 * const phases: string[] = [];
 * const context = createContext({ scale: 0.5, seed: 7, onPhase: (name) => phases.push(name) });
 * context.phase('build');
 * phases; // ['build']
 * context.random() === createContext({ seed: 7 }).random(); // true
 * context.scale; // 0.5
 * ```
 */
export function createContext(options: ContextOptions = {}): WorkloadContext {
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new RangeError(`createContext: scale must be a positive number, got ${scale}`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isFinite(seed))
    throw new RangeError(`createContext: seed must be a finite number, got ${seed}`);
  const params = options.workload
    ? parameterValues(options.workload, options.params)
    : { ...(options.params ?? {}) };
  const onPhase = options.onPhase;
  return Object.freeze({
    scale,
    seed,
    params: Object.freeze(params),
    random: seededRandom(seed),
    phase: onPhase ? (name: string) => onPhase(name) : () => {},
  });
}

/**
 * A count scaled by `context.scale`: `Math.max(1, Math.round(base * scale))`.
 * Workloads size their loops with it, so work grows linearly with the scale.
 *
 * @example
 * ```ts
 * import { createContext, scaledCount } from '@pymm/workloads';
 * scaledCount(createContext({ scale: 0.25 }), 1000); // 250
 * scaledCount(createContext({ scale: 0.0001 }), 1000); // 1
 * ```
 */
export function scaledCount(context: WorkloadContext, base: number): number {
  return Math.max(1, Math.round(base * context.scale));
}
