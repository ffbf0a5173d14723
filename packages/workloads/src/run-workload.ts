/**
 * Running a workload on a runtime in one call.
 *
 * @module
 */

import type { Runtime } from '@pymm/core';
import { isPythonWorkload } from './python-workload.js';
import type { Workload } from './workload.js';
import { createContext } from './workload-context.js';

/**
 * Options of {@link runWorkload}.
 *
 * @example
 * ```ts
 * import type { RunWorkloadOptions } from '@pymm/workloads';
 * const options: RunWorkloadOptions = { scale: 0.5, seed: 2, params: { iterations: 3 } };
 * ```
 */
export interface RunWorkloadOptions {
  /** Size multiplier (default 1). */
  readonly scale?: number;
  /** Seed (default 1). */
  readonly seed?: number;
  /** Parameter overrides (checked against the workload's parameters). */
  readonly params?: Readonly<Record<string, number>>;
  /** Also called at each phase, with the operation count at which it starts. */
  readonly onPhase?: (name: string, operation: number) => void;
}

/**
 * A phase of a run: its name and the runtime operation count when it began.
 *
 * @example
 * ```ts
 * import type { PhaseMark } from '@pymm/workloads';
 * const mark: PhaseMark = { name: 'collect', operation: 1200 };
 * ```
 */
export interface PhaseMark {
  readonly name: string;
  readonly operation: number;
}

/**
 * What {@link runWorkload} returns.
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { gcCollect, runWorkload, type WorkloadRun } from '@pymm/workloads';
 * const run: WorkloadRun = runWorkload(gcCollect, createRuntime(), { params: { iterations: 1 } });
 * run.phases.map((phase) => phase.name); // ['create-cycles', 'collect']
 * ```
 */
export interface WorkloadRun {
  /**
   * `runtime.fingerprint` after the run (a Python workload's own fingerprint, see `python-workload.ts`):
   * equal under every strategy for the same workload, scale and seed.
   */
  readonly fingerprint: string;
  /** The phases, in order. */
  readonly phases: readonly PhaseMark[];
}

/**
 * Builds the context (the workload's defaults merged with `params`) and runs
 * the workload on `runtime`, then releases the temporaries it left (which
 * does not change the fingerprint).
 *
 * @example
 * ```ts
 * import { createRuntime } from '@pymm/core';
 * import { refcount } from '@pymm/refcount';
 * import { referenceCycles, runWorkload } from '@pymm/workloads';
 * const py = createRuntime({ strategy: refcount() });
 * const run = runWorkload(referenceCycles, py, { scale: 0.01, seed: 3 });
 * run.phases.map((phase) => phase.name); // ['pairs', 'rings', 'rings-with-finalizers', 'collect']
 * run.fingerprint === py.fingerprint; // true
 * ```
 */
export function runWorkload(
  workload: Workload,
  runtime: Runtime,
  options: RunWorkloadOptions = {},
): WorkloadRun {
  const phases: PhaseMark[] = [];
  const context = createContext({
    scale: options.scale,
    seed: options.seed,
    params: options.params,
    workload,
    onPhase: (name) => {
      const operation = runtime.operation;
      phases.push({ name, operation });
      options.onPhase?.(name, operation);
    },
  });
  if (isPythonWorkload(workload)) {
    const run = workload.runProgram(runtime, context);
    if (run.exitCode !== 0) {
      throw new Error(`${workload.filename}: the program exited with code ${run.exitCode}\n${run.stderr}`);
    }
    return { fingerprint: run.fingerprint, phases };
  }
  workload.run(runtime, context);
  runtime.flushTemporaries();
  return { fingerprint: runtime.fingerprint, phases };
}
