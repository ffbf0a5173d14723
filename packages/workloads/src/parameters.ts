/**
 * Workload parameters: reading one inside a workload (with its default when
 * the caller gave none) and merging a caller's overrides with a workload's
 * defaults (rejecting names the workload does not have).
 *
 * @module
 */

import type { Workload, WorkloadContext, WorkloadParameter } from './workload.js';

/**
 * The value of a parameter in a running workload: the caller's override from
 * `context.params`, else the parameter's default. Workloads read every
 * parameter through this, so a context built without the workload's
 * defaults still runs the documented program.
 *
 * @example
 * ```ts
 * import { createContext, parameterValue } from '@pymm/workloads';
 * const rings = { name: 'rings', description: 'rings to create', default: 100 };
 * parameterValue(createContext(), rings); // 100
 * parameterValue(createContext({ params: { rings: 7 } }), rings); // 7
 * ```
 */
export function parameterValue(context: WorkloadContext, parameter: WorkloadParameter): number {
  const value = context.params[parameter.name];
  return value === undefined ? parameter.default : value;
}

/**
 * A workload's parameter values: its defaults, overridden by `overrides`.
 * Throws a `RangeError` naming the workload's parameters when an override
 * names one it does not have, or is not a finite number.
 *
 * @example
 * ```ts
 * import { gcCollect, parameterValues } from '@pymm/workloads';
 * parameterValues(gcCollect, { iterations: 3 }).iterations; // 3
 * parameterValues(gcCollect).cycles; // 100
 * ```
 */
export function parameterValues(
  workload: Workload,
  overrides: Readonly<Record<string, number>> = {},
): Record<string, number> {
  const values: Record<string, number> = {};
  for (const parameter of workload.parameters) values[parameter.name] = parameter.default;
  for (const [name, value] of Object.entries(overrides)) {
    if (!(name in values)) {
      const known = workload.parameters.map((p) => p.name).join(', ') || 'none';
      throw new RangeError(`${workload.name}: unknown parameter '${name}' (its parameters: ${known})`);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(
        `${workload.name}: parameter '${name}' must be a finite number, got ${String(value)}`,
      );
    }
    values[name] = value;
  }
  return values;
}
