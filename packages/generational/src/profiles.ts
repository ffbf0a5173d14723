/**
 * The CPython versions the generational strategy reproduces, and what differs
 * between them.
 *
 * @module
 */

/**
 * Names of the profiles.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { type ProfileName, generational } from '@pymm/generational';
 * const names: ProfileName[] = ['cpython-3.11', 'cpython-3.13'];
 * names.map((profile) => createRuntime({ strategy: generational({ profile }) }).strategy.getThreshold()[0]); // [700, 2000]
 * ```
 */
export type ProfileName = 'cpython-3.11' | 'cpython-3.12' | 'cpython-3.13';

/**
 * What distinguishes one CPython version's collector bookkeeping from another's.
 *
 * @example
 * ```ts
 * import { type CPythonProfile, profileByName } from '@pymm/generational';
 * const profile: CPythonProfile = profileByName('cpython-3.12');
 * profile.version; // '3.12'
 * profile.deferredCollection; // true: collections wait for the eval breaker
 * ```
 */
export interface CPythonProfile {
  readonly name: ProfileName;
  /** The CPython version, e.g. `3.11`. */
  readonly version: '3.11' | '3.12' | '3.13';
  /** Default `gc.get_threshold()`. */
  readonly thresholds: readonly [number, number, number];
  /**
   * 3.12+: an allocation only schedules the collection, which runs at the
   * next eval-breaker check (modelled as the next operation boundary) and
   * re-checks the thresholds then. 3.11 collects inside the allocation.
   */
  readonly deferredCollection: boolean;
  /** 3.13: a scheduled collection is skipped when the collector was disabled meanwhile. */
  readonly runGcChecksEnabled: boolean;
}

/**
 * Every profile, by name.
 *
 * @example
 * ```ts
 * import { PROFILES } from '@pymm/generational';
 * Object.keys(PROFILES); // ['cpython-3.11', 'cpython-3.12', 'cpython-3.13']
 * PROFILES['cpython-3.11'].deferredCollection; // false: 3.11 collects inside the allocation
 * ```
 */
export const PROFILES: Readonly<Record<ProfileName, CPythonProfile>> = {
  'cpython-3.11': {
    name: 'cpython-3.11',
    version: '3.11',
    thresholds: [700, 10, 10],
    deferredCollection: false,
    runGcChecksEnabled: false,
  },
  'cpython-3.12': {
    name: 'cpython-3.12',
    version: '3.12',
    thresholds: [700, 10, 10],
    deferredCollection: true,
    runGcChecksEnabled: false,
  },
  'cpython-3.13': {
    name: 'cpython-3.13',
    version: '3.13',
    thresholds: [2000, 10, 10],
    deferredCollection: true,
    runGcChecksEnabled: true,
  },
};

/**
 * A profile by name; throws a `RangeError` listing the valid names otherwise.
 *
 * @example
 * ```ts
 * import { profileByName } from '@pymm/generational';
 * profileByName('cpython-3.13').thresholds; // [2000, 10, 10]
 * ```
 */
export function profileByName(name: string): CPythonProfile {
  const profile = (PROFILES as Record<string, CPythonProfile>)[name];
  if (!profile) {
    throw new RangeError(`unknown profile '${name}' (expected one of: ${Object.keys(PROFILES).join(', ')})`);
  }
  return profile;
}
