/**
 * The strategies the `pymm` command knows by name: the package names without
 * the scope, each with the profiles it accepts.
 *
 * @module
 */

import { noGC, type StrategyFactory } from '@pymm/core';
import { generational, PROFILES } from '@pymm/generational';
import { createMarkSweepStrategy, MARK_SWEEP_PROFILES } from '@pymm/mark-sweep';
import { refcount } from '@pymm/refcount';

/** A strategy the command line can create. */
export interface StrategyEntry {
  /** Name on the command line. */
  readonly name: string;
  /** One line on what it is. */
  readonly summary: string;
  /** Accepted `--profile` values (the first is the default), or none. */
  readonly profiles: readonly string[];
  /** The strategy's factory for a profile (it creates one instance per runtime). */
  readonly factory: (profile: string | undefined) => StrategyFactory;
}

/** Every built-in strategy, by name. */
export const STRATEGIES: readonly StrategyEntry[] = [
  {
    name: 'nogc',
    summary: 'never frees anything: the baseline',
    profiles: [],
    factory: () => noGC(),
  },
  {
    name: 'refcount',
    summary: 'pure reference counting: prompt, but cycles leak',
    profiles: [],
    factory: () => refcount(),
  },
  {
    name: 'generational',
    summary: "reference counting plus CPython's generational cycle collector",
    profiles: Object.keys(PROFILES),
    factory: (profile) => generational({ profile: (profile ?? 'cpython-3.11') as keyof typeof PROFILES }),
  },
  {
    name: 'mark-sweep',
    summary: 'a tracing collector with no reference counts (profile "incremental" for tri-color steps)',
    profiles: Object.keys(MARK_SWEEP_PROFILES),
    factory: (profile) => createMarkSweepStrategy(profile as keyof typeof MARK_SWEEP_PROFILES | undefined),
  },
];

/** Why a strategy could not be chosen. */
export class StrategyChoiceError extends Error {
  override readonly name = 'StrategyChoiceError';
}

/**
 * Looks up a strategy and checks the profile; throws {@link StrategyChoiceError} with the valid choices.
 *
 * @example
 * ```ts
 * import { chooseStrategy } from './strategies.js';
 * chooseStrategy('generational', 'cpython-3.12').name; // 'generational'
 * ```
 */
export function chooseStrategy(name: string, profile?: string): StrategyEntry {
  const entry = STRATEGIES.find((s) => s.name === name);
  if (!entry) {
    throw new StrategyChoiceError(
      `unknown strategy '${name}' (choose one of: ${STRATEGIES.map((s) => s.name).join(', ')})`,
    );
  }
  if (profile !== undefined && !entry.profiles.includes(profile)) {
    throw new StrategyChoiceError(
      entry.profiles.length === 0
        ? `strategy '${name}' has no profiles (got --profile ${profile})`
        : `unknown profile '${profile}' for ${name} (choose one of: ${entry.profiles.join(', ')})`,
    );
  }
  return entry;
}
