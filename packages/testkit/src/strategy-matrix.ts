/**
 * The strategy matrix: every strategy configuration the tests run, derived
 * from what the strategy packages export (the generational profiles, the
 * mark-sweep profiles), not from defaults typed again here. The baseline,
 * pure reference counting, the generational collector in each CPython
 * profile, and mark-sweep in each of its profiles.
 *
 * Tests choose what to expect from a configuration's declarations
 * ({@link declarationsOf}), never from its label or its strategy's class.
 */

import {
  type CPythonVersion,
  noGC,
  type Strategy,
  type StrategyFactory,
  type StrategyGuarantees,
} from '@pymm/core';
import { generational, PROFILES, type ProfileName } from '@pymm/generational';
import {
  createMarkSweepStrategy,
  MARK_SWEEP_PROFILES,
  type MarkSweepOptions,
  type MarkSweepProfile,
} from '@pymm/mark-sweep';
import { refcount } from '@pymm/refcount';

/**
 * Tiny budgets that make the collectors run often in short programs:
 * generational thresholds of a few allocations, a mark-sweep budget of a few
 * KiB, incremental steps of a few work units. A configuration created
 * without pressure (or with `stress: false`) is exactly as its profile
 * defines it.
 */
export interface Pressure {
  readonly stress: boolean;
  /** `gc.set_threshold(...)` for the generational profiles. */
  readonly thresholds: readonly [number, number, number];
  /** Mark-sweep's minimum heap budget. */
  readonly minimumBudgetBytes: number;
  /** Work units per step, for the profiles that collect incrementally. */
  readonly stepBudget: number;
  /** Slots per step, for the profiles that sweep lazily. */
  readonly lazySweepSlots: number;
}

/** A strategy configuration. */
export interface Configuration {
  /** For test names and logs, e.g. `generational cpython-3.12`. */
  readonly label: string;
  /** The CPython version whose object model the runtime uses (the runtime's default when absent). */
  readonly version?: CPythonVersion;
  /** The strategy (a factory: one instance per runtime), as its profile defines it unless `pressure.stress`. */
  readonly create: (pressure?: Pressure) => StrategyFactory;
  /** Applies what the strategy instance exposes through its `gc` module once the runtime exists. */
  readonly configure?: (strategy: Strategy, pressure: Pressure) => void;
}

function generationalProfile(profile: ProfileName): Configuration {
  return {
    label: `generational ${profile}`,
    version: PROFILES[profile].version,
    create: () => generational({ profile }),
    configure: (strategy, pressure) => {
      if (pressure.stress) strategy.gc?.setThreshold(...pressure.thresholds);
    },
  };
}

/** The tiny budgets that apply to a mark-sweep profile, read from the profile's own options. */
function markSweepPressure(profile: MarkSweepProfile, pressure: Pressure): MarkSweepOptions {
  const options: MarkSweepOptions = MARK_SWEEP_PROFILES[profile];
  const budget = { minimumBudgetBytes: pressure.minimumBudgetBytes };
  if (options.incremental) return { ...budget, incremental: { stepBudget: pressure.stepBudget } };
  if (options.sweep === 'lazy') return { ...budget, lazySweepSlots: pressure.lazySweepSlots };
  return budget;
}

function markSweepProfile(profile: MarkSweepProfile): Configuration {
  return {
    label: `mark-sweep ${profile}`,
    create: (pressure) =>
      createMarkSweepStrategy(profile, pressure?.stress ? markSweepPressure(profile, pressure) : {}),
  };
}

/** Every configuration, in the order the tests report them. */
export const CONFIGURATIONS: readonly Configuration[] = [
  { label: 'nogc', create: () => noGC() },
  { label: 'refcount', create: () => refcount() },
  ...(Object.keys(PROFILES) as ProfileName[]).map(generationalProfile),
  ...(Object.keys(MARK_SWEEP_PROFILES) as MarkSweepProfile[]).map(markSweepProfile),
];

/** A configuration by label. */
export function configuration(label: string): Configuration {
  const found = CONFIGURATIONS.find((c) => c.label === label);
  if (!found) throw new RangeError(`no configuration '${label}'`);
  return found;
}

/**
 * What a configuration's strategy declares about itself: its guarantees and
 * whether it keeps reference counts.
 */
export interface Declarations extends StrategyGuarantees {
  readonly referenceCounting: boolean;
}

const declarationsByLabel = new Map<string, Declarations>();

/**
 * The declarations of the configuration's strategy, read once from its
 * factory. This is the one place the kit reads a strategy's declarations.
 */
export function declarationsOf(config: Configuration): Declarations {
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
  return declarationsOf(config).reclaimsCycles;
}

/** Whether the configuration frees nothing at all (neither promptly nor by collecting). */
export function freesNothing(config: Configuration): boolean {
  const { prompt, reclaimsCycles } = declarationsOf(config);
  return !prompt && !reclaimsCycles;
}

/**
 * Whether the configuration traces instead of counting: it frees garbage only
 * when it collects, and keeps what a finalized object reaches for one more
 * cycle (finalized objects are freed by the next collection).
 */
export function traces(config: Configuration): boolean {
  const { referenceCounting, reclaimsCycles } = declarationsOf(config);
  return !referenceCounting && reclaimsCycles;
}
