/**
 * Every strategy configuration the reliability tests run: the baseline, pure
 * reference counting, the generational collector in each CPython profile,
 * and mark-sweep in each of its profiles.
 */

import { type CPythonVersion, noGC, type Strategy, type StrategyGuarantees } from '@pymm/core';
import { generational, type ProfileName } from '@pymm/generational';
import { createMarkSweepStrategy, type MarkSweepOptions, type MarkSweepProfile } from '@pymm/mark-sweep';
import { refcount } from '@pymm/refcount';

/**
 * Knobs that make the collectors run often in short programs. A program runs
 * either with its strategy exactly as the profile defines it, or (`stress`)
 * with tiny budgets: generational thresholds of a few allocations, a
 * mark-sweep budget of a few KiB, incremental steps of a few work units.
 */
export interface Pressure {
  readonly stress: boolean;
  /** `gc.set_threshold(...)` for the generational profiles. */
  readonly thresholds: readonly [number, number, number];
  readonly minimumBudgetBytes: number;
  readonly stepBudget: number;
  readonly lazySweepSlots: number;
}

/** No pressure: every strategy as its profile defines it. */
export const PROFILE_DEFAULTS: Pressure = {
  stress: false,
  thresholds: [700, 10, 10],
  minimumBudgetBytes: 262_144,
  stepBudget: 10_000,
  lazySweepSlots: 256,
};

/** A strategy configuration. */
export interface Configuration {
  /** For test names and logs, e.g. `generational cpython-3.12`. */
  readonly label: string;
  /** The CPython version whose object model the runtime uses. */
  readonly version: CPythonVersion;
  /** A fresh strategy (one per runtime). */
  readonly create: (pressure?: Pressure) => Strategy;
  /** Applies what the strategy exposes through its `gc` module once the runtime exists. */
  readonly configure?: (strategy: Strategy, pressure: Pressure) => void;
}

function generationalProfile(profile: ProfileName): Configuration {
  return {
    label: `generational ${profile}`,
    version: profile.slice('cpython-'.length) as CPythonVersion,
    create: () => generational({ profile }),
    configure: (strategy, pressure) => {
      if (pressure.stress) strategy.gc?.setThreshold(...pressure.thresholds);
    },
  };
}

function markSweepProfile(profile: MarkSweepProfile): Configuration {
  return {
    label: `mark-sweep ${profile}`,
    version: '3.11',
    create: (pressure = PROFILE_DEFAULTS) => {
      const overrides: MarkSweepOptions = !pressure.stress
        ? {}
        : profile === 'incremental'
          ? {
              minimumBudgetBytes: pressure.minimumBudgetBytes,
              incremental: { stepBudget: pressure.stepBudget },
            }
          : profile === 'lazy'
            ? { minimumBudgetBytes: pressure.minimumBudgetBytes, lazySweepSlots: pressure.lazySweepSlots }
            : { minimumBudgetBytes: pressure.minimumBudgetBytes };
      return createMarkSweepStrategy(profile, overrides);
    },
  };
}

/** Every configuration, in the order the tests report them. */
export const CONFIGURATIONS: readonly Configuration[] = [
  { label: 'nogc', version: '3.11', create: () => noGC() },
  { label: 'refcount', version: '3.11', create: () => refcount() },
  generationalProfile('cpython-3.11'),
  generationalProfile('cpython-3.12'),
  generationalProfile('cpython-3.13'),
  markSweepProfile('default'),
  markSweepProfile('lazy'),
  markSweepProfile('incremental'),
];

/** A configuration by label. */
export function configuration(label: string): Configuration {
  const found = CONFIGURATIONS.find((c) => c.label === label);
  if (!found) throw new RangeError(`no configuration '${label}'`);
  return found;
}

/**
 * What a configuration's strategy declares about itself: its guarantees and
 * whether it keeps reference counts. The tests choose what to expect from
 * these declarations, never from a strategy's name.
 */
export interface Declarations extends StrategyGuarantees {
  readonly referenceCounting: boolean;
}

const declarationsByLabel = new Map<string, Declarations>();

/** The declarations of the configuration's strategy (read once, from a fresh instance). */
export function declared(config: Configuration): Declarations {
  let found = declarationsByLabel.get(config.label);
  if (!found) {
    const strategy = config.create();
    found = { ...strategy.guarantees, referenceCounting: strategy.requirements.referenceCounting };
    declarationsByLabel.set(config.label, found);
  }
  return found;
}

/** Whether the configuration frees unreachable cycles when asked for a full collection. */
export function collectsCycles(config: Configuration): boolean {
  return declared(config).reclaimsCycles;
}

/** Whether the configuration frees nothing at all (neither promptly nor by collecting). */
export function freesNothing(config: Configuration): boolean {
  const { prompt, reclaimsCycles } = declared(config);
  return !prompt && !reclaimsCycles;
}

/**
 * Whether the configuration traces instead of counting: it frees garbage only
 * when it collects, and keeps what a finalized object reaches for one more
 * cycle (finalized objects are freed by the next collection).
 */
export function traces(config: Configuration): boolean {
  return !declared(config).referenceCounting && declared(config).reclaimsCycles;
}
