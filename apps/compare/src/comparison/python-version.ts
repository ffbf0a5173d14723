/**
 * The CPython version a strategy's runs model: the generational profile's version
 * (`generational:cpython-3.13` runs as 3.13), and 3.11 for every other strategy (the default
 * version of `@pymm/core` and of `@pymm/python`). Workloads and programs run with that version's
 * object sizes and behaviour, and the CPython column runs the same version when it is installed.
 * Fingerprints are compared only between runs of one version.
 *
 * @module
 */

import type { CPythonVersion } from '@pymm/core';
import type { StrategySpec } from './strategy-spec.js';

/** The version of strategies without a version of their own. */
export const DEFAULT_PYTHON_VERSION: CPythonVersion = '3.11';

/**
 * The CPython version a strategy's runs model.
 *
 * @example
 * ```ts
 * import { pythonVersionOf } from './python-version.js';
 * pythonVersionOf({ name: 'generational', profile: 'cpython-3.13', label: 'generational (cpython-3.13)' }); // '3.13'
 * pythonVersionOf({ name: 'mark-sweep', profile: 'incremental', label: 'mark-sweep (incremental)' }); // '3.11'
 * ```
 */
export function pythonVersionOf(spec: Pick<StrategySpec, 'name' | 'profile'>): CPythonVersion {
  const match = spec.name === 'generational' ? /^cpython-(3\.1[0-3])$/.exec(spec.profile ?? '') : null;
  return match ? (match[1] as CPythonVersion) : DEFAULT_PYTHON_VERSION;
}
