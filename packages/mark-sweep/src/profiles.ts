/**
 * Named configurations, for command lines (`pymm compare --strategy
 * mark-sweep --profile incremental`) and reports.
 *
 * @module
 */

import type { StrategyFactory } from '@pymm/core';
import { markSweep } from './factory.js';
import type { MarkSweepStrategy } from './mark-sweep.js';
import type { MarkSweepOptions } from './options.js';

/**
 * The profiles {@link createMarkSweepStrategy} knows, with the options each stands for:
 *
 * - `default`: stop-the-world marking, eager sweeping (strategy name `mark-sweep`);
 * - `lazy`: stop-the-world marking, lazy sweeping (`mark-sweep-lazy`);
 * - `incremental`: incremental marking and sweeping with a write barrier (`mark-sweep-incremental`).
 *
 * @example
 * ```ts
 * import { MARK_SWEEP_PROFILES } from '@pymm/mark-sweep';
 * Object.keys(MARK_SWEEP_PROFILES); // ['default', 'lazy', 'incremental']
 * ```
 */
export const MARK_SWEEP_PROFILES = {
  default: {},
  lazy: { sweep: 'lazy' },
  incremental: { incremental: true },
} as const satisfies Readonly<Record<string, MarkSweepOptions>>;

/**
 * A profile name.
 *
 * @example
 * ```ts
 * import type { MarkSweepProfile } from '@pymm/mark-sweep';
 * const profile: MarkSweepProfile = 'incremental';
 * ```
 */
export type MarkSweepProfile = keyof typeof MARK_SWEEP_PROFILES;

/** Names accepted for the default profile (the strategy's own name included). */
const DEFAULT_ALIASES = new Set(['', 'default', 'mark-sweep', 'stop-the-world']);
/** Strategy names accepted as profile names. */
const NAME_ALIASES: Readonly<Record<string, MarkSweepProfile>> = {
  'mark-sweep-lazy': 'lazy',
  'mark-sweep-incremental': 'incremental',
};

/**
 * The mark-sweep strategy ({@link markSweep}) for a profile name (what a CLI's
 * `--profile` gives): `default` (or none), `lazy` or `incremental`; the
 * strategy names `mark-sweep`, `mark-sweep-lazy` and `mark-sweep-incremental`
 * are accepted too. `overrides` adjust the profile's options. Throws a
 * `RangeError` naming the valid profiles for anything else.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { createMarkSweepStrategy } from '@pymm/mark-sweep';
 * const strategy = createMarkSweepStrategy('incremental', { incremental: { stepBudget: 64 } });
 * strategy.name;                    // 'mark-sweep-incremental'
 * createMarkSweepStrategy().name;   // 'mark-sweep'
 * const py = createRuntime({ strategy });
 * py.strategy.stepBudget;           // 64
 * ```
 */
export function createMarkSweepStrategy(
  profile?: string,
  overrides: MarkSweepOptions = {},
): StrategyFactory<MarkSweepStrategy> {
  const key = profile?.trim().toLowerCase() ?? '';
  const name: MarkSweepProfile | undefined = DEFAULT_ALIASES.has(key)
    ? 'default'
    : key in MARK_SWEEP_PROFILES
      ? (key as MarkSweepProfile)
      : NAME_ALIASES[key];
  if (!name) {
    throw new RangeError(
      `unknown mark-sweep profile '${profile}' (expected one of: ${Object.keys(MARK_SWEEP_PROFILES).join(', ')})`,
    );
  }
  return markSweep({ ...MARK_SWEEP_PROFILES[name], ...overrides });
}
